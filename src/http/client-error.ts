import { Logger } from '@nestjs/common';
import { IncomingMessage, maxHeaderSize, ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  InvalidInputError,
  PayloadTooLargeError,
  RequestTimeoutError,
  ServingError,
} from '../common/errors/serving.errors';
import { pathOf } from '../common/url-path';

/** What Node's HTTP server reports on a connection before any request object exists. */
type ConnectionError = Error & { code?: string; reason?: string };

interface Answer {
  readonly status: number;
  readonly message: string;
}

/** Same context as the exception filter's lines, so every client fault is one "Errors" line. */
const logger = new Logger('Errors');

/** What this handler answered for requests that failed while their body was being read. */
const answeredMidBody = new WeakMap<IncomingMessage, Answer>();

/**
 * Answers what Node's HTTP parser refuses before a request exists (headers past the size limit,
 * a malformed request line or chunk, a client too slow to send its request) in the
 * `{"error": "..."}` format of every other answer, and logs each once at warn. Both adapters
 * install it as the server's `clientError` listener, so Express and Fastify answer alike.
 *
 * Like Node's own handler, it writes only on a writable socket whose current response has not
 * started (anything else would corrupt what the peer reads), then destroys the socket: the
 * parser cannot go on after an error. Other socket errors (a reset) get no answer and no log line.
 * A fault in a body being read (a malformed chunk, a slow upload) also aborts that request, which
 * the exception filter logs: that line, not one here, names the fault (see abortedBodyError).
 */
export function answerClientError(error: ConnectionError, socket: Duplex): void {
  const answer = describe(error);
  // Node's own handler reads the same private field: the response of the request being read.
  const current = (socket as { _httpMessage?: ServerResponse })._httpMessage;
  if (!answer || !socket.writable || current?.headersSent) {
    socket.destroy();
    return;
  }
  const { status, message } = answer;
  // A complete request in flight (pipelining) is not failed by this error; no one else logs it.
  if (current && !current.req.complete) answeredMidBody.set(current.req, answer);
  else logger.warn(`client error → ${status}: ${message}`);
  const body = JSON.stringify({ error: message });
  socket.write(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
  socket.destroy();
}

function describe(error: ConnectionError): Answer | undefined {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        message: `the request line and headers exceed the server's limit of ${maxHeaderSize} bytes`,
      };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, message: "chunk extensions exceed the server's limit" };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        status: 408,
        message:
          'the request did not arrive in time (HTTP_HEADERS_TIMEOUT_MS, HTTP_REQUEST_TIMEOUT_MS)',
      };
  }
  if (!error.code?.startsWith('HPE_')) return undefined;
  // llhttp's reasons are fixed strings ("Invalid method encountered"), never request bytes.
  return {
    status: 400,
    message: `malformed HTTP request: ${error.reason ?? 'could not be parsed'} (${error.code})`,
  };
}

/**
 * The error for a request whose body stopped arriving, for the body readers to hand to the
 * exception filter: the fault answerClientError already answered, or else the client went away.
 */
export function abortedBodyError(req: IncomingMessage): ServingError {
  const answer = answeredMidBody.get(req);
  if (!answer) return new InvalidInputError('could not read request body: request aborted');
  // The same status the client was sent, so the log line and the metrics agree with it.
  if (answer.status === 413) return new PayloadTooLargeError(answer.message);
  if (answer.status === 408) return new RequestTimeoutError(answer.message);
  return new InvalidInputError(answer.message);
}

/**
 * Answers a request whose Expect header is not `100-continue` (the server's `checkExpectation`
 * listener): 417 in the error format, logged once, where Node would send an empty 417.
 */
export function refuseExpectation(req: IncomingMessage, res: ServerResponse): void {
  const message = `unsupported Expect header '${String(req.headers.expect).slice(0, 64)}': only 100-continue is supported`;
  logger.warn(`${req.method ?? ''} ${pathOf(req.url ?? '')} → 417: ${message}`.slice(0, 400));
  const body = JSON.stringify({ error: message });
  res.writeHead(417, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

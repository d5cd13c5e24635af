import { Logger } from '@nestjs/common';
import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/** What Node's HTTP server reports on a connection before any request object exists. */
type ConnectionError = Error & { code?: string; reason?: string };

/** Same context as the exception filter's lines, so every client fault is one "Errors" line. */
const logger = new Logger('Errors');

/**
 * Answers what Node's HTTP parser refuses before a request exists (headers past the size limit,
 * a malformed request line or chunk, a client too slow to send its request) in the
 * `{"error": "..."}` format of every other answer, and logs each once at warn. Both adapters
 * install it as the server's `clientError` listener, so Express and Fastify answer alike.
 *
 * Like Node's own handler, it writes only on a writable socket whose current response has not
 * started (anything else would corrupt what the peer reads), then destroys the socket: the
 * parser cannot go on after an error. Other socket errors (a reset) get no answer and no log line.
 */
export function answerClientError(error: ConnectionError, socket: Duplex): void {
  const answer = describe(error);
  if (!answer || !socket.writable || responseStarted(socket)) {
    socket.destroy();
    return;
  }
  const { status, message } = answer;
  logger.warn(`client error → ${status}: ${message}`);
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

function describe(error: ConnectionError): { status: number; message: string } | undefined {
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

/** Node's own handler checks the same private field: a started response must not be interleaved. */
function responseStarted(socket: Duplex): boolean {
  const current = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  return current?.headersSent === true;
}

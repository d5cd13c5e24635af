import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import { abortedBodyError, answerClientError, refuseExpectation } from './client-error';

/** A socket that records what is written to it. */
function fakeSocket(state: { writable?: boolean; headersSent?: boolean } = {}) {
  const socket = new PassThrough();
  const written: string[] = [];
  socket.write = ((chunk: string) => written.push(chunk)) as unknown as PassThrough['write'];
  Object.defineProperty(socket, 'writable', { value: state.writable ?? true });
  // Node's in-flight response of the request whose body is being read.
  const req = new IncomingMessage(new Socket());
  if (state.headersSent !== undefined)
    Object.assign(socket, { _httpMessage: { headersSent: state.headersSent, req } });
  return { socket, written, req };
}

const parserError = (code: string, reason?: string) =>
  Object.assign(new Error('x'), { code, reason });

describe('answerClientError', () => {
  it.each([
    [parserError('HPE_HEADER_OVERFLOW'), 431, "exceed the server's limit of 16384 bytes"],
    [parserError('HPE_CHUNK_EXTENSIONS_OVERFLOW'), 413, 'chunk extensions'],
    [parserError('ERR_HTTP_REQUEST_TIMEOUT'), 408, 'did not arrive in time'],
    [
      parserError('HPE_INVALID_METHOD', 'Invalid method encountered'),
      400,
      'malformed HTTP request: Invalid method encountered (HPE_INVALID_METHOD)',
    ],
  ])('answers %s with %i in the error format, then closes', (error, status, message) => {
    const { socket, written } = fakeSocket();
    answerClientError(error, socket);
    expect(written).toHaveLength(1);
    const [head, body] = written[0].split('\r\n\r\n');
    expect(head.split('\r\n')[0]).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
    expect(head).toContain('Content-Type: application/json');
    expect(head).toContain('Connection: close');
    expect(head).toContain(`Content-Length: ${Buffer.byteLength(body)}`);
    expect(Object.keys(JSON.parse(body))).toEqual(['error']);
    expect(JSON.parse(body).error).toContain(message);
    expect(socket.destroyed).toBe(true);
  });

  it.each([
    ['a reset connection', parserError('ECONNRESET'), {}],
    ['a socket that is no longer writable', parserError('HPE_INVALID_METHOD'), { writable: false }],
    ['a response already on its way', parserError('HPE_INVALID_METHOD'), { headersSent: true }],
  ])('only closes %s', (_case, error, state) => {
    const { socket, written } = fakeSocket(state);
    answerClientError(error, socket);
    expect(written).toEqual([]);
    expect(socket.destroyed).toBe(true);
  });

  it.each([
    [parserError('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size'), 400, 'chunk size'],
    [parserError('HPE_CHUNK_EXTENSIONS_OVERFLOW'), 413, 'chunk extensions'],
    [parserError('ERR_HTTP_REQUEST_TIMEOUT'), 408, 'did not arrive in time'],
  ])(
    'answers %s mid-body, and gives the aborted request the same fault',
    (error, status, message) => {
      const { socket, written, req } = fakeSocket({ headersSent: false });
      answerClientError(error, socket);
      expect(written[0]).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
      const aborted = abortedBodyError(req);
      expect(aborted.message).toContain(message);
      const codes: Record<number, string> = { 408: 'REQUEST_TIMEOUT', 413: 'PAYLOAD_TOO_LARGE' };
      expect(aborted.code).toBe(codes[status] ?? 'INVALID_INPUT');
    },
  );

  it('leaves a complete request in flight (pipelining) alone', () => {
    const { socket, written, req } = fakeSocket({ headersSent: false });
    req.complete = true;
    answerClientError(parserError('HPE_INVALID_METHOD', 'Invalid method encountered'), socket);
    expect(written[0]).toMatch(/^HTTP\/1.1 400 /);
    expect(abortedBodyError(req).message).toBe('could not read request body: request aborted');
  });

  it('calls a body that stopped arriving on its own an aborted request', () => {
    expect(abortedBodyError(new IncomingMessage(new Socket())).message).toBe(
      'could not read request body: request aborted',
    );
  });

  it('refuses an Expect header other than 100-continue with 417 in the error format', () => {
    const req = new IncomingMessage(new Socket());
    req.headers.expect = 'a-miracle';
    const res = new ServerResponse(req);
    const head = jest.spyOn(res, 'writeHead').mockImplementation(() => res);
    const end = jest.spyOn(res, 'end').mockImplementation(() => res);
    refuseExpectation(req, res);
    expect(head).toHaveBeenCalledWith(
      417,
      expect.objectContaining({ 'Content-Type': 'application/json' }),
    );
    expect(JSON.parse(String(end.mock.calls[0][0]))).toEqual({
      error: "unsupported Expect header 'a-miracle': only 100-continue is supported",
    });
  });
});

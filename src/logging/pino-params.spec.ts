import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';
import { LogLevel } from '../config/app-config';
import { pinoParams } from './pino-params';

const options = (logLevel: LogLevel = 'log'): Options => {
  const { pinoHttp } = pinoParams({ logLevel, metricsPath: '/prom' }, false);
  return pinoHttp as Options;
};
const req = (url: string, headers: Record<string, string> = {}) =>
  ({ url, method: 'POST', headers }) as unknown as IncomingMessage;

describe('pinoParams', () => {
  it.each([
    ['error', 'error'],
    ['warn', 'warn'],
    ['log', 'info'],
    ['debug', 'debug'],
    ['verbose', 'trace'],
  ] as const)('maps LOG_LEVEL=%s to pino level %s', (logLevel, level) => {
    expect(options(logLevel).level).toBe(level);
  });

  it.each([
    ['/v2/models/simple/infer', 'info'],
    ['/v2/health/ready', 'debug'],
    ['/health/live', 'debug'],
    ['/prom', 'debug'],
    ['/metrics', 'info'],
  ])('logs a request to %s at %s', (url, level) => {
    const res = { statusCode: 200 } as ServerResponse;
    expect(options().customLogLevel?.(req(url), res)).toBe(level);
  });

  it('writes a flat request line: path without the query, status, sizes', () => {
    const res = { statusCode: 201, getHeader: () => '42' } as unknown as ServerResponse;
    const line = options().customSuccessObject?.(
      req('/v1/models/m:predict?token=secret', { 'content-length': '7' }),
      res,
      {},
    );
    expect(line).toEqual({
      method: 'POST',
      path: '/v1/models/m:predict',
      status: 201,
      duration_ms: undefined,
      req_bytes: 7,
      res_bytes: 42,
    });
  });

  it('redacts credentials and keeps the adapter-assigned request id', () => {
    const o = options();
    expect(o.redact).toEqual(
      expect.objectContaining({
        paths: expect.arrayContaining(['req.headers.authorization', 'req.headers["x-api-key"]']),
      }),
    );
    const tagged = Object.assign(req('/'), { id: 'abc' });
    expect(o.genReqId?.(tagged, {} as ServerResponse)).toBe('abc');
  });
});

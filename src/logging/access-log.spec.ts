import type { IncomingMessage, ServerResponse } from 'node:http';
import { memoryLogger } from '../../test/helpers/memory-logger';
import { AccessLog } from './access-log';

const req = { method: 'POST', headers: { 'content-length': '7' } } as unknown as IncomingMessage;
const res = { statusCode: 201, getHeader: () => '42' } as unknown as ServerResponse;

describe('AccessLog', () => {
  it('writes one flat line with the scope, status and sizes', () => {
    const { logger, lines } = memoryLogger('info');
    const scope = { requestId: 'r-9', model: 'm', version: '1' };
    new AccessLog(logger, '/prom').write(
      req,
      res,
      scope,
      performance.now(),
      '/v1/models/m:predict',
    );
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'request completed',
        request_id: 'r-9',
        model: 'm',
        version: '1',
        method: 'POST',
        path: '/v1/models/m:predict',
        status: 201,
        duration_ms: expect.any(Number),
        req_bytes: 7,
        res_bytes: 42,
      }),
    ]);
  });

  it.each([
    ['/v2/models/simple/infer', 'info'],
    ['/v2/health/ready', 'debug'],
    ['/health/live', 'debug'],
    ['/prom', 'debug'],
    ['/metrics', 'info'],
  ])('writes a request to %s at %s', (path, level) => {
    const { logger, lines } = memoryLogger('debug');
    new AccessLog(logger, '/prom').write(req, res, { requestId: 'x' }, 0, path);
    expect(lines[0]).toMatchObject({ level });
    const quiet = memoryLogger('info');
    new AccessLog(quiet.logger, '/prom').write(req, res, { requestId: 'x' }, 0, path);
    expect(quiet.lines.length).toBe(level === 'info' ? 1 : 0);
  });
});

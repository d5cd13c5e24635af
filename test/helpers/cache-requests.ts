import { join } from 'node:path';
import { call, Reply, TestApp } from './test-app';

/** The response cache's fixture repository (tools/models/cache-fixtures.ts). */
export const CACHE_MODELS = join(__dirname, '..', 'fixtures', 'cache-models');

/** k, k+1, …, k+15: INPUT0 of simpleBody(k). */
export const sequence = (k: number): number[] => Array.from({ length: 16 }, (_, i) => k + i);

/** A request to a `simple`-shaped model: INPUT0 = sequence(k), INPUT1 = 1s, so OUTPUT0 = sequence(k + 1). */
export function simpleBody(
  k: number,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    inputs: [
      { name: 'INPUT0', shape: [1, 16], datatype: 'INT32', data: sequence(k) },
      { name: 'INPUT1', shape: [1, 16], datatype: 'INT32', data: new Array(16).fill(1) },
    ],
    ...extra,
  };
}

/** POST /v2/models/{path}/infer; `path` may carry `/versions/N`. */
export function infer(app: TestApp, path: string, body: unknown): Promise<Reply> {
  return call(app, 'POST', `/v2/models/${path}/infer`, body);
}

/** The X-Cache header, or null when the answer has none. */
export const xCache = (r: Reply): string | null => r.headers.get('x-cache');

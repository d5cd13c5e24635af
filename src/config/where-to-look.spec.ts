import { validateEnv } from './validate-env';
import { whereToLook } from './where-to-look';

describe('whereToLook (the start-up line naming the console and the docs)', () => {
  it.each([
    [
      {},
      'console http://localhost:8080/console · API docs http://localhost:8080/docs (OpenAPI: http://localhost:8080/openapi.json)',
    ],
    [{ HOST: '127.0.0.1', DOCS_ENABLED: 'false' }, 'console http://127.0.0.1:8080/console'],
    [
      { HOST: '::1', CONSOLE_ENABLED: 'false' },
      'API docs http://[::1]:8080/docs (OpenAPI: http://[::1]:8080/openapi.json)',
    ],
    [{ CONSOLE_ENABLED: 'false', DOCS_ENABLED: 'false' }, undefined],
  ])('%j', (env, line) => {
    expect(whereToLook(validateEnv(env), 8080)).toBe(line);
  });
});

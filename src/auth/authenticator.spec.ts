import { UnauthenticatedError } from '../common/errors/serving.errors';
import { validateEnv } from '../config/validate-env';
import { Access, Authenticator } from './authenticator';

const KEY = 'inference-key-0123456789';
const ADMIN = 'admin-token-0123456789';

function authenticator(env: Record<string, string> = {}): Authenticator {
  return new Authenticator(
    validateEnv({
      API_KEYS: KEY,
      ADMIN_TOKEN: ADMIN,
      ENABLE_REPOSITORY_API: 'true',
      AUTH_FAILURES_PER_MINUTE: '3',
      ...env,
    }),
  );
}

/** authorizeCaller: the rules REST applies to headers, for any caller (gRPC metadata). */
describe('Authenticator.authorizeCaller', () => {
  const allowed: [string, Access, Record<string, string>, string | undefined][] = [
    ['a key route with Bearer <key>', 'key', { authorization: `Bearer ${KEY}` }, 'key:0'],
    ['a key route with x-api-key', 'key', { 'x-api-key': KEY }, 'key:0'],
    ['an open route without a key', 'open', {}, undefined],
    ['an open route with a valid key (noted)', 'open', { 'x-api-key': KEY }, 'key:0'],
    ['an admin route with the token', 'admin', { authorization: `Bearer ${ADMIN}` }, undefined],
  ];
  it.each(allowed)('admits %s', (_case, access, headers, client) => {
    expect(authenticator().authorizeCaller(headers, '10.0.0.1', access)).toBe(client);
  });

  const refused: [string, Access, Record<string, string>, string, string][] = [
    ['no key', 'key', {}, 'UNAUTHENTICATED', 'an API key is required'],
    ['a wrong key', 'key', { 'x-api-key': 'nope' }, 'UNAUTHENTICATED', 'the API key is not valid'],
    [
      'an inference key on an admin route',
      'admin',
      { authorization: `Bearer ${KEY}` },
      'FORBIDDEN',
      'the admin token is not valid',
    ],
    [
      'no token on an admin route',
      'admin',
      {},
      'UNAUTHENTICATED',
      'requires Authorization: Bearer <ADMIN_TOKEN>',
    ],
  ];
  it.each(refused)('refuses %s', (_case, access, headers, code, message) => {
    let error: unknown;
    try {
      authenticator().authorizeCaller(headers, '10.0.0.1', access);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code });
    expect((error as Error).message).toContain(message);
  });

  it('limits failed attempts per address, and still admits valid keys from it', () => {
    const auth = authenticator();
    for (let i = 0; i < 3; i++)
      expect(() => auth.authorizeCaller({}, '10.0.0.9', 'key')).toThrow(UnauthenticatedError);
    expect(() => auth.authorizeCaller({}, '10.0.0.9', 'key')).toThrow(
      'too many failed authentications from this address',
    );
    expect(() => auth.authorizeCaller({}, '10.0.0.8', 'key')).toThrow(UnauthenticatedError);
    expect(auth.authorizeCaller({ 'x-api-key': KEY }, '10.0.0.9', 'key')).toBe('key:0');
  });

  it('admits everyone when no keys are set', () => {
    const open = new Authenticator(validateEnv({}));
    expect(open.authorizeCaller({}, '10.0.0.1', 'key')).toBeUndefined();
    expect(open.authorizeCaller({}, '10.0.0.1', 'admin')).toBeUndefined();
  });
});

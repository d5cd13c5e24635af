import { Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { SYSTEM_CLOCK } from '../common/clock';
import {
  ForbiddenError,
  RateLimitedError,
  ServingError,
  UnauthenticatedError,
} from '../common/errors/serving.errors';
import { clientAddress } from '../common/node-request';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ApiKeys, bearerToken, presentedKey } from './api-keys';
import { AuthFailures } from './auth-failures';
import { RouteAccess } from './route-access.decorator';
import { Secret } from './secret';

/** Who a route admits: a RouteAccess, or (undecorated routes) any valid API key. */
export type Access = RouteAccess | 'key';

/** The client the rate limiter counts for each admitted request: `key:<index>` or `ip:<address>`. */
const clients = new WeakMap<IncomingMessage, string>();

/**
 * Decides who may call what, from the request's headers alone, before any body is read:
 * - `open` (probes, docs page): everyone; a valid key presented is noted (it unlocks details);
 * - `metrics`: everyone, or a valid API key when PROTECT_METRICS is on;
 * - `admin` (repository API): `Authorization: Bearer <ADMIN_TOKEN>` when the token is set, else
 *   everyone (the boot refuses API_KEYS with the repository API and no ADMIN_TOKEN);
 * - `key` (everything else): a valid API key when API_KEYS is set, else everyone.
 * Each failed attempt counts against the client address (AUTH_FAILURES_PER_MINUTE); past the
 * limit, attempts without valid credentials get 429 instead of 401, while valid ones still pass
 * (clients behind one proxy share an address).
 */
@Injectable()
export class Authenticator {
  private readonly keys: ApiKeys;
  private readonly admin?: Secret;
  private readonly failures: AuthFailures;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.keys = new ApiKeys(config.apiKeys);
    this.admin = config.adminToken === undefined ? undefined : new Secret(config.adminToken);
    this.failures = new AuthFailures(config.authFailuresPerMinute, SYSTEM_CLOCK);
  }

  /** Throws UnauthenticatedError, ForbiddenError or RateLimitedError when `req` may not pass. */
  authorize(req: IncomingMessage, access: Access): void {
    const key = this.authorizeCaller(req.headers, clientAddress(req), access);
    if (key !== undefined) clients.set(req, key);
  }

  /**
   * The same decision for a caller known only by its headers (HTTP headers, gRPC metadata) and
   * peer address: throws as authorize() does, else returns `key:<index>` when a valid API key
   * was shown (the rate limiter's client), undefined otherwise.
   */
  authorizeCaller(
    headers: Readonly<Record<string, unknown>>,
    address: string,
    access: Access,
  ): string | undefined {
    const caller = { headers, address };
    if (access === 'open') return this.validKey(headers);
    if (access === 'admin') return this.checkAdmin(caller);
    if (access === 'metrics' && !this.config.protectMetrics) return undefined;
    return this.checkKey(caller);
  }

  /** Whether `req` showed a valid API key, or no keys are configured (nothing to show). */
  authenticated(req: IncomingMessage): boolean {
    return !this.keys.enabled || clients.has(req);
  }

  private checkKey(caller: Caller): string | undefined {
    if (!this.keys.enabled) return undefined;
    const key = presentedKey(caller.headers);
    if (key === undefined) {
      return this.fail(
        caller,
        new UnauthenticatedError(
          'an API key is required: send Authorization: Bearer <key> or X-API-Key: <key>',
        ),
      );
    }
    return (
      this.validKey(caller.headers, key) ??
      this.fail(caller, new UnauthenticatedError('the API key is not valid'))
    );
  }

  private checkAdmin(caller: Caller): undefined {
    if (!this.admin) return undefined;
    const token = bearerToken(caller.headers);
    if (token === undefined) {
      return this.fail(
        caller,
        new UnauthenticatedError('the repository API requires Authorization: Bearer <ADMIN_TOKEN>'),
      );
    }
    if (!this.admin.matches(token))
      this.fail(caller, new ForbiddenError('the admin token is not valid'));
    return undefined;
  }

  /** `key:<index>` for a valid API key among the headers (or `key`), else undefined. */
  private validKey(
    headers: Readonly<Record<string, unknown>>,
    key = presentedKey(headers),
  ): string | undefined {
    if (!this.keys.enabled || key === undefined) return undefined;
    const index = this.keys.find(key);
    return index >= 0 ? `key:${index}` : undefined;
  }

  private fail(caller: Caller, error: ServingError): never {
    const wait = this.failures.blockedFor(caller.address);
    if (wait > 0) {
      throw new RateLimitedError(
        `too many failed authentications from this address: at most ${this.config.authFailuresPerMinute} a minute (AUTH_FAILURES_PER_MINUTE)`,
        wait,
      );
    }
    this.failures.record(caller.address);
    throw error;
  }
}

/** Who is asking: the headers (or gRPC metadata) and the peer address. */
interface Caller {
  readonly headers: Readonly<Record<string, unknown>>;
  readonly address: string;
}

/** The rate limiter's client for a request: its validated API key, else its peer address. */
export function rateLimitClient(req: IncomingMessage): string {
  return clients.get(req) ?? `ip:${clientAddress(req)}`;
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import { Access, Authenticator } from '../../../auth/authenticator';
import { ClientRateLimit } from '../../../auth/client-rate-limit';
import { RequestScope, runInRequestScope } from '../../../logging/log-scope';
import { requestIdFor } from '../../../logging/request-context';
import { ROOT_LOGGER } from '../../../logging/root-logger';
import { CallStatus, GrpcError, GrpcStatus } from '../transport/grpc-status';
import { ServerCall } from '../transport/server-call';
import { logCall } from './grpc-call-log';
import { toGrpcError } from './grpc-errors';

/** Who a call may be and how it is counted. */
export interface RpcPolicy {
  /** The same access rules as REST routes: `open` probes, `admin` repository calls, `key` the rest. */
  readonly access: Access;
  /** Counted against RATE_LIMIT_RPS; probes are not (REST's @SkipThrottle). */
  readonly throttled: boolean;
  /** Logged at debug, as REST logs its probes. */
  readonly quiet?: boolean;
}

/** The admitted caller: the rate limiter's client (`key:<i>` or `ip:<address>`). */
export interface Caller {
  readonly client: string;
}

/** What a finished call reports to observers (metrics). `method` is the RPC's name. */
export interface GrpcCallRecord {
  readonly method: string;
  readonly status: CallStatus;
  readonly durationS: number;
  readonly bytesIn: number;
  readonly bytesOut: number;
}

export type GrpcCallObserver = (record: GrpcCallRecord) => void;

/**
 * Runs every RPC the way a REST request is run: a request id (the caller's `x-request-id` when
 * sane, echoed in the response metadata) bound to every log line of the call; the Authenticator's
 * decision on the metadata and peer address (keys, ADMIN_TOKEN, failed attempts per address);
 * RATE_LIMIT_RPS per client; errors mapped in one place (grpc-errors.ts) and logged once, as the
 * HTTP exception filter logs them; a line per finished call; a record to each observer.
 */
@Injectable()
export class GrpcCallRunner {
  private readonly errors = new Logger('Errors');
  private readonly observers: GrpcCallObserver[] = [];

  constructor(
    private readonly authenticator: Authenticator,
    private readonly rateLimit: ClientRateLimit,
    @Inject(ROOT_LOGGER) private readonly logger: Pino,
  ) {}

  /** Adds a sink told of every finished call. */
  observe(observer: GrpcCallObserver): void {
    this.observers.push(observer);
  }

  /** A unary RPC: `impl` answers the one request message with one response message. */
  unary(
    method: string,
    policy: RpcPolicy,
    impl: (request: unknown, caller: Caller) => object | Promise<object>,
  ): (call: ServerCall) => Promise<void> {
    return this.streaming(method, policy, async (call, caller) => {
      const request = await call.readOne();
      await call.write(await impl(request, caller));
    });
  }

  /** Any RPC: `impl` reads and writes through the call once the caller is admitted. */
  streaming(
    method: string,
    policy: RpcPolicy,
    impl: (call: ServerCall, caller: Caller) => Promise<void>,
  ): (call: ServerCall) => Promise<void> {
    return (call) => this.run(method, policy, call, impl);
  }

  /** Counts one more call of `method` by an admitted caller (each message of a stream is one). */
  throttle(method: string, caller: Caller): Promise<void> {
    return this.rateLimit.consume(`grpc:${method}`, caller.client);
  }

  /** Logs a failed call's error once (warn, or error with the stack) and returns its gRPC form. */
  failure(call: ServerCall, e: unknown): GrpcError {
    const error = toGrpcError(e);
    const line = `${call.path} → ${GrpcStatus[error.code]}: ${error.message}`;
    if (error.code === GrpcStatus.INTERNAL)
      this.errors.error(line, e instanceof Error ? e.stack : undefined);
    else this.errors.warn(line);
    return error;
  }

  private run(
    method: string,
    policy: RpcPolicy,
    call: ServerCall,
    impl: (call: ServerCall, caller: Caller) => Promise<void>,
  ): Promise<void> {
    const requestId = requestIdFor(call.metadata['x-request-id']);
    call.setHeader('x-request-id', requestId);
    const scope: RequestScope = { requestId };
    // Every line logged for the call carries request_id, and, once the data plane has assigned
    // them to the scope, model and version.
    return runInRequestScope(scope, async () => {
      void call.ended.then((status) => this.finished(method, policy, call, status, scope));
      try {
        const key = this.authenticator.authorizeCaller(call.metadata, call.peer, policy.access);
        const caller = { client: key ?? `ip:${call.peer}` };
        if (policy.throttled) await this.throttle(method, caller);
        await impl(call, caller);
      } catch (e) {
        throw this.failure(call, e);
      }
    });
  }

  private finished(
    method: string,
    policy: RpcPolicy,
    call: ServerCall,
    status: CallStatus,
    scope: RequestScope,
  ): void {
    logCall(this.logger, call, status, policy.quiet === true, scope);
    const record: GrpcCallRecord = {
      method,
      status,
      durationS: (performance.now() - call.startedAt) / 1000,
      bytesIn: call.bytesIn,
      bytesOut: call.bytesOut,
    };
    for (const observer of this.observers) {
      try {
        observer(record);
      } catch (e) {
        // A fault in metrics must never fail the call it describes.
        this.errors.error(`gRPC call observer failed: ${(e as Error).message}`);
      }
    }
  }
}

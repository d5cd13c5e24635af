import {
  RateLimitedError,
  ServingError,
  ServingErrorCode,
} from '../../../common/errors/serving.errors';
import { GrpcError, GrpcStatus } from '../transport/grpc-status';

/**
 * The gRPC status of each core error code: the code REST's status maps to (cf. Triton's
 * grpc_utils.cc), so a client gets the same message under the matching code on either protocol.
 */
export const GRPC_STATUS: Readonly<Record<ServingErrorCode, GrpcStatus>> = {
  INVALID_INPUT: GrpcStatus.INVALID_ARGUMENT, // 400
  UNSUPPORTED: GrpcStatus.INVALID_ARGUMENT, // 400
  UNAUTHENTICATED: GrpcStatus.UNAUTHENTICATED, // 401
  FORBIDDEN: GrpcStatus.PERMISSION_DENIED, // 403
  MODEL_NOT_FOUND: GrpcStatus.NOT_FOUND, // 404
  REQUEST_TIMEOUT: GrpcStatus.DEADLINE_EXCEEDED, // 408
  PAYLOAD_TOO_LARGE: GrpcStatus.RESOURCE_EXHAUSTED, // 413
  UNSUPPORTED_ENCODING: GrpcStatus.UNIMPLEMENTED, // 415
  QUEUE_FULL: GrpcStatus.RESOURCE_EXHAUSTED, // 429
  RATE_LIMITED: GrpcStatus.RESOURCE_EXHAUSTED, // 429
  INTERNAL: GrpcStatus.INTERNAL, // 500
  NOT_IMPLEMENTED: GrpcStatus.UNIMPLEMENTED, // 501
  MODEL_NOT_READY: GrpcStatus.UNAVAILABLE, // 503
  TIMEOUT: GrpcStatus.UNAVAILABLE, // 503
  OVERLOADED: GrpcStatus.UNAVAILABLE, // 503
};

/**
 * Any error of a call as the GrpcError it ends with. A ServingError keeps its message; a 429's
 * wait rides in `retry-after` trailing metadata and a 401's scheme in `www-authenticate`, as the
 * REST headers carry them. Anything else is INTERNAL with a generic message (the caller logs it).
 */
export function toGrpcError(e: unknown): GrpcError {
  if (e instanceof GrpcError) return e;
  if (!(e instanceof ServingError))
    return new GrpcError(GrpcStatus.INTERNAL, 'internal server error');
  const code = GRPC_STATUS[e.code];
  if (e.code === 'RATE_LIMITED' || e.code === 'QUEUE_FULL') {
    const wait = e instanceof RateLimitedError ? e.retryAfterSeconds : 1;
    return new GrpcError(code, e.message, { 'retry-after': String(wait) });
  }
  if (e.code === 'UNAUTHENTICATED')
    return new GrpcError(code, e.message, { 'www-authenticate': 'Bearer' });
  return new GrpcError(code, e.message);
}

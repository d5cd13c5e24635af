import type { PinoLogger } from 'nestjs-pino';
import { CallStatus, GrpcStatus } from '../transport/grpc-status';
import { ServerCall } from '../transport/server-call';

/**
 * A call's line, the gRPC twin of the HTTP request line (logging/pino-params.ts): request_id
 * (bound by the caller's context), model and version (added by the data plane), the method's
 * path, the status by name, duration and message bytes as sent. Probes are logged at debug.
 */
export function logCall(
  logger: PinoLogger,
  call: ServerCall,
  status: CallStatus,
  quiet: boolean,
): void {
  const fields = {
    protocol: 'grpc',
    path: call.path,
    grpc_status: GrpcStatus[status.code],
    duration_ms: Math.round((performance.now() - call.startedAt) * 1000) / 1000,
    req_bytes: call.bytesIn,
    res_bytes: call.bytesOut,
  };
  if (quiet) logger.logger.debug(fields, 'request completed');
  else logger.logger.info(fields, 'request completed');
}

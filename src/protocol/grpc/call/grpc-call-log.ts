import type { Logger } from 'pino';
import { RequestScope } from '../../../logging/log-scope';
import { CallStatus, GrpcStatus } from '../transport/grpc-status';
import { ServerCall } from '../transport/server-call';

/**
 * A call's line, the gRPC twin of the HTTP access line (logging/access-log.ts): request_id,
 * model and version (added by the data plane to the call's scope), the method's path, the status
 * by name, duration and message bytes as sent. Probes are logged at debug.
 */
export function logCall(
  logger: Logger,
  call: ServerCall,
  status: CallStatus,
  quiet: boolean,
  scope: RequestScope,
): void {
  const level = quiet ? 'debug' : 'info';
  if (!logger.isLevelEnabled(level)) return;
  const fields = {
    request_id: scope.requestId,
    model: scope.model,
    version: scope.version,
    protocol: 'grpc',
    path: call.path,
    grpc_status: GrpcStatus[status.code],
    duration_ms: Math.round((performance.now() - call.startedAt) * 1000) / 1000,
    req_bytes: call.bytesIn,
    res_bytes: call.bytesOut,
  };
  logger[level](fields, 'request completed');
}

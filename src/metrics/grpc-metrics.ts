import { GrpcCallRecord } from '../protocol/grpc/call/grpc-call-runner';
import { GrpcStatus } from '../protocol/grpc/transport/grpc-status';
import { PerchMetrics } from './metrics';

/**
 * Records one finished gRPC call: its method (one of the services' fixed methods) and status
 * name, so labels stay bounded; health probes are counted like any call.
 */
export function recordGrpcCall(metrics: PerchMetrics, r: GrpcCallRecord): void {
  const labels = { method: r.method, code: GrpcStatus[r.status.code] };
  metrics.grpcRequests.inc(labels);
  metrics.grpcDuration.observe(labels, r.durationS);
  metrics.grpcMessageBytes.inc({ method: r.method, direction: 'received' }, r.bytesIn);
  metrics.grpcMessageBytes.inc({ method: r.method, direction: 'sent' }, r.bytesOut);
}

import { GrpcStatus } from '../protocol/grpc/transport/grpc-status';
import { recordGrpcCall } from './grpc-metrics';
import { PerchMetrics } from './metrics';

async function sample(metrics: PerchMetrics, series: string): Promise<number | undefined> {
  const text = await metrics.registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('recordGrpcCall', () => {
  it('counts calls by method and status name, their time and bytes both ways', async () => {
    const metrics = new PerchMetrics(() => [], false);
    const call = (code: GrpcStatus) => ({
      method: 'ModelInfer',
      status: { code, message: '' },
      durationS: 0.002,
      bytesIn: 100,
      bytesOut: 40,
    });
    recordGrpcCall(metrics, call(GrpcStatus.OK));
    recordGrpcCall(metrics, call(GrpcStatus.OK));
    recordGrpcCall(metrics, call(GrpcStatus.NOT_FOUND));
    const expected: [string, number][] = [
      ['perch_grpc_requests_total{method="ModelInfer",code="OK"}', 2],
      ['perch_grpc_requests_total{method="ModelInfer",code="NOT_FOUND"}', 1],
      ['perch_grpc_request_duration_seconds_sum{method="ModelInfer",code="OK"}', 0.004],
      ['perch_grpc_request_duration_seconds_bucket{le="0.0025",method="ModelInfer",code="OK"}', 2],
      ['perch_grpc_message_bytes_total{method="ModelInfer",direction="received"}', 300],
      ['perch_grpc_message_bytes_total{method="ModelInfer",direction="sent"}', 120],
    ];
    for (const [series, value] of expected) expect(await sample(metrics, series)).toBe(value);
  });
});

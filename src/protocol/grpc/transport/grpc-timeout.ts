const UNIT_MS: Readonly<Record<string, number>> = {
  H: 3_600_000,
  M: 60_000,
  S: 1000,
  m: 1,
  u: 0.001,
  n: 0.000001,
};

/**
 * The `grpc-timeout` header (1 to 8 digits and a unit, PROTOCOL-HTTP2.md) in milliseconds;
 * undefined when absent or malformed (the call then has no deadline, as gRPC's servers treat it).
 */
export function parseGrpcTimeout(header: string | undefined): number | undefined {
  const m = header === undefined ? null : /^(\d{1,8})([HMSmun])$/.exec(header.trim());
  return m ? Number(m[1]) * UNIT_MS[m[2]] : undefined;
}

import { loadSync, MethodDefinition, Options, ServiceDefinition } from '@grpc/proto-loader';
import { join } from 'node:path';

/** The .proto files, shipped beside the compiled code (nest-cli.json `assets`). */
export const PROTO_DIR = join(__dirname, 'proto');

/** The services Perch serves, by their full names. */
export const INFERENCE_SERVICE = 'inference.GRPCInferenceService';
export const HEALTH_SERVICE = 'grpc.health.v1.Health';

/**
 * How messages become objects: field names as the .proto spells them (as the REST JSON does),
 * 64-bit integers as decimal strings (exact; converted where read), enums by name, every absent
 * field at its default (an absent message field is null), and the member a oneof holds named.
 * The e2e client loads the same files with the same options.
 */
export const LOADER_OPTIONS: Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [join(PROTO_DIR, 'triton'), PROTO_DIR],
};

/** One method of a service: where it is routed and how its messages are (de)serialized. */
export type GrpcMethodDefinition = MethodDefinition<object, object>;

/** Every method of the two services, by its path (`/inference.GRPCInferenceService/ModelInfer`). */
export function loadMethods(): ReadonlyMap<string, GrpcMethodDefinition> {
  const definitions = loadSync(
    ['grpc_service.proto', 'grpc/health/v1/health.proto'],
    LOADER_OPTIONS,
  );
  const methods = new Map<string, GrpcMethodDefinition>();
  for (const service of [INFERENCE_SERVICE, HEALTH_SERVICE]) {
    for (const method of Object.values(definitions[service] as ServiceDefinition))
      methods.set(method.path, method);
  }
  return methods;
}

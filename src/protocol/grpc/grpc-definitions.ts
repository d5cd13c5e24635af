import { join } from 'node:path';
import { IConversionOptions, Root, Type } from 'protobufjs';

/** The .proto files, shipped beside the compiled code (nest-cli.json `assets`). */
export const PROTO_DIR = join(__dirname, 'proto');

/** The services Perch serves, by their full names. */
export const INFERENCE_SERVICE = 'inference.GRPCInferenceService';
export const HEALTH_SERVICE = 'grpc.health.v1.Health';

/**
 * How messages become objects (what @grpc/proto-loader calls its options, which the e2e client
 * uses): field names as the .proto spells them (as the REST JSON does, by `keepCase` at load),
 * 64-bit integers as decimal strings (exact; converted where read), enums by name, every absent
 * field at its default (an absent message field is null), and the member a oneof holds named.
 */
export const CONVERSION: IConversionOptions = {
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
};

/** One method of a service: where it is routed and how its messages are (de)serialized. */
export interface GrpcMethodDefinition {
  readonly path: string;
  readonly requestStream: boolean;
  readonly responseStream: boolean;
  readonly requestDeserialize: (bytes: Buffer) => object;
  readonly requestSerialize: (message: object) => Buffer;
  readonly responseDeserialize: (bytes: Buffer) => object;
  readonly responseSerialize: (message: object) => Buffer;
}

/**
 * Every method of the two services, by its path (`/inference.GRPCInferenceService/ModelInfer`),
 * with protobufjs codecs (it is what @grpc/proto-loader wraps; without the loader's CLI
 * dependencies, which the image's budget has no room for).
 */
export function loadMethods(): ReadonlyMap<string, GrpcMethodDefinition> {
  const root = new Root().loadSync(
    [
      join(PROTO_DIR, 'triton', 'grpc_service.proto'),
      join(PROTO_DIR, 'grpc', 'health', 'v1', 'health.proto'),
    ],
    { keepCase: true },
  );
  root.resolveAll();
  const methods = new Map<string, GrpcMethodDefinition>();
  for (const name of [INFERENCE_SERVICE, HEALTH_SERVICE]) {
    for (const method of root.lookupService(name).methodsArray) {
      const request = method.resolvedRequestType as Type;
      const response = method.resolvedResponseType as Type;
      const path = `/${name}/${method.name}`;
      methods.set(path, {
        path,
        requestStream: method.requestStream === true,
        responseStream: method.responseStream === true,
        requestDeserialize: decoder(request),
        requestSerialize: encoder(request),
        responseDeserialize: decoder(response),
        responseSerialize: encoder(response),
      });
    }
  }
  return methods;
}

function decoder(type: Type): (bytes: Buffer) => object {
  return (bytes) => type.toObject(type.decode(bytes), CONVERSION);
}

function encoder(type: Type): (message: object) => Buffer {
  return (message) => {
    const bytes = type.encode(type.fromObject(message)).finish();
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };
}

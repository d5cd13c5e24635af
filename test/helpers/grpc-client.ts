import * as grpc from '@grpc/grpc-js';
import { loadSync, MethodDefinition, ServiceDefinition } from '@grpc/proto-loader';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { startApp, TestApp } from './test-app';

const PROTO = join(__dirname, '..', '..', 'src', 'protocol', 'grpc', 'proto');

/**
 * The .proto files the server ships, loaded by @grpc/proto-loader as any Node client would:
 * field names as written, 64-bit integers as strings, enums by name, defaults filled in.
 */
const definitions = loadSync(['grpc_service.proto', 'grpc/health/v1/health.proto'], {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [join(PROTO, 'triton'), PROTO],
});
type ClientConstructor = new (
  target: string,
  credentials: grpc.ChannelCredentials,
  options?: grpc.ClientOptions,
) => grpc.Client;
const packages = grpc.loadPackageDefinition(definitions) as unknown as {
  inference: { GRPCInferenceService: ClientConstructor };
  grpc: { health: { v1: { Health: ClientConstructor } } };
};

/** A method's own (de)serializers, for requests made by hand (raw-grpc.ts). */
export function methodCodec(
  service: 'inference.GRPCInferenceService' | 'grpc.health.v1.Health',
  method: string,
): MethodDefinition<object, object> {
  return (definitions[service] as ServiceDefinition)[method];
}

/** What a unary call ended with: the answer, or the status (code, details, trailing metadata). */
export type Outcome<T = Record<string, unknown>> =
  | { ok: true; value: T; headers: grpc.Metadata }
  | { ok: false; code: grpc.status; details: string; trailers: grpc.Metadata };

/** A Perch with its gRPC port on a free loopback port. */
export interface GrpcApp {
  readonly app: TestApp;
  readonly target: string;
}

/** startApp with gRPC on: a free port is found first (GRPC_PORT=0 would turn gRPC off). */
export async function startGrpcApp(env: Record<string, string>): Promise<GrpcApp> {
  const port = await freePort();
  const app = await startApp({ ...env, GRPC_PORT: String(port) });
  return { app, target: `127.0.0.1:${port}` };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(),
      );
    });
  });
}

/** Metadata from a plain record (`authorization`, `x-api-key`, `x-request-id`, …). */
export function metadata(values: Record<string, string> = {}): grpc.Metadata {
  const md = new grpc.Metadata();
  for (const [k, v] of Object.entries(values)) md.set(k, v);
  return md;
}

/** A @grpc/grpc-js client of both services on one target. */
export class GrpcTestClient {
  readonly inference: grpc.Client;
  readonly health: grpc.Client;

  constructor(target: string, options: grpc.ClientOptions = {}) {
    const insecure = grpc.credentials.createInsecure();
    this.inference = new packages.inference.GRPCInferenceService(target, insecure, options);
    this.health = new packages.grpc.health.v1.Health(target, insecure, options);
  }

  /** One unary call of GRPCInferenceService (or of Health with `service: 'health'`). */
  call<T = Record<string, unknown>>(
    method: string,
    request: object,
    md: grpc.Metadata = new grpc.Metadata(),
    options: { service?: 'inference' | 'health'; deadlineMs?: number } = {},
  ): Promise<Outcome<T>> {
    const client = options.service === 'health' ? this.health : this.inference;
    const fn = (client as unknown as Record<string, unknown>)[method] as (
      ...args: unknown[]
    ) => grpc.ClientUnaryCall;
    const callOptions =
      options.deadlineMs === undefined ? {} : { deadline: Date.now() + options.deadlineMs };
    return new Promise((resolve) => {
      let headers = new grpc.Metadata();
      const call = fn.call(
        client,
        request,
        md,
        callOptions,
        (e: grpc.ServiceError | null, value: T) =>
          resolve(
            e
              ? { ok: false, code: e.code, details: e.details, trailers: e.metadata }
              : { ok: true, value, headers },
          ),
      );
      call.on('metadata', (m: grpc.Metadata) => (headers = m));
    });
  }

  /** A bidirectional ModelStreamInfer call. */
  stream(md: grpc.Metadata = new grpc.Metadata()): grpc.ClientDuplexStream<object, StreamAnswer> {
    const fn = (this.inference as unknown as Record<string, unknown>).ModelStreamInfer as (
      md: grpc.Metadata,
    ) => grpc.ClientDuplexStream<object, StreamAnswer>;
    return fn.call(this.inference, md);
  }

  /** A health Watch call. */
  watch(
    service: string,
    md: grpc.Metadata = new grpc.Metadata(),
  ): grpc.ClientReadableStream<{
    status: string;
  }> {
    const fn = (this.health as unknown as Record<string, unknown>).Watch as (
      request: object,
      md: grpc.Metadata,
    ) => grpc.ClientReadableStream<{ status: string }>;
    return fn.call(this.health, { service }, md);
  }

  close(): void {
    this.inference.close();
    this.health.close();
  }
}

/** One ModelStreamInferResponse. */
export interface StreamAnswer {
  error_message: string;
  infer_response: InferAnswer | null;
}

/** A ModelInferResponse as the client decodes it. */
export interface InferAnswer {
  model_name: string;
  model_version: string;
  id: string;
  outputs: {
    name: string;
    datatype: string;
    shape: string[];
    contents: Record<string, unknown[]> | null;
  }[];
  raw_output_contents: Buffer[];
}

/**
 * The status a stream ended with. grpc-js also emits a non-OK status as an 'error' event, which
 * would crash the test process unheard: it is listened to here, the status tells the same.
 */
export function streamStatus(call: {
  on(e: 'status', f: (s: grpc.StatusObject) => void): unknown;
  on(e: 'error', f: (e: Error) => void): unknown;
}): Promise<grpc.StatusObject> {
  call.on('error', () => undefined);
  return new Promise((resolve) => call.on('status', resolve));
}

export { grpc };

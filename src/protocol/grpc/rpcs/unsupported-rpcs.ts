import { Injectable } from '@nestjs/common';
import { GrpcCallRunner, RpcPolicy } from '../call/grpc-call-runner';
import { GrpcError, GrpcStatus } from '../transport/grpc-status';
import { ServerCall } from '../transport/server-call';

const SHM = "Triton's shared memory extensions: send tensors in the request";
const CUDA = "Triton's CUDA shared memory extension: send tensors in the request";

/** The GRPCInferenceService methods of Triton extensions Perch does not implement, and what to do instead. */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  SystemSharedMemoryStatus: SHM,
  SystemSharedMemoryRegister: SHM,
  SystemSharedMemoryUnregister: SHM,
  CudaSharedMemoryStatus: CUDA,
  CudaSharedMemoryRegister: CUDA,
  CudaSharedMemoryUnregister: CUDA,
  TraceSetting:
    "Triton's trace extension: Perch has no tracing; its logs and metrics time each request",
  LogSettings: "Triton's logging extension: set the log level with LOG_LEVEL",
};

const KEY: RpcPolicy = { access: 'key', throttled: true };

/**
 * Each answers UNIMPLEMENTED, naming the extension, after the usual key check (so a server with
 * keys tells an unauthenticated caller nothing more than 401 does over REST).
 */
@Injectable()
export class UnsupportedRpcs {
  constructor(private readonly runner: GrpcCallRunner) {}

  handlers(): ReadonlyMap<string, (call: ServerCall) => Promise<void>> {
    return new Map(
      Object.entries(UNSUPPORTED).map(([method, why]) => [
        method,
        this.runner.unary(method, KEY, () => {
          throw new GrpcError(GrpcStatus.UNIMPLEMENTED, `${method} is not supported: ${why}`);
        }),
      ]),
    );
  }
}

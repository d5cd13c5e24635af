import { Logger } from '@nestjs/common';
import { basename } from 'node:path';
import {
  InternalError,
  InvalidInputError,
  ModelNotFoundError,
  ModelNotReadyError,
  NotImplementedError,
  ServingError,
} from '../../../common/errors/serving.errors';
import { Tensor } from '../../../common/tensor/tensor';
import { LoadedSession, RuntimeTensorInfo } from '../model-runner';
import { RunFailure } from '../pool/pool-protocol';
import { PoolSessions } from '../pool/session-pool';
import { RunTrace } from '../run-trace';
import { HandlerSpec } from './handler-spec';

type ServingErrorClass = new (message: string) => ServingError;

/** Each HandlerError code as the serving error it answers with (400, 404, 503, 501). */
const BY_CODE: Readonly<Record<string, ServingErrorClass>> = {
  INVALID_ARG: InvalidInputError,
  NOT_FOUND: ModelNotFoundError,
  UNAVAILABLE: ModelNotReadyError,
  UNSUPPORTED: NotImplementedError,
};

/**
 * What a failed handler call answers: a HandlerError keeps its code and message (prefixed with
 * the model); a ServingError of Perch's own (the call's timeout, a replaced thread) passes as it
 * is; anything else the handler threw is logged here with its details and stack, and the client
 * gets a 500 that says only which model failed.
 */
export function handlerError(e: unknown, spec: HandlerSpec, logger: Logger): ServingError {
  if (e instanceof ServingError) return e;
  const where = `model '${spec.model}' version ${spec.version}`;
  const Mapped = e instanceof RunFailure && e.code !== undefined ? BY_CODE[e.code] : undefined;
  if (Mapped && e instanceof Error) return new Mapped(`${where}: ${e.message}`);
  logger.error(`${where}: the handler failed: ${e instanceof Error ? e.message : String(e)}`);
  return new InternalError(`${where}: the handler failed (the server log has the details)`);
}

/**
 * A version served by its handler, as the data plane sees it: the handler's sessions on pool
 * threads (one per instance), the tensors config.json declares, and its errors mapped.
 */
export class HandlerSession implements LoadedSession {
  private readonly logger = new Logger('Handler');
  readonly takesRecords = true;

  constructor(
    private readonly pool: PoolSessions,
    private readonly spec: HandlerSpec,
  ) {}

  get inputs(): readonly RuntimeTensorInfo[] {
    return this.pool.metadata.inputs;
  }

  get outputs(): readonly RuntimeTensorInfo[] {
    return this.pool.metadata.outputs;
  }

  get concurrency(): number {
    return this.pool.count;
  }

  get placement(): string {
    const threads = this.pool.threads;
    return `handler ${basename(this.spec.file)} on pool thread${threads.length > 1 ? 's' : ''} ${threads.join(', ')}`;
  }

  run(
    inputs: readonly Tensor[],
    outputNames: readonly string[],
    trace?: RunTrace,
  ): Promise<Tensor[]> {
    return this.pool.run(inputs, outputNames, trace).catch((e: unknown) => {
      throw handlerError(e, this.spec, this.logger);
    });
  }

  async dispose(): Promise<void> {
    this.pool.dispose();
  }
}

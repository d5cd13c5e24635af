import { Injectable, Logger } from '@nestjs/common';
import { Tensor } from '../../../common/tensor/tensor';
import { LoadedSession, ModelRunner, RunnerOptions, RuntimeTensorInfo } from '../model-runner';
import { RunTrace } from '../run-trace';
import { SessionThread } from './session-thread';

/**
 * ModelRunner whose sessions live in worker threads: `options.instances` threads per model
 * version (config.json instance_group), each with its own ONNX Runtime session. The main thread
 * keeps HTTP, codecs and batching.
 */
@Injectable()
export class WorkerModelRunner implements ModelRunner {
  private readonly logger = new Logger(WorkerModelRunner.name);

  async load(model: Uint8Array, options: RunnerOptions): Promise<LoadedSession> {
    const count = options.instances ?? 1;
    const threads = Array.from(
      { length: count },
      () =>
        new SessionThread(model, options, (reason) =>
          this.logger.error(`session worker ${reason}; restarting it`),
        ),
    );
    try {
      const [meta] = await Promise.all(threads.map((t) => t.loaded()));
      return new WorkerSession(threads, meta.inputs, meta.outputs);
    } catch (e) {
      await Promise.all(threads.map((t) => t.close()));
      throw e;
    }
  }
}

/** Spreads runs over the threads, each to the one with the fewest requests in flight. */
class WorkerSession implements LoadedSession {
  constructor(
    private readonly threads: readonly SessionThread[],
    readonly inputs: readonly RuntimeTensorInfo[],
    readonly outputs: readonly RuntimeTensorInfo[],
  ) {}

  run(
    inputs: readonly Tensor[],
    outputNames: readonly string[],
    trace?: RunTrace,
  ): Promise<Tensor[]> {
    const idle = this.threads.reduce((best, t) => (t.inFlight < best.inFlight ? t : best));
    return idle.run(inputs, outputNames, trace);
  }

  async dispose(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.close()));
  }
}

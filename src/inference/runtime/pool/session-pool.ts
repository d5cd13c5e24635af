import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { Tensor } from '../../../common/tensor/tensor';
import { HandlerSpec } from '../handlers/handler-spec';
import { SessionSettings } from '../model-runner';
import { RunTrace } from '../run-trace';
import { leastBusy, placeSessions } from './placement';
import { CallRouter, PoolThread, SessionMetadata, WorkerScript } from './pool-thread';

/** Under ts-jest and ts-node the worker is TypeScript and needs the same loader; built code is plain JS. */
export const POOL_WORKER: WorkerScript = {
  file: join(__dirname, `pool-worker${__filename.endsWith('.ts') ? '.ts' : '.js'}`),
  execArgv: __filename.endsWith('.ts') ? ['-r', 'ts-node/register/transpile-only'] : [],
};

/** One model version's sessions on the pool: the threads they live on, and their metadata. */
export class PoolSessions {
  constructor(
    private readonly instances: ReadonlyArray<{
      readonly thread: PoolThread;
      readonly session: number;
    }>,
    readonly metadata: SessionMetadata,
  ) {}

  /** The pool threads (their indices) the sessions live on. */
  get threads(): number[] {
    return this.instances.map((i) => i.thread.index);
  }

  /** Sessions, each on its own thread: how many runs can execute at once. */
  get count(): number {
    return this.instances.length;
  }

  /** Runs on the instance whose thread has the fewest runs in flight (any model's). */
  run(
    inputs: readonly Tensor[],
    outputNames: readonly string[],
    trace?: RunTrace,
  ): Promise<Tensor[]> {
    const { thread, session } = leastBusy(
      this.instances.map((i) => ({ ...i, inFlight: i.thread.inFlight })),
    );
    return thread.run(session, inputs, outputNames, trace);
  }

  /** Releases every instance after the runs already sent to it. */
  dispose(): void {
    for (const { thread, session } of this.instances) thread.dispose(session);
  }
}

/**
 * One pool of threads shared by every model version (SESSION_THREADS, by default one per core
 * the process may use). A version's sessions are placed on distinct threads hosting the fewest
 * sessions; a thread runs one run at a time, so the pool bounds how many runs execute at once
 * whatever the number of models, and the thread count does not grow with them.
 */
export class SessionPool {
  private readonly logger = new Logger(SessionPool.name);
  private readonly threads: PoolThread[];
  private nextSession = 0;
  private router?: CallRouter;

  constructor(size: number, script: WorkerScript = POOL_WORKER) {
    this.threads = Array.from(
      { length: size },
      (_, i) =>
        new PoolThread(
          i,
          script,
          (thread, reason, sessions) =>
            this.logger.error(
              `session thread ${thread} ${reason}; restarted it and reloading its ${sessions} session(s)`,
            ),
          () => this.router,
        ),
    );
  }

  /** Where handlers' calls to other models go (the data plane); set once at start-up. */
  routeCalls(router: CallRouter): void {
    this.router = router;
  }

  get size(): number {
    return this.threads.length;
  }

  /** Sessions hosted per thread, in thread order. */
  sessionsPerThread(): number[] {
    return this.threads.map((t) => t.sessions);
  }

  /**
   * Loads `count` sessions of `model` (or of a handler, with `model` as its model.onnx or empty)
   * on distinct threads; rejects with the first load error.
   */
  async load(
    model: Uint8Array,
    settings: SessionSettings,
    count: number,
    handler?: HandlerSpec,
  ): Promise<PoolSessions> {
    const chosen = placeSessions(
      this.threads.map((t) => ({ index: t.index, sessions: t.sessions, inFlight: t.inFlight })),
      count,
    ).map((i) => ({ thread: this.threads[i], session: this.nextSession++ }));
    const loads = chosen.map(({ thread, session }) =>
      thread.load(session, model, settings, handler),
    );
    const settled = await Promise.allSettled(loads);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    const sessions = new PoolSessions(
      chosen,
      (
        settled.find((s) => s.status === 'fulfilled') as
          PromiseFulfilledResult<SessionMetadata> | undefined
      )?.value ?? { inputs: [], outputs: [] },
    );
    if (failed) {
      sessions.dispose();
      throw failed.reason;
    }
    return sessions;
  }

  /** Ends every thread; sessions still hosted are released with them. */
  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.close()));
  }
}

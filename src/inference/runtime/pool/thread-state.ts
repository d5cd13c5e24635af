import { Tensor } from '../../../common/tensor/tensor';
import { HandlerSpec } from '../handlers/handler-spec';
import { RuntimeTensorInfo, SessionSettings } from '../model-runner';
import { RunTrace } from '../run-trace';
import { ModelCall, ToPool } from './pool-protocol';

// What the main thread keeps about one pool thread: the program it runs, the sessions it hosts and
// the runs it has been sent (pool-thread.ts).

/** Runs a handler's call to another model (the data plane, installed by the inference module). */
export type CallRouter = (call: ModelCall) => Promise<Tensor[]>;

/** The program a pool thread runs: pool-worker.ts in production, a fake in the pool's unit tests. */
export interface WorkerScript {
  readonly file: string;
  readonly execArgv: readonly string[];
  /** The thread's JS heap limit in MiB (Worker resourceLimits); undefined: Node's default. */
  readonly heapMb?: number;
}

/** A session's tensor metadata, as its thread reports it once loaded. */
export interface SessionMetadata {
  readonly inputs: RuntimeTensorInfo[];
  readonly outputs: RuntimeTensorInfo[];
}

/** A run instruction, as posted (and, on a thread hosting a handler, kept to post again). */
export type RunMessage = Extract<ToPool, { type: 'run' }>;

/** A run sent to the thread and not yet answered. */
export interface PendingRun {
  readonly resolve: (outputs: Tensor[]) => void;
  readonly reject: (e: Error) => void;
  readonly postedAt: number;
  readonly trace?: RunTrace;
  /** Kept (inputs copied, not transferred) while the thread hosts a handler: sent again if it is replaced. */
  readonly message?: RunMessage;
  /** A handler session's call limit. */
  timer?: NodeJS.Timeout;
}

/** A session the thread hosts: what it was loaded from, to load it again on a new thread. */
export interface Hosted {
  readonly model: Uint8Array;
  readonly settings: SessionSettings;
  readonly handler?: HandlerSpec;
  /** Set while the thread has not yet answered the load. */
  pending?: { resolve: (m: SessionMetadata) => void; reject: (e: Error) => void };
  loadTimer?: NodeJS.Timeout;
}

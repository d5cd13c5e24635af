/**
 * What happened to one request on its way through a LoadedSession, filled in by the layers it
 * passes (batcher: queue and batch; runtime: compute) before its run() promise settles. The
 * caller creates it with newRunTrace() and reads it after run() resolves. Times in ns.
 */
export interface RunTrace {
  /** Waiting in a batcher's queue for a batch to leave; 0 when the request ran unqueued. */
  queueNs: number;
  /** Handing the inputs to the runtime: the hop to the session's thread and building its tensors. */
  computeInputNs: number;
  /** The runtime executing the graph (ONNX Runtime's session.run). */
  computeInferNs: number;
  /** Taking the outputs back: converting the runtime's tensors and the hop back to the caller. */
  computeOutputNs: number;
  /** Rows of the execution the request ran in; undefined when it ran alone, with its own rows. */
  executionRows?: number;
  /**
   * True for exactly one request of each successful execution, so that summing it counts every
   * execution once (Triton's execution_count and batch_stats); false for the other members of a
   * merged batch.
   */
  countsExecution: boolean;
}

export function newRunTrace(): RunTrace {
  return {
    queueNs: 0,
    computeInputNs: 0,
    computeInferNs: 0,
    computeOutputNs: 0,
    countsExecution: true,
  };
}

/**
 * Copies a merged batch's execution into each member's trace (undefined: a member that did not
 * ask); the first member counts the execution, the others share it.
 */
export function shareExecution(
  members: readonly (RunTrace | undefined)[],
  execution: RunTrace,
): void {
  members.forEach((trace, i) => {
    if (!trace) return;
    trace.computeInputNs = execution.computeInputNs;
    trace.computeInferNs = execution.computeInferNs;
    trace.computeOutputNs = execution.computeOutputNs;
    trace.executionRows = execution.executionRows;
    trace.countsExecution = i === 0;
  });
}

/**
 * A monotonic timestamp in ns, comparable across worker threads of one process (the system's
 * monotonic clock, not a per-thread performance.now() origin).
 */
export function monotonicNs(): number {
  return Number(process.hrtime.bigint());
}

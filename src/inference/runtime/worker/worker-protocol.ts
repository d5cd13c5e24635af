import { Tensor } from '../../../common/tensor/tensor';
import { RunnerOptions, RuntimeTensorInfo } from '../model-runner';

/** Messages the main thread sends a session worker. */
export type ToWorker =
  | { readonly type: 'load'; readonly model: Uint8Array; readonly options: RunnerOptions }
  | {
      readonly type: 'run';
      readonly id: number;
      readonly inputs: readonly Tensor[];
      readonly outputNames: readonly string[];
    };

/** Messages a session worker answers with. Errors travel as messages: an Error does not clone. */
export type FromWorker =
  | {
      readonly type: 'loaded';
      readonly inputs: RuntimeTensorInfo[];
      readonly outputs: RuntimeTensorInfo[];
    }
  | { readonly type: 'load-failed'; readonly message: string }
  | {
      readonly type: 'result';
      readonly id: number;
      readonly outputs: Tensor[];
      readonly timing: WorkerTiming;
    }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };

/**
 * How a run went inside the worker: when the request arrived and the answer left (monotonicNs
 * stamps, comparable with the main thread's), and the session's own compute split in ns.
 */
export interface WorkerTiming {
  readonly receivedAt: number;
  readonly sentAt: number;
  readonly inputNs: number;
  readonly inferNs: number;
  readonly outputNs: number;
}

/**
 * The ArrayBuffers of `tensors` that can move to another thread without a copy: each must be
 * wholly owned by one typed array (not a view into a shared or pooled buffer), and appear once.
 * After the post, those arrays are detached in the sender.
 */
export function transferables(tensors: readonly Tensor[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const { data } of tensors) {
    if (Array.isArray(data)) continue;
    const { buffer } = data;
    // A tag test, not instanceof: it also holds for buffers made in another realm (vm contexts).
    const plain = Object.prototype.toString.call(buffer) === '[object ArrayBuffer]';
    if (plain && data.byteOffset === 0 && data.byteLength === buffer.byteLength) {
      buffers.add(buffer as ArrayBuffer);
    }
  }
  return [...buffers];
}

import { Tensor } from '../../../common/tensor/tensor';
import type { HandlerSpec } from '../handlers/handler-spec';
import { RuntimeTensorInfo, SessionSettings } from '../model-runner';

/** One instruction to a pool thread; each names the session it is about by id. */
export type ToPool =
  | {
      readonly type: 'load';
      readonly session: number;
      readonly model: Uint8Array;
      readonly settings: SessionSettings;
      /** Set for a handler session: the handler to load (with `model` as its model.onnx, if any). */
      readonly handler?: HandlerSpec;
    }
  | {
      readonly type: 'run';
      readonly id: number;
      readonly session: number;
      readonly inputs: readonly Tensor[];
      readonly outputNames: readonly string[];
    }
  | { readonly type: 'dispose'; readonly session: number }
  | CallResult;

/** The answer to a handler's call to another model (`call`), by call id. */
export type CallResult =
  | { readonly type: 'call-result'; readonly call: number; readonly outputs: Tensor[] }
  | {
      readonly type: 'call-failed';
      readonly call: number;
      readonly code: string;
      readonly message: string;
    };

/** A handler's call to another served model, sent by its thread to the main thread. */
export interface ModelCall {
  readonly type: 'call';
  readonly call: number;
  readonly model: string;
  readonly version?: string;
  readonly inputs: Tensor[];
  readonly outputs?: readonly { readonly name: string; readonly classification?: number }[];
}

/**
 * What the main thread sends a pool thread: every instruction queued in one turn of the event
 * loop travels in one message, so a burst of runs costs the thread one wake-up, not one each.
 */
export interface PoolBatch {
  readonly type: 'batch';
  readonly messages: readonly ToPool[];
}

/** What a pool thread answers, one message each, as soon as it is known. */
export type FromPool =
  | {
      readonly type: 'loaded';
      readonly session: number;
      readonly inputs: RuntimeTensorInfo[];
      readonly outputs: RuntimeTensorInfo[];
    }
  | { readonly type: 'load-failed'; readonly session: number; readonly message: string }
  | {
      readonly type: 'result';
      readonly id: number;
      readonly outputs: Tensor[];
      readonly timing: RunTiming;
    }
  | {
      readonly type: 'failed';
      readonly id: number;
      readonly message: string;
      /** A handler's HandlerError code; absent for any other error (then `message` is for the log). */
      readonly code?: string;
    }
  | ModelCall;

/**
 * How a run went on its thread: when the instruction arrived and the answer left (monotonicNs
 * stamps, comparable across threads), and the session's own compute split, in ns.
 */
export interface RunTiming {
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
    const buffer = Array.isArray(data) ? undefined : ownedBuffer(data);
    if (buffer) buffers.add(buffer);
  }
  return [...buffers];
}

/**
 * The plain ArrayBuffer a view spans whole, which can be moved to another thread; undefined for
 * a slice of a larger one (Node's pooled Buffers) or a shared one.
 */
export function ownedBuffer(view: ArrayBufferView): ArrayBuffer | undefined {
  const { buffer } = view;
  // A tag test, not instanceof: it also holds for buffers made in another realm (vm contexts).
  const plain = Object.prototype.toString.call(buffer) === '[object ArrayBuffer]';
  const whole = view.byteOffset === 0 && view.byteLength === buffer.byteLength;
  return plain && whole ? (buffer as ArrayBuffer) : undefined;
}

/** A run its thread answered `failed`: the runtime's or the handler's message, and a handler's code. */
export class RunFailure extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

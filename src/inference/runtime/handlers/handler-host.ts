import { basename } from 'node:path';
import { Tensor } from '../../../common/tensor/tensor';
import { HANDLER_ERROR_CODES, HandlerError, ModelContext } from '../../../handlers';
import { LoadedSession, RuntimeTensorInfo, SessionSettings } from '../model-runner';
import { CallBridge } from './call-bridge';
import { handlerContext } from './handler-context';
import { loadHandlerClass } from './handler-loader';
import { AnyHandler, runPipeline } from './handler-pipeline';
import { HandlerSpec, RECORDS } from './handler-spec';
import { answersToTensors, tensorsToRows } from './row-tensors.codec';

interface HostedHandler {
  readonly spec: HandlerSpec;
  readonly handler: AnyHandler;
  readonly context: ModelContext;
  readonly onnx?: LoadedSession;
}

/** How a handler call failed, as its thread reports it: a HandlerError's code, or the details for the log. */
export interface HandlerFault {
  readonly message: string;
  readonly code?: string;
}

/**
 * A pool thread's handler sessions. Unlike ONNX runs, handler calls do not wait in the thread's
 * line: a handler awaiting another model (which may live on this same thread) must not hold the
 * line that model's run waits in. Calls start as soon as they arrive (after their session's
 * load); JavaScript's single thread still runs one piece of work at a time.
 */
export class HandlerHost {
  private readonly handlers = new Map<number, Promise<HostedHandler>>();

  constructor(private readonly bridge: CallBridge) {}

  has(session: number): boolean {
    return this.handlers.has(session);
  }

  /** Loads the handler (and its model.onnx); resolves with the tensors it declares. */
  async load(
    session: number,
    spec: HandlerSpec,
    model: Uint8Array,
    settings: SessionSettings,
  ): Promise<{ inputs: RuntimeTensorInfo[]; outputs: RuntimeTensorInfo[] }> {
    const loading = this.create(spec, model, settings);
    this.handlers.set(session, loading);
    try {
      await loading;
    } catch (e) {
      this.handlers.delete(session);
      throw e;
    }
    const describe = (t: HandlerSpec['inputs'][number]): RuntimeTensorInfo => ({
      name: t.name,
      datatype: t.datatype,
      runtimeType: t.datatype,
      shape: spec.maxBatchSize > 0 ? [-1, ...t.dims] : [...t.dims],
    });
    return { inputs: spec.inputs.map(describe), outputs: spec.outputs.map(describe) };
  }

  /**
   * One call: records (the RECORDS output: one JSON text per row in, one per answer out) or V2
   * tensors (rows built from the declared inputs, answers shaped into the declared outputs).
   */
  async run(session: number, inputs: Tensor[], outputNames: readonly string[]): Promise<Tensor[]> {
    const hosted = this.handlers.get(session);
    if (!hosted) throw new Error('the handler is not loaded');
    const { spec, handler, context } = await hosted;
    const batched = spec.maxBatchSize > 0;
    if (outputNames[0] === RECORDS) {
      const texts = inputs[0].data as string[];
      const answers = await runPipeline(
        handler,
        context,
        texts.map((t): unknown => JSON.parse(t)),
      );
      const data = answers.map((a) => JSON.stringify(a) ?? 'null');
      return [{ name: RECORDS, datatype: 'BYTES', shape: [data.length], data }];
    }
    const answers = await runPipeline(handler, context, tensorsToRows(inputs, batched));
    return answersToTensors(spec.outputs, answers, outputNames, batched);
  }

  async dispose(session: number): Promise<void> {
    const hosted = this.handlers.get(session);
    this.handlers.delete(session);
    const loaded = await hosted?.catch(() => undefined);
    try {
      await loaded?.handler.unload?.();
    } finally {
      await loaded?.onnx?.dispose();
    }
  }

  private async create(
    spec: HandlerSpec,
    model: Uint8Array,
    settings: SessionSettings,
  ): Promise<HostedHandler> {
    const Handler = await loadHandlerClass(spec.file);
    // Loaded with the first model that needs it (see pool-worker.ts).
    const { createOnnxSession } = await import('../onnx-model-runner');
    const onnx = spec.withModel ? await createOnnxSession(model, settings) : undefined;
    try {
      const handler = new Handler() as AnyHandler;
      const context = handlerContext(spec, onnx, this.bridge);
      await handler.load?.(context);
      return { spec, handler, context, onnx };
    } catch (e) {
      await onnx?.dispose();
      throw e;
    }
  }
}

/**
 * Why a handler did not load, in one line for the model's status: the error and, when its stack
 * points into the handler file, where (`model.ts:12:7`).
 */
export function loadFailureOf(e: unknown, file: string): string {
  if (!(e instanceof Error)) return `a non-Error value was thrown: ${String(e).slice(0, 200)}`;
  const at = new RegExp(`${escapeRegExp(file)}:(\\d+)(?::(\\d+))?`).exec(e.stack ?? '');
  const where = at ? ` (at ${basename(file)}:${at[1]}${at[2] ? `:${at[2]}` : ''})` : '';
  return `${e.name}: ${e.message.split('\n')[0]}${where}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What the main thread is told of a failed call: a HandlerError's code and message, or everything for the log. */
export function faultOf(e: unknown): HandlerFault {
  if (e instanceof HandlerError && HANDLER_ERROR_CODES.includes(e.code))
    return { code: e.code, message: e.message };
  if (e instanceof Error) return { message: e.stack ?? `${e.name}: ${e.message}` };
  return { message: `a non-Error value was thrown: ${String(e).slice(0, 200)}` };
}

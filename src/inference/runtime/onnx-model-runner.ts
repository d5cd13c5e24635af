import * as ort from 'onnxruntime-node';
import { Tensor, TensorData } from '../../common/tensor/tensor';
import { InternalError } from '../../common/errors/serving.errors';
import { LoadedSession, RuntimeTensorInfo, SessionSettings } from './model-runner';
import { fromOrtType, toOrtType } from './onnx-types';
import { monotonicNs, RunTrace } from './run-trace';

/** ort.Tensor's overloads tie each type name to one array type; the datatype table keeps them paired. */
const OrtTensor = ort.Tensor as unknown as new (
  type: string,
  data: TensorData,
  dims: readonly number[],
) => ort.Tensor;

/**
 * One ONNX Runtime session in the calling thread. session.run is synchronous native work (ORT
 * defers it with setImmediate, then holds the thread for the whole run), so Perch calls it on a
 * pool thread, or on the event loop only for runs measured to be tiny (placed-session.ts).
 */
export async function createOnnxSession(
  model: Uint8Array,
  settings: SessionSettings,
): Promise<LoadedSession> {
  const session = await ort.InferenceSession.create(model, {
    // Fatal only: failures come back as exceptions that Perch logs once, with the model named.
    logSeverityLevel: 4,
    // One operator at a time, on the thread that calls run(): the pool already runs one session
    // per core, so ORT's own pools (2 threads per session by default, spinning after each run)
    // would only compete with it and with the event loop.
    executionMode: 'sequential',
    interOpNumThreads: 1,
    intraOpNumThreads: settings.intraOpThreads,
    extra: {
      session: {
        intra_op: { allow_spinning: settings.allowSpinning ? '1' : '0' },
        inter_op: { allow_spinning: '0' },
        ...(settings.externalDataDir !== undefined && {
          model_external_initializers_file_folder_path: settings.externalDataDir,
        }),
      },
    },
  });
  return new OnnxSession(session);
}

class OnnxSession implements LoadedSession {
  readonly inputs: RuntimeTensorInfo[];
  readonly outputs: RuntimeTensorInfo[];

  constructor(private readonly session: ort.InferenceSession) {
    this.inputs = session.inputMetadata.map(describe);
    this.outputs = session.outputMetadata.map(describe);
  }

  async run(
    inputs: readonly Tensor[],
    outputNames: readonly string[],
    trace?: RunTrace,
  ): Promise<Tensor[]> {
    const started = monotonicNs();
    const feeds: Record<string, ort.Tensor> = {};
    for (const t of inputs) {
      feeds[t.name] = new OrtTensor(toOrtType(t.datatype), t.data, t.shape);
    }
    const fed = monotonicNs();
    const result = await this.session.run(feeds, outputNames as string[]);
    const inferred = monotonicNs();
    const outputs = outputNames.map((name): Tensor => {
      const out = result[name];
      const datatype = fromOrtType(out.type);
      if (!datatype) throw new InternalError(`output '${name}' has unsupported type ${out.type}`);
      return { name, datatype, shape: [...out.dims], data: out.data as TensorData };
    });
    if (trace) {
      trace.computeInputNs += fed - started;
      trace.computeInferNs += inferred - fed;
      trace.computeOutputNs += monotonicNs() - inferred;
    }
    return outputs;
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}

function describe(meta: ort.InferenceSession.ValueMetadata): RuntimeTensorInfo {
  if (!meta.isTensor) {
    return {
      name: meta.name,
      datatype: undefined,
      runtimeType: 'non-tensor value',
      shape: undefined,
    };
  }
  return {
    name: meta.name,
    datatype: fromOrtType(meta.type),
    runtimeType: meta.type,
    shape: meta.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : -1)),
  };
}

import { Injectable } from '@nestjs/common';
import * as ort from 'onnxruntime-node';
import { Tensor, TensorData } from '../../common/tensor/tensor';
import { InternalError } from '../../common/errors/serving.errors';
import { LoadedSession, ModelRunner, RunnerOptions, RuntimeTensorInfo } from './model-runner';
import { fromOrtType, toOrtType } from './onnx-types';
import { monotonicNs, RunTrace } from './run-trace';

/** ort.Tensor's overloads tie each type name to one array type; the datatype table keeps them paired. */
const OrtTensor = ort.Tensor as unknown as new (
  type: string,
  data: TensorData,
  dims: readonly number[],
) => ort.Tensor;

/**
 * ModelRunner on onnxruntime-node, in the calling thread: session.run is synchronous native work,
 * so Perch calls it only inside a session worker thread (worker/session-worker.ts), never on the
 * event loop that serves HTTP.
 */
@Injectable()
export class OnnxModelRunner implements ModelRunner {
  async load(model: Uint8Array, options: RunnerOptions): Promise<LoadedSession> {
    const session = await ort.InferenceSession.create(model, {
      // Fatal only: failures come back as exceptions that Perch logs once, with the model named.
      logSeverityLevel: 4,
      ...(options.intraOpThreads !== undefined && { intraOpNumThreads: options.intraOpThreads }),
      ...(options.externalDataDir !== undefined && {
        extra: { 'session.model_external_initializers_file_folder_path': options.externalDataDir },
      }),
    });
    return new OnnxSession(session);
  }
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

import { toConfigDataType } from '../../../common/tensor/datatype';
import { EffectiveModelConfig } from '../../../inference/inference.types';
import { TensorSpec, VersionPolicy } from '../../../registry/model-config';
import { EncodedBody } from '../../shared/encoded-body';

/** EffectiveModelConfig → Triton's ModelConfig JSON (model configuration extension). */
export function encodeModelConfig(effective: EffectiveModelConfig): EncodedBody {
  return EncodedBody.json(modelConfigObject(effective));
}

/**
 * Triton's ModelConfig as a plain object with the .proto's field names: the REST JSON above and,
 * being protobuf's JSON form, the gRPC ModelConfigResponse's `config` too.
 */
export function modelConfigObject({
  name,
  config,
  signature,
}: EffectiveModelConfig): Record<string, unknown> {
  return {
    name,
    platform: 'onnxruntime_onnx',
    backend: 'onnxruntime',
    max_batch_size: signature.maxBatchSize,
    input: signature.inputs.map(tensor),
    output: signature.outputs.map((o) => {
      const labelFile = config.outputs.find((c) => c.name === o.name)?.labelFilename;
      return { ...tensor(o), ...(labelFile !== undefined && { label_filename: labelFile }) };
    }),
    version_policy: policy(config.versionPolicy),
    parameters: Object.fromEntries(
      Object.entries(config.parameters).map(([k, v]) => [k, { string_value: v }]),
    ),
    ...(config.responseCache && { response_cache: { enable: true } }),
  };
}

function tensor(spec: TensorSpec): { name: string; data_type: string; dims: readonly number[] } {
  return { name: spec.name, data_type: toConfigDataType(spec.datatype), dims: spec.dims };
}

function policy(p: VersionPolicy): Record<string, unknown> {
  if (p.kind === 'latest') return { latest: { num_versions: p.numVersions } };
  if (p.kind === 'specific') return { specific: { versions: p.versions } };
  return { all: {} };
}

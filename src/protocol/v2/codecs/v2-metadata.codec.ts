import { ModelMetadata } from '../../../inference/inference.types';
import { EncodedBody } from '../../shared/encoded-body';

/** ModelMetadata → `$metadata_model_response`. */
export function encodeModelMetadata(meta: ModelMetadata): EncodedBody {
  return EncodedBody.json({
    name: meta.name,
    versions: meta.versions,
    platform: meta.platform,
    inputs: meta.inputs,
    outputs: meta.outputs,
  });
}

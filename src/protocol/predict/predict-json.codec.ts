import { isJsonWhitespace } from '../../common/validation/json-depth';
import { EffectiveModelConfig } from '../../inference/inference.types';

/** The output /predict answers with: config.json `parameters.predict_output`, else the first. */
export function primaryOutput({ config, signature }: EffectiveModelConfig): string {
  return config.parameters.predict_output ?? signature.outputs[0].name;
}

/**
 * Whether a JSON body is a bare array. A bare array in gets a bare array of predictions out (the
 * Flask tutorial's contract); an object body (`{"instances": [...]}`) gets KServe V1's
 * `{"predictions": [...]}`. Read from the first byte that is not whitespace, so a large body is
 * not parsed here.
 */
export function startsWithArray(body: Buffer): boolean {
  for (const byte of body) if (!isJsonWhitespace(byte)) return byte === 0x5b;
  return false;
}

import { EffectiveModelConfig } from '../../inference/inference.types';
import { EncodedBody } from '../shared/encoded-body';

/** The output /predict answers with: config.json `parameters.predict_output`, else the first. */
export function primaryOutput({ config, signature }: EffectiveModelConfig): string {
  return config.parameters.predict_output ?? signature.outputs[0].name;
}

/**
 * A bare JSON array in, a bare array of predictions out (the Flask tutorial's contract);
 * an object body (`{"instances": [...]}`) gets KServe V1's `{"predictions": [...]}`.
 */
export function encodePredictAnswer(body: unknown, predictions: unknown[]): EncodedBody {
  return EncodedBody.json(Array.isArray(body) ? predictions : { predictions });
}

import { InferenceObserver, InferenceRecord } from '../inference/inference-record';
import { assignModel } from './log-scope';

/**
 * Adds the served model and version to the current request's log scope, so its access line (and
 * any later line of the request) names them, including the version chosen when the URL named
 * none. Outside an HTTP request there is no scope, and nothing to add to.
 */
export class RequestLogObserver implements InferenceObserver {
  inferred({ model, version }: InferenceRecord): void {
    assignModel(model, version);
  }
}

import type { PinoLogger } from 'nestjs-pino';
import { InferenceObserver, InferenceRecord } from '../inference/inference-record';

/**
 * Adds the served model and version to the current request's log context, so its access line
 * (and any later line of the request) names them, including the version chosen when the URL
 * named none. Assigned once per request: V1 predict may run several inferences.
 */
export class RequestLogObserver implements InferenceObserver {
  constructor(private readonly logger: PinoLogger) {}

  inferred({ model, version }: InferenceRecord): void {
    if ('model' in this.logger.logger.bindings()) return;
    try {
      this.logger.assign({ model, version });
    } catch {
      // Outside an HTTP request (a script or test calling the data plane) there is no request
      // context to add to, and nothing to log.
    }
  }
}

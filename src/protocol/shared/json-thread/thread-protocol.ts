import { JobFailure, JsonJob, JsonJobResults } from './jobs';

/** Event loop → JSON thread: one job. */
export interface JobRequest {
  readonly id: number;
  readonly job: JsonJob;
}

/** JSON thread → event loop: the job's result or why it failed. */
export type JobReply =
  | {
      readonly id: number;
      readonly result: JsonJobResults[JsonJob['kind']];
      readonly failure?: undefined;
    }
  | { readonly id: number; readonly failure: JobFailure; readonly result?: undefined };

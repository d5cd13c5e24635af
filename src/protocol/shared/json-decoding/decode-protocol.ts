import { DecodeFailure, DecodeJob, DecodeResults } from './decode-jobs';

/** Event loop → decode thread: one job. */
export interface DecodeRequest {
  readonly id: number;
  readonly job: DecodeJob;
}

/** Decode thread → event loop: the job's result or why it failed. */
export type DecodeReply =
  | {
      readonly id: number;
      readonly result: DecodeResults[DecodeJob['kind']];
      readonly failure?: undefined;
    }
  | { readonly id: number; readonly failure: DecodeFailure; readonly result?: undefined };

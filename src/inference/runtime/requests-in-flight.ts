/**
 * Requests inside the data plane right now, across every model: the data plane counts them in
 * (InferenceService.infer), the runtime reads them to choose where a run executes. A run goes on
 * the event loop only when its request is the only one in the server; any other means the event
 * loop has HTTP to parse, and the pool's threads should compute.
 */
export class RequestsInFlight {
  private count = 0;

  get current(): number {
    return this.count;
  }

  /** Counts a request in; the returned function counts it out (once, however often called). */
  enter(): () => void {
    this.count++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.count--;
    };
  }
}

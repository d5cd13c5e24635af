/**
 * Measures what loading a model version costs in memory: the growth of the process's resident set
 * across the load (sessions live on pool threads, whose native allocations RSS includes). Loads
 * that overlap cannot be told apart, and the garbage collector may shrink the set meanwhile, so
 * the file size is the floor, and an overlapped load is counted as its file plus the smallest
 * per-session overhead a load measured alone has shown (none yet: the file size alone).
 */
export class FootprintMeter {
  private running = 0;
  private starts = 0;
  private overheadBytes?: number;

  /** Starts one measurement; the returned function ends it with the footprint in bytes. */
  start(fileBytes: number): () => number {
    const alone = this.running === 0;
    this.running++;
    const mine = ++this.starts;
    const before = process.memoryUsage.rss();
    return () => {
      this.running--;
      const grown = process.memoryUsage.rss() - before;
      if (!alone || this.starts !== mine) return fileBytes + (this.overheadBytes ?? 0);
      const footprint = Math.max(fileBytes, grown);
      const overhead = footprint - fileBytes;
      this.overheadBytes = Math.min(this.overheadBytes ?? overhead, overhead);
      return footprint;
    };
  }
}

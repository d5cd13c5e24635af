import pino, { Logger } from 'pino';
import { Writable } from 'node:stream';

/** A real pino logger writing into an array of parsed lines, for the logging specs. */
export function memoryLogger(level = 'trace'): {
  logger: Logger;
  lines: Record<string, unknown>[];
} {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return {
    logger: pino({ level, formatters: { level: (label) => ({ level: label }) } }, stream),
    lines,
  };
}

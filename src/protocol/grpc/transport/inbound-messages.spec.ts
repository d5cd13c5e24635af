import type { ServerHttp2Stream } from 'node:http2';
import { PassThrough } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { ConcurrencyGate } from './concurrency-gate';
import { GrpcError } from './grpc-status';
import { InboundMessages } from './inbound-messages';
import { frameMessage } from './message-framing';

const limits = { maxBytes: 1024, maxInflateRatio: 100, ratioFreeBytes: 1024 };

function inbound(encoding: 'identity' | 'gzip' = 'identity', readAhead = 4) {
  // A PassThrough stands in for the HTTP/2 stream: the same readable side (data, end, pause).
  const stream = new PassThrough();
  const messages = new InboundMessages(stream as unknown as ServerHttp2Stream, {
    limits,
    encoding,
    inflateGate: new ConcurrencyGate(1),
    readAhead,
    decode: (bytes) => bytes.toString(),
  });
  return { stream, messages };
}

describe('InboundMessages', () => {
  it('reads nothing before the handler asks: a refused call costs no inflation', async () => {
    const { stream, messages } = inbound('gzip');
    stream.write(frameMessage(gzipSync(Buffer.from('hello')), true));
    await new Promise((r) => setImmediate(r));
    expect(messages.bytes).toBe(0);
    expect(await messages.next()).toBe('hello');
    expect(messages.bytes).toBeGreaterThan(5);
  });

  it('yields messages in order through inflation, then undefined at the end', async () => {
    const { stream, messages } = inbound('gzip');
    stream.write(frameMessage(gzipSync(Buffer.from('a'.repeat(500))), true));
    stream.write(frameMessage(Buffer.from('b'), false));
    stream.end(frameMessage(gzipSync(Buffer.from('c')), true));
    expect(await messages.next()).toBe('a'.repeat(500));
    expect(await messages.next()).toBe('b');
    expect(await messages.next()).toBe('c');
    expect(await messages.next()).toBeUndefined();
  });

  it('pauses the stream once `readAhead` messages wait, and resumes as they are taken', async () => {
    const { stream, messages } = inbound('identity', 2);
    stream.write(Buffer.concat(['1', '2', '3'].map((m) => frameMessage(Buffer.from(m), false))));
    expect(await messages.next()).toBe('1');
    expect(stream.isPaused()).toBe(true);
    expect(await messages.next()).toBe('2');
    expect(stream.isPaused()).toBe(false);
    expect(await messages.next()).toBe('3');
  });

  it('throws the fault after the messages before it: an oversized message, a truncated one', async () => {
    const big = inbound();
    big.stream.write(frameMessage(Buffer.from('ok'), false));
    big.stream.write(frameMessage(Buffer.alloc(2000), false));
    expect(await big.messages.next()).toBe('ok');
    await expect(big.messages.next()).rejects.toThrow(GrpcError);
    const cut = inbound();
    cut.stream.end(frameMessage(Buffer.from('abc'), false).subarray(0, 6));
    await expect(cut.messages.next()).rejects.toThrow('the stream ended inside a message');
  });
});

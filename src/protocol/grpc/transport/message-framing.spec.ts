import { GrpcError, GrpcStatus } from './grpc-status';
import { FrameReader, frameMessage } from './message-framing';

describe('frameMessage / FrameReader', () => {
  it('writes the flag and a big-endian length before the bytes', () => {
    expect([...frameMessage(Buffer.from('ab'), false)]).toEqual([0, 0, 0, 0, 2, 97, 98]);
    expect(frameMessage(Buffer.from('ab'), true)[0]).toBe(1);
  });

  it('reads messages back however the stream cuts them', () => {
    const wire = Buffer.concat([
      frameMessage(Buffer.from('first'), false),
      frameMessage(Buffer.alloc(0), false),
      frameMessage(Buffer.from('third'), true),
    ]);
    for (const size of [1, 2, 5, 7, wire.length]) {
      const reader = new FrameReader(1024);
      const frames = [];
      for (let i = 0; i < wire.length; i += size)
        frames.push(...reader.push(wire.subarray(i, i + size)));
      expect(frames.map((f) => [f.compressed, f.payload.toString()])).toEqual([
        [false, 'first'],
        [false, ''],
        [true, 'third'],
      ]);
      expect(reader.partial).toBe(false);
    }
  });

  it('knows when a message is cut off', () => {
    const reader = new FrameReader(1024);
    reader.push(frameMessage(Buffer.from('abc'), false).subarray(0, 6));
    expect(reader.partial).toBe(true);
  });

  it('refuses a message longer than the limit from its prefix alone', () => {
    const reader = new FrameReader(10);
    const prefix = frameMessage(Buffer.alloc(11), false).subarray(0, 5);
    let error: unknown;
    try {
      reader.push(prefix);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GrpcError);
    expect((error as GrpcError).code).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
    expect((error as GrpcError).message).toBe(
      'the request message is 11 bytes; the largest accepted is 10 (MAX_REQUEST_BYTES)',
    );
  });
});

import { encodeGrpcMessage } from './grpc-status';
import { parseGrpcTimeout } from './grpc-timeout';

describe('encodeGrpcMessage', () => {
  it.each([
    ['plain ASCII', "unknown model 'x'", "unknown model 'x'"],
    ['a percent sign', '100% full', '100%25 full'],
    ['UTF-8', 'ü', '%C3%BC'],
    ['a newline', 'a\nb', 'a%0Ab'],
    ['an arrow', '→', '%E2%86%92'],
  ])('%s', (_case, message, wire) => {
    expect(encodeGrpcMessage(message)).toBe(wire);
    expect(decodeURIComponent(wire)).toBe(message);
  });
});

describe('parseGrpcTimeout', () => {
  it.each([
    ['100m', 100],
    ['2S', 2000],
    ['1M', 60_000],
    ['1H', 3_600_000],
    ['1500u', 1.5],
    ['12345678n', 12.345678],
    [undefined, undefined],
    ['', undefined],
    ['100', undefined],
    ['123456789m', undefined],
    ['-1S', undefined],
    ['1.5S', undefined],
    ['10x', undefined],
  ])('%p → %p ms', (header, ms) => {
    expect(parseGrpcTimeout(header)).toBe(ms);
  });
});

import { EncodedBody } from '../protocol/shared/encoded-body';
import { chooseEncoding } from './reply-compression';

const answer = (bytes: number, compressible = true): EncodedBody =>
  new EncodedBody(Buffer.alloc(bytes), 'application/json', undefined, {}, compressible);

/** Triton compresses an answer whenever the client asks; COMPRESS_MIN_BYTES (default 0) sets a floor. */
describe('chooseEncoding', () => {
  it.each([
    ['a 60-byte answer, gzip asked, default floor 0', answer(60), 'gzip', 0, 'gzip'],
    ['a 60-byte answer, deflate asked, default floor 0', answer(60), 'deflate', 0, 'deflate'],
    ['an empty answer, gzip asked, floor 0', answer(0), 'gzip', 0, 'gzip'],
    ['a 60-byte answer, nothing asked', answer(60), undefined, 0, undefined],
    ['a 60-byte answer, only br asked', answer(60), 'br', 0, undefined],
    ['a 60-byte answer under a 1024-byte floor', answer(60), 'gzip', 1024, undefined],
    ['a 1024-byte answer at a 1024-byte floor', answer(1024), 'gzip', 1024, 'gzip'],
    ['an error or probe (not compressible)', answer(5000, false), 'gzip', 0, undefined],
  ] as const)('%s → %p', (_case, body, accept, floor, expected) => {
    expect(chooseEncoding(body, accept, floor)).toBe(expected);
  });
});

import { Tensor } from '../common/tensor/tensor';
import {
  CorruptEntryError,
  decodeCachedTensors,
  encodeCachedTensors,
} from './cached-tensors.codec';

const t = (datatype: Tensor['datatype'], shape: number[], data: Tensor['data']): Tensor => ({
  name: `out_${datatype}`,
  datatype,
  shape,
  data,
});

describe('cached tensors codec', () => {
  const rows: Tensor[] = [
    t('BOOL', [3], new Uint8Array([1, 0, 1])),
    t('UINT8', [2], new Uint8Array([0, 255])),
    t('UINT16', [1], new Uint16Array([65535])),
    t('UINT32', [1], new Uint32Array([4294967295])),
    t('UINT64', [1], new BigUint64Array([18446744073709551615n])),
    t('INT8', [2], new Int8Array([-128, 127])),
    t('INT16', [1], new Int16Array([-32768])),
    t('INT32', [2, 2], new Int32Array([1, -2, 3, -4])),
    t('INT64', [1], new BigInt64Array([-9223372036854775808n])),
    t('FP16', [1], new Uint16Array([0x3c00])),
    t('FP32', [1, 3], new Float32Array([0.1, -0, NaN])),
    t('FP64', [1], new Float64Array([Number.MIN_VALUE])),
    t('BYTES', [3], ['', 'héllo', 'a\u0000b']),
    t('FP32', [], new Float32Array([7])),
    t('FP32', [0, 4], new Float32Array(0)),
  ];

  it.each(rows.map((r) => [`${r.datatype} ${JSON.stringify(r.shape)}`, r]))(
    'round-trips %s exactly',
    (_case, tensor) => {
      const [back] = decodeCachedTensors(encodeCachedTensors([tensor]));
      expect(back).toEqual(tensor);
      expect(back.data.constructor).toBe(tensor.data.constructor);
      if (!Array.isArray(back.data) && !Array.isArray(tensor.data))
        expect(Buffer.from(back.data.buffer)).toEqual(
          Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength),
        );
    },
  );

  it('keeps several tensors in order, and stores a view without its backing buffer', () => {
    const view = new Float32Array([9, 1, 2, 9]).subarray(1, 3);
    const tensors = [t('FP32', [2], view), { ...rows[12], name: 'labels' }];
    const value = encodeCachedTensors(tensors);
    expect(decodeCachedTensors(value)).toEqual([
      t('FP32', [2], new Float32Array([1, 2])),
      tensors[1],
    ]);
  });

  it('is compact: a float costs 4 bytes', () => {
    const value = encodeCachedTensors([t('FP32', [1, 1000], new Float32Array(1000))]);
    expect(value.length).toBeLessThan(4000 + 64);
  });

  it('hands out storage of its own, not a view of the stored value', () => {
    const value = encodeCachedTensors([t('INT32', [1], new Int32Array([5]))]);
    const first = decodeCachedTensors(value)[0].data as Int32Array;
    first[0] = 6;
    expect(decodeCachedTensors(value)[0].data).toEqual(new Int32Array([5]));
  });

  const good = encodeCachedTensors([rows[7], rows[12]]);
  const forgedShape = Buffer.from(encodeCachedTensors([t('BYTES', [1], ['x'])]));
  forgedShape.writeDoubleLE(1e15, 4 + 4 + 4 + 'out_BYTES'.length);
  const corrupt: [string, Buffer][] = [
    ['an empty value', Buffer.alloc(0)],
    ['another format', Buffer.from('{"outputs":[]}')],
    ['a truncated entry', good.subarray(0, good.length - 3)],
    ['trailing bytes', Buffer.concat([good, Buffer.from([0])])],
    ['an unknown datatype', Buffer.from([...Buffer.from('PRC1'), 1, 0, 0, 0, 99, 0, 0, 0])],
    ['a shape the payload does not fill', forgedShape],
  ];
  it.each(corrupt)('refuses %s with CorruptEntryError', (_case, value) => {
    expect(() => decodeCachedTensors(value)).toThrow(CorruptEntryError);
  });
});

/**
 * NumPy's .npy format, version 1.0, for little-endian float32 arrays: how the bench hands the
 * generated weights to the Python peer (numpy.load reads them with no extra package).
 * Layout: magic "\x93NUMPY", version 1.0, a uint16 LE header length, a Python-dict header padded
 * with spaces to a multiple of 64 bytes (ending in "\n"), then the raw row-major data.
 */
export function encodeNpy(data: Float32Array, shape: readonly number[]): Buffer {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length)
    throw new Error(`npy: shape [${shape}] needs ${count} values, got ${data.length}`);
  const dims = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${dims}, }`;
  const preamble = 10;
  const padded = Math.ceil((preamble + dict.length + 1) / 64) * 64 - preamble;
  const header = Buffer.from(dict.padEnd(padded - 1, ' ') + '\n', 'latin1');
  const prefix = Buffer.alloc(preamble);
  prefix.write('\x93NUMPY', 0, 'latin1');
  prefix[6] = 1;
  prefix[7] = 0;
  prefix.writeUInt16LE(header.length, 8);
  const body = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.concat([prefix, header, body]);
}

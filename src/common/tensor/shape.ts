/** Number of elements a shape holds; 1 for a scalar shape []. */
export function elementCount(shape: readonly number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}

/** `[2,16]` style rendering used in every error message about shapes. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}

/** True when `actual` fits `expected`, where -1 in `expected` accepts any size. */
export function shapeMatches(expected: readonly number[], actual: readonly number[]): boolean {
  return expected.length === actual.length && expected.every((d, i) => d === -1 || d === actual[i]);
}

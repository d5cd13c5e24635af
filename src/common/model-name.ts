/**
 * Model names Perch serves: a letter or digit, then letters, digits, '_', '.' or '-'.
 * No separators and no leading dot, so a name can never name a path outside its directory.
 */
export const MODEL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/** Version directories and URL segments: a positive integer without leading zeros. */
export const VERSION_PATTERN = /^[1-9][0-9]{0,15}$/;

/**
 * The largest version: versions are JavaScript numbers, exact only up to 2^53 − 1, and one past it
 * would be served, listed and written back under a neighbour's number.
 */
export const MAX_VERSION = Number.MAX_SAFE_INTEGER;

/** A version directory name or URL segment as its number; undefined unless it matches VERSION_PATTERN and is at most MAX_VERSION. */
export function parseVersion(text: string): number | undefined {
  if (!VERSION_PATTERN.test(text)) return undefined;
  // Any 16-digit text past MAX_VERSION rounds to 2^53 or more, so the comparison is exact.
  const version = Number(text);
  return version <= MAX_VERSION ? version : undefined;
}

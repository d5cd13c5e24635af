/** Response encodings Perch produces. */
export type ResponseEncoding = 'gzip' | 'deflate';

/**
 * The encoding to answer with, from an Accept-Encoding header (RFC 9110 §12.5.3): the supported
 * coding with the highest q-value above 0, gzip on a tie, `*` standing for any coding not named.
 * Undefined means identity.
 */
export function negotiateEncoding(header: string | undefined): ResponseEncoding | undefined {
  if (!header) return undefined;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (!coding) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(coding.trim(), Number.isFinite(value) ? value : 0);
  }
  const weight = (coding: ResponseEncoding): number => q.get(coding) ?? q.get('*') ?? 0;
  const best = (['gzip', 'deflate'] as const).reduce((a, b) => (weight(b) > weight(a) ? b : a));
  return weight(best) > 0 ? best : undefined;
}

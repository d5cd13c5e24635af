import { Contender } from './benchmark';

/**
 * Other language identifiers from npm, run in this process on the same texts, for the
 * comparison tables. Each answers ISO 639-1 codes ('' or another language's code counts as
 * wrong). All three are ESM-only; a CommonJS tool reaches them through a real dynamic import
 * (TypeScript would compile `import()` to require(), which Node 20 before 20.19 refuses).
 */
const importEsm = new Function('specifier', 'return import(specifier)') as <T>(
  s: string,
) => Promise<T>;

/** eld (Nito-ELD) with its large database, the most accurate of its sizes; all its languages. */
export async function eldContender(name: string): Promise<Contender> {
  const { eld } = await importEsm<{ eld: { detect(t: string): { language: string } } }>(
    'eld/large',
  );
  return { name, identify: async (texts) => texts.map((t) => eld.detect(t).language) };
}

/** tinyld, full build, all its languages. */
export async function tinyldContender(name: string): Promise<Contender> {
  // tinyld ships CommonJS as well; require keeps it out of the ESM dance.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { detect } = require('tinyld') as { detect(t: string): string };
  return { name, identify: async (texts) => texts.map((t) => detect(t)) };
}

type Franc = (text: string, options?: { only?: string[] }) => string;

/**
 * franc, answering ISO 639-3; `only` restricts it to those codes, `toIso1` maps its answers
 * back (an answer outside the map stays as franc gave it, and counts as wrong).
 */
export async function francContender(
  name: string,
  toIso1: ReadonlyMap<string, string>,
  only?: string[],
): Promise<Contender> {
  const { franc } = await importEsm<{ franc: Franc }>('franc');
  return {
    name,
    identify: async (texts) =>
      texts.map((t) => {
        const code = franc(t, only && { only });
        return toIso1.get(code) ?? code;
      }),
  };
}

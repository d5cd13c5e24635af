/** Length in Unicode code points, the unit every length in this tool is measured in. */
export function codePointLength(text: string): number {
  return Array.from(text).length;
}

/** Sentence ends: Latin, CJK full-width and Devanagari/Bengali danda punctuation. */
const SENTENCE_END = /(?<=[.!?;:])\s+|(?<=[。！？；：।॥])\s*/u;

/** A paragraph cut into sentences at sentence punctuation; punctuation stays with its sentence. */
export function sentences(paragraph: string): string[] {
  return paragraph
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Short test texts cut from one sentence: words packed greedily into pieces shorter than
 * `max` code points, kept when at least `min` long. A "word" longer than the limit (Chinese,
 * Japanese and Thai runs have no spaces) is cut into pieces of `max - 10` code points.
 */
export function fragments(sentence: string, min: number, max: number): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let length = 0;
  const flush = (): void => {
    if (length >= min) out.push(current.join(' '));
    current = [];
    length = 0;
  };
  for (const word of sentence.split(/\s+/).flatMap((w) => pieces(w, max - 10))) {
    const wordLength = codePointLength(word);
    const next = length === 0 ? wordLength : length + 1 + wordLength;
    if (next >= max) flush();
    length = length === 0 ? wordLength : length + 1 + wordLength;
    current.push(word);
  }
  flush();
  return out;
}

function pieces(word: string, size: number): string[] {
  const cps = Array.from(word);
  if (cps.length < size) return [word];
  const out: string[] = [];
  for (let i = 0; i < cps.length; i += size) out.push(cps.slice(i, i + size).join(''));
  return out;
}

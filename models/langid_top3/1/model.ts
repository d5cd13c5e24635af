import { HandlerError, type Handler, type ModelContext, type Tensors } from 'perch/handler';

/**
 * A model with no ONNX file of its own: it asks the served `langid` model for each text's three
 * most likely languages (Triton's classification extension, through a call by name) and answers
 * `{"language": "fr", "confidence": 0.97, "alternatives": [{"language": "it", ...}, ...]}`.
 * Below `parameters.min_confidence` the language is "und" (undetermined, BCP 47's code).
 */
type TextRecord = string | { text: string };

interface Guess {
  language: string;
  confidence: number;
}

interface LanguageAnswer extends Guess {
  alternatives: Guess[];
}

const TOP = 3;

export default class LangidTop3 implements Handler<TextRecord, LanguageAnswer> {
  private minConfidence = 0.5;

  load(context: ModelContext): void {
    const text = context.parameters.min_confidence ?? '0.5';
    const value = Number(text);
    if (!(value >= 0 && value <= 1)) {
      throw new Error(`parameters.min_confidence must be a number from 0 to 1, not '${text}'`);
    }
    this.minConfidence = value;
  }

  /** A record is a text, or `{"text": "..."}` (what V2 rows look like). */
  preprocess(rows: TextRecord[]): Tensors {
    const texts = rows.map((row, r) => {
      const text = typeof row === 'string' ? row : row?.text;
      if (typeof text !== 'string') {
        throw new HandlerError('INVALID_ARG', `record ${r} must be a text or {"text": "..."}`);
      }
      return text;
    });
    return { text: { datatype: 'BYTES', shape: [texts.length], data: texts } };
  }

  predict(inputs: Tensors, context: ModelContext): Promise<Tensors> {
    return context.infer('langid', inputs, {
      outputs: [{ name: 'probabilities', classification: TOP }],
    });
  }

  /** Each row's top 3 come back as "score:index:label" strings, best first. */
  postprocess(outputs: Tensors): LanguageAnswer[] {
    const top = outputs.probabilities.data as string[];
    const answers: LanguageAnswer[] = [];
    for (let r = 0; r < top.length / TOP; r++) {
      const [best, ...alternatives] = top.slice(r * TOP, (r + 1) * TOP).map(parseGuess);
      const language = best.confidence >= this.minConfidence ? best.language : 'und';
      answers.push({ language, confidence: best.confidence, alternatives });
    }
    return answers;
  }
}

function parseGuess(entry: string): Guess {
  const [score, , label] = entry.split(':');
  return { language: label, confidence: Math.round(Number(score) * 1e4) / 1e4 };
}

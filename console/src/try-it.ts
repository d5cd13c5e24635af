import type {
  InferInput,
  InferOutput,
  ModelMetadata,
  TensorMetadata,
} from '../../clients/typescript/src/index.js';
import { errorBox, h, table } from './dom.js';
import { describe, Session } from './session.js';

/**
 * A form generated from the model's metadata. A model with one BYTES input gets a text box (one
 * row per line, one answer per line); any other gets a JSON data field and a shape per input.
 */
export function tryItForm(session: Session, meta: ModelMetadata, onDone: () => void): HTMLElement {
  const result = h('div', { id: 'result', 'aria-live': 'polite' });
  const text = meta.inputs.length === 1 && meta.inputs[0].datatype === 'BYTES';
  const fields = text ? [textField(meta.inputs[0])] : meta.inputs.map(dataField);
  const run = async (e: Event): Promise<void> => {
    e.preventDefault();
    result.replaceChildren(h('p', { class: 'status' }, 'Running…'));
    try {
      const inputs = fields.map((f) => f.read());
      const answer = await session.call((c) => c.infer(meta.name, { inputs }));
      result.replaceChildren(
        text ? perLine(inputs[0].data as string[], answer.outputs) : outputsTable(answer.outputs),
      );
    } catch (err) {
      result.replaceChildren(errorBox(describe(err)));
    }
    onDone();
  };
  return h(
    'form',
    { id: 'try-it', onsubmit: (e) => void run(e) },
    ...fields.map((f) => f.element),
    h('button', { type: 'submit' }, 'Run'),
    result,
  );
}

interface Field {
  element: HTMLElement;
  read(): InferInput;
}

function textField(input: TensorMetadata): Field {
  const area = h('textarea', { name: input.name, rows: '5', placeholder: 'One text per line' });
  return {
    element: h('label', {}, `${input.name} (one ${input.datatype} row per line)`, area),
    read: () => {
      const lines = area.value.split('\n').filter((l) => l.trim() !== '');
      return {
        name: input.name,
        datatype: 'BYTES',
        shape: shapeFor(input.shape, lines.length),
        data: lines,
      };
    },
  };
}

function dataField(input: TensorMetadata): Field {
  const shape = input.shape.map((d) => (d < 0 ? 1 : d));
  const zeros = new Array<number>(shape.reduce((a, b) => a * b, 1)).fill(0);
  const data = h('textarea', { name: input.name, rows: '3' });
  data.value = JSON.stringify(input.datatype === 'BYTES' ? zeros.map(String) : zeros);
  const shapeBox = h('input', { name: `${input.name}.shape`, value: JSON.stringify(shape) });
  return {
    element: h(
      'fieldset',
      {},
      h('legend', {}, `${input.name}: ${input.datatype} ${JSON.stringify(input.shape)}`),
      h('label', {}, 'data (JSON)', data),
      h('label', {}, 'shape', shapeBox),
    ),
    // Sent as written: the server checks the values and says what is wrong with them.
    read: () => {
      const values = JSON.parse(data.value) as unknown;
      const flat = (Array.isArray(values) ? values.flat(Infinity) : [values]) as number[];
      const dims = JSON.parse(shapeBox.value) as number[];
      return { name: input.name, datatype: input.datatype, shape: dims, data: flat } as InferInput;
    },
  };
}

/** The metadata's shape with the batch dimension (the first -1) set to `rows`, others to 1. */
function shapeFor(shape: number[], rows: number): number[] {
  if (shape.length === 0) return [rows];
  let batched = false;
  return shape.map((d) => {
    if (d >= 0) return d;
    if (batched) return 1;
    batched = true;
    return rows;
  });
}

function perLine(lines: string[], outputs: InferOutput[]): HTMLTableElement {
  const perRow = outputs.filter((o) => o.shape[0] === lines.length);
  return table(
    ['Text', ...perRow.map((o) => o.name)],
    lines.map((line, i) => [line, ...perRow.map((o) => rowValue(o, i, lines.length))]),
    { id: 'answers' },
  );
}

function rowValue(output: InferOutput, row: number, rows: number): string {
  const width = output.data.length / rows;
  const values = Array.from(output.data as ArrayLike<unknown>).slice(
    row * width,
    (row + 1) * width,
  );
  if (values.length <= 4) return values.map(format).join(', ');
  const numbers = values.map(Number);
  const top = numbers.indexOf(Math.max(...numbers));
  return `${values.length} values; highest ${format(values[top])} at ${top}`;
}

function outputsTable(outputs: InferOutput[]): HTMLTableElement {
  return table(
    ['Output', 'Datatype', 'Shape', 'Data'],
    outputs.map((o) => {
      const values = Array.from(o.data as ArrayLike<unknown>);
      const shown = values.slice(0, 64).map(format).join(', ');
      return [
        o.name,
        o.datatype,
        JSON.stringify(o.shape),
        values.length > 64 ? `${shown}, …` : shown,
      ];
    }),
    { id: 'outputs' },
  );
}

function format(v: unknown): string {
  return typeof v === 'number' && !Number.isInteger(v) ? v.toPrecision(4) : String(v);
}

import type { OperationObject, PathsObject, SchemaObject } from '@nestjs/swagger';
import { DataType } from '../common/tensor/datatype';
import { TensorMetadata } from '../inference/inference.types';
import { errorResponse, INFER_ERRORS } from './schemas/error-responses';
import { elementSchema, exampleData } from './schemas/element-schemas';
import { ref, schemaRef } from './schemas/protocol.schemas';

/** One READY version of a model, as its metadata describes it. */
export interface DocumentedVersion {
  readonly version: string;
  readonly inputs: readonly TensorMetadata[];
  readonly outputs: readonly TensorMetadata[];
}

/** A model with at least one READY version; `versions` ascending, the last one is the default. */
export interface DocumentedModel {
  readonly name: string;
  readonly versions: readonly DocumentedVersion[];
}

export interface ModelOperations {
  readonly paths: PathsObject;
  readonly schemas: Record<string, SchemaObject>;
}

/** Examples larger than this many elements would swell the document; they are left out. */
const MAX_EXAMPLE_ELEMENTS = 256;

/**
 * One typed infer operation per served model (its newest version) and per READY version, with
 * the exact input and output names, datatypes and shapes: a client generator then writes a
 * typed call per model, where the generic `/v2/models/{model}/infer` only knows "some tensor".
 * Concrete paths take precedence over the templated one in OpenAPI, so both can coexist.
 */
export function modelOperations(models: readonly DocumentedModel[]): ModelOperations {
  const paths: PathsObject = {};
  const schemas: Record<string, SchemaObject> = {};
  const ids = new UniqueIds();
  for (const model of models) {
    const newest = model.versions.at(-1);
    if (!newest) continue;
    const id = ids.take(`infer_${model.name.replace(/[^A-Za-z0-9_]/g, '_')}`);
    for (const v of model.versions) Object.assign(schemas, versionSchemas(model.name, v));
    paths[`/v2/models/${model.name}/infer`] = { post: operation(model.name, newest, id, true) };
    for (const v of model.versions) {
      paths[`/v2/models/${model.name}/versions/${v.version}/infer`] = {
        post: operation(model.name, v, `${id}_v${v.version}`, false),
      };
    }
  }
  return { paths, schemas };
}

function operation(
  model: string,
  v: DocumentedVersion,
  operationId: string,
  newest: boolean,
): OperationObject {
  const prefix = componentPrefix(model, v.version);
  const which = newest ? `the newest READY version (now ${v.version})` : `version ${v.version}`;
  return {
    operationId,
    tags: ['Models'],
    summary: `Infer with ${model}${newest ? '' : ` version ${v.version}`}`,
    description:
      `Open Inference Protocol inference on model '${model}', ${which}. Inputs: ` +
      v.inputs.map(describe).join(', ') +
      '. Outputs: ' +
      v.outputs.map(describe).join(', ') +
      '. A leading -1 is the batch dimension. Outputs asked for with `classification` come back ' +
      'as BYTES; binary tensors follow the binary tensor data extension.',
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: schemaRef(`${prefix}.request`),
          ...exampleOf(v),
        },
      },
    },
    responses: {
      200: {
        description: `The outputs of ${model} version ${v.version}.`,
        content: {
          'application/json': { schema: schemaRef(`${prefix}.response`) },
        },
      },
      ...Object.fromEntries(INFER_ERRORS.map((s) => [s, errorResponse(s)])),
    },
  };
}

function versionSchemas(model: string, v: DocumentedVersion): Record<string, SchemaObject> {
  const prefix = componentPrefix(model, v.version);
  const schemas: Record<string, SchemaObject> = {};
  const inputRefs = v.inputs.map((t, i) => {
    const key = `${prefix}.input.${i}`;
    schemas[key] = tensorSchema(t, 'input');
    return { name: t.name, ...schemaRef(key) };
  });
  const outputRefs = v.outputs.map((t, i) => {
    const key = `${prefix}.output.${i}`;
    schemas[key] = tensorSchema(t, 'output');
    return { name: t.name, ...schemaRef(key) };
  });
  schemas[`${prefix}.request`] = {
    type: 'object',
    required: ['inputs'],
    properties: {
      id: { type: 'string', description: 'Echoed in the answer.' },
      parameters: ref('Parameters'),
      inputs: { ...oneOfByName(inputRefs), minItems: v.inputs.length, maxItems: v.inputs.length },
      outputs: {
        type: 'array',
        maxItems: v.outputs.length,
        items: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string', enum: v.outputs.map((o) => o.name) },
            parameters: ref('Parameters'),
          },
        },
      },
    },
  };
  schemas[`${prefix}.response`] = {
    type: 'object',
    required: ['model_name', 'outputs'],
    properties: {
      model_name: { type: 'string', enum: [model] },
      model_version: { type: 'string', enum: [v.version] },
      id: { type: 'string' },
      parameters: ref('Parameters'),
      outputs: oneOfByName(outputRefs),
    },
  };
  return schemas;
}

/** An array whose items are one of the named tensors, told apart by `name`. */
function oneOfByName(refs: readonly { name: string; $ref: string }[]): SchemaObject {
  if (refs.length === 1) return { type: 'array', items: { $ref: refs[0].$ref } };
  return {
    type: 'array',
    items: {
      oneOf: refs.map((r) => ({ $ref: r.$ref })),
      discriminator: {
        propertyName: 'name',
        mapping: Object.fromEntries(refs.map((r) => [r.name, r.$ref])),
      },
    },
  };
}

function tensorSchema(t: TensorMetadata, kind: 'input' | 'output'): SchemaObject {
  const rank = t.shape.length;
  return {
    type: 'object',
    description: `${kind} '${t.name}': ${t.datatype} ${shapeText(t.shape)}`,
    // `data` is absent when the tensor travels binary.
    required: ['name', 'shape', 'datatype'],
    properties: {
      name: { type: 'string', enum: [t.name] },
      datatype: { type: 'string', enum: [t.datatype] },
      shape: {
        type: 'array',
        items: { type: 'integer', minimum: 0 },
        minItems: rank,
        maxItems: rank,
        description: `The model's shape is ${shapeText(t.shape)}; -1 is any size.`,
      },
      parameters: ref('Parameters'),
      data: {
        type: 'array',
        items: elementSchema(t.datatype as DataType, kind),
        description: 'Row-major elements, product(shape) of them (nested arrays are accepted too).',
      },
    },
  };
}

/** A request a client can send as-is: every -1 taken as 1, zeros / false / "text" as values. */
function exampleOf(v: DocumentedVersion): { example?: unknown } {
  const inputs = v.inputs.map((t) => {
    const shape = t.shape.map((d) => (d < 0 ? 1 : d));
    const count = shape.reduce((a, b) => a * b, 1);
    return { name: t.name, shape, datatype: t.datatype, data: exampleData(t.datatype, count) };
  });
  const total = inputs.reduce((n, i) => n + i.data.length, 0);
  return total > MAX_EXAMPLE_ELEMENTS ? {} : { example: { inputs } };
}

function describe(t: TensorMetadata): string {
  return `${t.name} (${t.datatype} ${shapeText(t.shape)})`;
}

function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** Schema keys allow `[A-Za-z0-9._-]`, which model names already are (MODEL_NAME_PATTERN). */
function componentPrefix(model: string, version: string): string {
  return `${model}.v${version}`;
}

/**
 * Operation ids become method names in generated clients, so only `[A-Za-z0-9_]`; names that
 * collide once other characters are replaced (`a.b`, `a-b`) get a numbered suffix.
 */
class UniqueIds {
  private readonly used = new Set<string>();

  take(id: string): string {
    let unique = id;
    for (let n = 2; this.used.has(unique); n++) unique = `${id}_${n}`;
    this.used.add(unique);
    return unique;
  }
}

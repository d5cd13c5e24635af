import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { DATA_TYPES } from '../../common/tensor/datatype';

/**
 * The wire shapes of every route, written as OpenAPI 3.0 component schemas. Controllers take raw
 * Buffers and return EncodedBody, so nothing could be inferred from their signatures; these are
 * transcribed from the Open Inference Protocol (inference_rest.md), Triton's extensions and
 * Perch's own codecs, and are the one place to change when a wire shape changes.
 */
/** A reference to a component schema of the document, by its key. */
export const schemaRef = (key: string): ReferenceObject => ({
  $ref: `#/components/schemas/${key}`,
});

/** A reference to one of the protocol schemas below. */
export const ref = (name: ProtocolSchemaName): ReferenceObject => schemaRef(name);

const parameters: SchemaObject = {
  type: 'object',
  description:
    'Name/value pairs; values are strings, numbers or booleans. Unknown ones are ignored.',
  additionalProperties: true,
};

const datatype: SchemaObject = { type: 'string', enum: [...DATA_TYPES] };

const shape: SchemaObject = {
  type: 'array',
  items: { type: 'integer', minimum: 0 },
  description: 'Dimension sizes; the element count is their product.',
};

const tensorData: SchemaObject = {
  type: 'array',
  items: {},
  description:
    'Row-major elements, flat or nested as the shape. BYTES elements are strings; INT64/UINT64 ' +
    'may be decimal strings to stay exact beyond 2^53. Absent when the tensor travels binary.',
};

const metadataTensor: SchemaObject = {
  type: 'object',
  required: ['name', 'datatype', 'shape'],
  properties: {
    name: { type: 'string' },
    datatype,
    shape: {
      type: 'array',
      items: { type: 'integer', minimum: -1 },
      description:
        '-1 marks a variable dimension (the leading batch dimension of a batching model).',
    },
  },
};

const healthIndicators: SchemaObject = {
  type: 'object',
  additionalProperties: {
    type: 'object',
    properties: { status: { type: 'string', enum: ['up', 'down'] } },
    additionalProperties: true,
  },
};

const instancesBody: SchemaObject = {
  type: 'object',
  required: ['instances'],
  properties: { instances: { type: 'array', items: {} } },
};

const columnsBody: SchemaObject = {
  type: 'object',
  required: ['inputs'],
  properties: { inputs: {} },
};

const anyArray: SchemaObject = { type: 'array', items: {} };

const durationStat: SchemaObject = {
  type: 'object',
  required: ['count', 'ns'],
  properties: { count: { type: 'integer' }, ns: { type: 'integer' } },
};

const schemas = {
  Error: {
    type: 'object',
    required: ['error'],
    properties: { error: { type: 'string', description: 'What was wrong, naming the field.' } },
    additionalProperties: false,
  },
  Parameters: parameters,
  RequestInput: {
    type: 'object',
    required: ['name', 'shape', 'datatype'],
    properties: {
      name: { type: 'string' },
      shape,
      datatype,
      parameters: {
        ...parameters,
        description: '`binary_data_size`: the input travels binary, after the JSON header.',
      },
      data: tensorData,
    },
  },
  RequestOutput: {
    type: 'object',
    required: ['name'],
    properties: {
      name: { type: 'string' },
      parameters: {
        ...parameters,
        description:
          '`binary_data: true` answers this output binary; `classification: k` its top k.',
      },
    },
  },
  InferenceRequest: {
    type: 'object',
    required: ['inputs'],
    properties: {
      id: { type: 'string', description: 'Echoed in the answer.' },
      model_name: {
        type: 'string',
        description: "Optional (the KServe SDK sends it): must be the path's model.",
      },
      model_version: {
        type: 'string',
        description: "Optional: must be the path's version; chooses it when the path names none.",
      },
      parameters: {
        ...parameters,
        description: '`binary_data_output: true` answers every output binary.',
      },
      inputs: { type: 'array', items: schemaRef('RequestInput') },
      outputs: {
        type: 'array',
        items: schemaRef('RequestOutput'),
        description: 'Selects and orders the outputs; all of them when absent.',
      },
    },
  },
  ResponseOutput: {
    type: 'object',
    required: ['name', 'shape', 'datatype'],
    properties: { name: { type: 'string' }, shape, datatype, parameters, data: tensorData },
  },
  InferenceResponse: {
    type: 'object',
    required: ['model_name', 'outputs'],
    properties: {
      model_name: { type: 'string' },
      model_version: { type: 'string' },
      id: { type: 'string' },
      parameters,
      outputs: { type: 'array', items: schemaRef('ResponseOutput') },
    },
  },
  MetadataTensor: metadataTensor,
  ModelMetadata: {
    type: 'object',
    required: ['name', 'platform', 'inputs', 'outputs'],
    properties: {
      name: { type: 'string' },
      versions: { type: 'array', items: { type: 'string' } },
      platform: { type: 'string', example: 'onnxruntime_onnx' },
      inputs: { type: 'array', items: schemaRef('MetadataTensor') },
      outputs: { type: 'array', items: schemaRef('MetadataTensor') },
    },
  },
  ServerMetadata: {
    type: 'object',
    required: ['name', 'version', 'extensions'],
    properties: {
      name: { type: 'string' },
      version: { type: 'string' },
      extensions: { type: 'array', items: { type: 'string' } },
    },
  },
  ServerLive: {
    type: 'object',
    required: ['live'],
    properties: { live: { type: 'boolean' } },
  },
  ServerReady: {
    type: 'object',
    required: ['ready'],
    properties: { ready: { type: 'boolean' } },
  },
  ModelReady: {
    type: 'object',
    required: ['name', 'ready'],
    properties: { name: { type: 'string' }, ready: { type: 'boolean' } },
  },
  ModelConfig: {
    type: 'object',
    description:
      "Triton's model configuration: config.json with the fields it leaves out completed from the model file.",
    required: ['name', 'platform', 'max_batch_size', 'input', 'output'],
    properties: {
      name: { type: 'string' },
      platform: { type: 'string' },
      backend: { type: 'string' },
      max_batch_size: { type: 'integer' },
      input: { type: 'array', items: { type: 'object', additionalProperties: true } },
      output: { type: 'array', items: { type: 'object', additionalProperties: true } },
      version_policy: { type: 'object', additionalProperties: true },
      parameters: { type: 'object', additionalProperties: true },
      response_cache: { type: 'object', additionalProperties: true },
    },
  },
  ModelStatistics: {
    type: 'object',
    required: ['model_stats'],
    properties: {
      model_stats: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            version: { type: 'string' },
            last_inference: { type: 'integer', description: 'Milliseconds since the epoch.' },
            inference_count: { type: 'integer' },
            execution_count: { type: 'integer' },
            inference_stats: { type: 'object', additionalProperties: durationStat },
            response_stats: { type: 'object', additionalProperties: true },
            batch_stats: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  batch_size: { type: 'integer' },
                  compute_input: durationStat,
                  compute_infer: durationStat,
                  compute_output: durationStat,
                },
              },
            },
            memory_usage: { type: 'array', items: {} },
          },
        },
      },
    },
  },
  RepositoryIndexRequest: {
    type: 'object',
    properties: { ready: { type: 'boolean', description: 'Only the READY versions.' } },
  },
  RepositoryIndex: {
    type: 'array',
    items: {
      type: 'object',
      required: ['name', 'state', 'reason'],
      properties: {
        name: { type: 'string' },
        version: { type: 'string' },
        state: {
          type: 'string',
          enum: ['LOADING', 'READY', 'UNLOADING', 'UNAVAILABLE', 'STANDBY'],
        },
        reason: { type: 'string' },
      },
    },
  },
  RepositoryLoadRequest: {
    type: 'object',
    properties: {
      parameters: {
        type: 'object',
        description:
          '`config`: a config.json text to use; `file:<version>/model.onnx`: a model file, base64.',
        additionalProperties: { type: 'string' },
      },
    },
  },
  V1Request: {
    description:
      '`instances`: one row per instance (an object keyed by input name for multi-input models); ' +
      '`inputs`: columns. A bare JSON array is taken as `instances`.',
    oneOf: [instancesBody, columnsBody, anyArray],
  },
  V1Response: {
    type: 'object',
    properties: {
      predictions: { type: 'array', items: {} },
      outputs: { description: 'Columns, when the request sent `inputs`.' },
    },
  },
  V1ModelStatus: {
    type: 'object',
    required: ['name', 'ready'],
    properties: { name: { type: 'string' }, ready: { type: 'boolean' } },
  },
  PredictRequest: {
    description:
      'A JSON array with one value per row (a string for langid, a row of 4 numbers for iris), ' +
      'or a KServe V1 object `{"instances": [...]}`.',
    oneOf: [anyArray, instancesBody],
  },
  PredictResponse: {
    description:
      'A JSON array of the model\'s primary output, one value per row; `{"predictions": [...]}` for a V1 body.',
    oneOf: [
      anyArray,
      { type: 'object', properties: { predictions: { type: 'array', items: {} } } },
    ],
  },
  HealthReport: {
    type: 'object',
    description: "@nestjs/terminus's report; `error`/`details` name each model version not READY.",
    required: ['status'],
    properties: {
      status: { type: 'string', enum: ['ok', 'error', 'shutting_down'] },
      info: healthIndicators,
      error: healthIndicators,
      details: healthIndicators,
    },
  },
} satisfies Record<string, SchemaObject>;

export type ProtocolSchemaName = keyof typeof schemas;

export const PROTOCOL_SCHEMAS: Readonly<Record<ProtocolSchemaName, SchemaObject>> = schemas;

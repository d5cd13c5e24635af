import { DocumentedModel, modelOperations } from './model-operations';

const simple: DocumentedModel = {
  name: 'simple',
  versions: [
    {
      version: '1',
      inputs: [{ name: 'x', datatype: 'INT64', shape: [-1, 3] }],
      outputs: [
        { name: 'y', datatype: 'FP32', shape: [-1, 3] },
        { name: 'label', datatype: 'BYTES', shape: [-1] },
      ],
    },
  ],
};

describe('modelOperations', () => {
  it('writes one typed operation per model and per version, the newest unversioned', () => {
    const twoVersions: DocumentedModel = {
      name: 'm',
      versions: [
        { ...simple.versions[0], version: '2' },
        { ...simple.versions[0], version: '5' },
      ],
    };
    const { paths, schemas } = modelOperations([twoVersions]);
    expect(Object.keys(paths)).toEqual([
      '/v2/models/m/infer',
      '/v2/models/m/versions/2/infer',
      '/v2/models/m/versions/5/infer',
    ]);
    expect(paths['/v2/models/m/infer'].post?.operationId).toBe('infer_m');
    expect(paths['/v2/models/m/versions/2/infer'].post?.operationId).toBe('infer_m_v2');
    expect(paths['/v2/models/m/infer'].post?.requestBody).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/m.v5.request' } } },
    });
    expect(Object.keys(schemas)).toContain('m.v2.input.0');
  });

  it('describes inputs exactly: name, datatype, rank and element type', () => {
    const { schemas } = modelOperations([simple]);
    expect(schemas['simple.v1.input.0']).toMatchObject({
      required: ['name', 'shape', 'datatype'],
      properties: {
        name: { enum: ['x'] },
        datatype: { enum: ['INT64'] },
        shape: { minItems: 2, maxItems: 2 },
        data: {
          items: { oneOf: [{ type: 'integer' }, { type: 'string', pattern: '^-?[0-9]+$' }] },
        },
      },
    });
    // Non-finite floats are answered as null.
    expect(schemas['simple.v1.output.0']).toMatchObject({
      properties: { data: { items: { type: 'number', nullable: true } } },
    });
    expect(schemas['simple.v1.request']).toMatchObject({
      properties: {
        inputs: { minItems: 1, maxItems: 1 },
        outputs: { items: { properties: { name: { enum: ['y', 'label'] } } } },
      },
    });
    // Several outputs: told apart by name.
    expect(schemas['simple.v1.response']).toMatchObject({
      properties: {
        outputs: {
          items: {
            discriminator: {
              propertyName: 'name',
              mapping: {
                y: '#/components/schemas/simple.v1.output.0',
                label: '#/components/schemas/simple.v1.output.1',
              },
            },
          },
        },
      },
    });
  });

  it('gives a ready-to-send example, left out when it would be large', () => {
    const { paths } = modelOperations([simple]);
    expect(paths['/v2/models/simple/infer'].post?.requestBody).toMatchObject({
      content: {
        'application/json': {
          example: { inputs: [{ name: 'x', shape: [1, 3], datatype: 'INT64', data: [0, 0, 0] }] },
        },
      },
    });
    const image: DocumentedModel = {
      name: 'image',
      versions: [
        {
          version: '1',
          inputs: [{ name: 'pixels', datatype: 'FP32', shape: [-1, 3, 224, 224] }],
          outputs: [{ name: 'logits', datatype: 'FP32', shape: [-1, 1000] }],
        },
      ],
    };
    const content = modelOperations([image]).paths['/v2/models/image/infer'].post?.requestBody;
    expect(content).toBeDefined();
    expect(JSON.stringify(content)).not.toContain('example');
  });

  it('keeps operation ids unique when names differ only in characters ids cannot hold', () => {
    const { paths } = modelOperations([
      { ...simple, name: 'a.b' },
      { ...simple, name: 'a-b' },
    ]);
    expect(paths['/v2/models/a.b/infer'].post?.operationId).toBe('infer_a_b');
    expect(paths['/v2/models/a-b/infer'].post?.operationId).toBe('infer_a_b_2');
    expect(paths['/v2/models/a-b/versions/1/infer'].post?.operationId).toBe('infer_a_b_2_v1');
  });

  it('leaves out a model with no READY version', () => {
    expect(modelOperations([{ name: 'gone', versions: [] }]).paths).toEqual({});
  });
});

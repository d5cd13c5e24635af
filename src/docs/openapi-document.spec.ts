import type { OpenAPIObject } from '@nestjs/swagger';
import { validateEnv } from '../config/validate-env';
import { completeDocument, documentSkeleton } from './openapi-document';

const scanned = (paths: OpenAPIObject['paths']): OpenAPIObject => ({
  ...documentSkeleton(),
  paths,
});

describe('completeDocument', () => {
  it.each([
    [{}, undefined, [{}]],
    [{ PROTECT_METRICS: 'true' }, undefined, [{}]],
    [{ API_KEYS: 'k', PROTECT_METRICS: 'false' }, [{ bearer: [] }, { apiKeyHeader: [] }], [{}]],
    [
      { API_KEYS: 'k' },
      [{ bearer: [] }, { apiKeyHeader: [] }],
      [{ bearer: [] }, { apiKeyHeader: [] }],
    ],
  ])('with %j says what needs a key as the guards do', (env, global, metrics) => {
    const doc = completeDocument(scanned({}), validateEnv(env));
    expect(doc.security).toEqual(global);
    expect(doc.paths['/metrics'].get?.security).toEqual(metrics);
  });

  it('gives each path of a many-path handler its own id and only its own path parameters', () => {
    const op = {
      operationId: 'modelMetadata',
      responses: {},
      parameters: [
        { name: 'model', in: 'path' as const, required: true, schema: { type: 'string' } },
        { name: 'version', in: 'path' as const, required: true, schema: { type: 'string' } },
      ],
    };
    const doc = completeDocument(
      scanned({
        '/v2/models/{model}': { get: op },
        '/v2/models/{model}/versions/{version}': { get: op },
      }),
      validateEnv({ METRICS_ENABLED: 'false' }),
    );
    const plain = doc.paths['/v2/models/{model}'].get;
    const versioned = doc.paths['/v2/models/{model}/versions/{version}'].get;
    expect(plain?.operationId).toBe('modelMetadata');
    expect(versioned?.operationId).toBe('modelMetadataForVersion');
    expect(plain?.parameters?.map((p) => ('name' in p ? p.name : p.$ref))).toEqual(['model']);
    expect(versioned?.parameters).toHaveLength(2);
    expect(doc.paths['/metrics']).toBeUndefined();
  });
});

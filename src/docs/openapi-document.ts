import { DocumentBuilder, OpenAPIObject, OperationObject, PathsObject } from '@nestjs/swagger';
import { AppConfig } from '../config/app-config';
import { SERVER_INFO } from '../config/server-info';
import { errorResponse } from './schemas/error-responses';
import { PROTOCOL_SCHEMAS } from './schemas/protocol.schemas';

/**
 * Everything of the document that does not come from scanning the controllers: title, security
 * schemes, tags. The schemes are always described; which routes need them depends on the
 * configuration, and completeDocument() says so.
 */
export function documentSkeleton(): Omit<OpenAPIObject, 'paths'> {
  return new DocumentBuilder()
    .setTitle('Perch')
    .setDescription(
      'An ONNX model server speaking the Open Inference Protocol (V2) with Triton extensions, ' +
        'KServe V1 and a Flask-style /predict. Every error is `{"error": "<message>"}`. ' +
        'Each served model also has its own typed infer operation (tag Models).',
    )
    .setVersion(SERVER_INFO.version)
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'A key from API_KEYS.' },
      'bearer',
    )
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'A key from API_KEYS.' },
      'apiKeyHeader',
    )
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN: the repository API only.' },
      'adminToken',
    )
    .addTag('V2', 'Open Inference Protocol: server, models, inference')
    .addTag('Models', 'One typed infer operation per served model and version')
    .addTag('Repository', "Triton's model repository extension (admin)")
    .addTag('V1', 'KServe V1 / TF Serving REST')
    .addTag('Predict', "The Flask tutorial's /predict")
    .addTag('Health', 'Kubernetes probes')
    .addTag('Docs', 'This document')
    .build();
}

/**
 * The scanned document made true to this server: the protocol schemas, the metrics route (on the
 * adapter, so no scan sees it), security as configured, and operations normalized (see
 * normalizeOperations).
 */
export function completeDocument(scanned: OpenAPIObject, config: AppConfig): OpenAPIObject {
  const paths: PathsObject = { ...scanned.paths };
  if (config.metricsEnabled) paths[config.metricsPath] = { get: metricsOperation(config) };
  return {
    ...scanned,
    paths: normalizeOperations(paths),
    components: {
      ...scanned.components,
      schemas: { ...scanned.components?.schemas, ...PROTOCOL_SCHEMAS },
    },
    // Without API keys every route but the admin ones is open: no global requirement.
    ...(config.apiKeys.length > 0 && { security: [{ bearer: [] }, { apiKeyHeader: [] }] }),
  };
}

function metricsOperation(config: AppConfig): OperationObject {
  return {
    operationId: 'metrics',
    tags: ['Health'],
    summary: 'Prometheus metrics',
    description:
      'Text exposition format. Needs an API key when API_KEYS is set, unless PROTECT_METRICS=false.',
    // `[{}]`: no key needed.
    // PROTECT_METRICS only takes effect when there are keys to ask for (auth/authenticator.ts).
    security:
      config.protectMetrics && config.apiKeys.length > 0
        ? [{ bearer: [] }, { apiKeyHeader: [] }]
        : [{}],
    responses: {
      200: {
        description: 'The metrics.',
        content: { 'text/plain': { schema: { type: 'string' } } },
      },
      401: errorResponse(401),
    },
  };
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const PATH_PARAMETER_TEXT: Readonly<Record<string, string>> = {
  model: 'Model name: a letter or digit, then letters, digits, `_`, `.` or `-`.',
  version:
    'Model version: a positive integer up to 9007199254740991. Without it, the newest READY version answers.',
};

/**
 * Per path and method: one operation id, and parameters true to the path. Where one handler
 * serves several paths the scanner repeats its id and lists every `@Param` on every path (the
 * version too where the path has none); OpenAPI forbids both. A repeated id is suffixed
 * (`ForVersion` on the versioned path, else a number).
 */
function normalizeOperations(paths: PathsObject): PathsObject {
  const seen = new Map<string, number>();
  const uniqueId = (path: string, id: string): string => {
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    if (n === 1) return id;
    return path.includes('{version}') && !seen.has(`${id}ForVersion`)
      ? `${id}ForVersion`
      : `${id}_${n}`;
  };
  return Object.fromEntries(
    Object.entries(paths).map(([path, item]) => {
      const copy = { ...item };
      for (const method of METHODS) {
        const op = copy[method];
        if (!op) continue;
        copy[method] = {
          ...op,
          ...(op.operationId && { operationId: uniqueId(path, op.operationId) }),
          parameters: parametersOf(path, op.parameters ?? []),
        };
      }
      return [path, copy];
    }),
  );
}

type Parameter = NonNullable<OperationObject['parameters']>[number];

function parametersOf(path: string, parameters: readonly Parameter[]): Parameter[] {
  const inPath = new Set([...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]));
  const headers = new Map<string, Parameter>();
  const kept: Parameter[] = [];
  for (const p of parameters) {
    if ('$ref' in p) {
      kept.push(p);
    } else if (p.in === 'path') {
      if (inPath.has(p.name)) {
        kept.push({
          ...p,
          required: true,
          description: p.description ?? PATH_PARAMETER_TEXT[p.name],
        });
      }
    } else if (p.in === 'header') {
      // `@Headers()` and `@ApiHeader()` both list a header; the described one wins.
      const key = p.name.toLowerCase();
      const other = headers.get(key);
      if (!other || !('description' in other && other.description)) headers.set(key, p);
    } else {
      kept.push(p);
    }
  }
  return [...kept, ...headers.values()];
}

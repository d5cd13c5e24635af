import Ajv from 'ajv';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { call, FIXTURE_MODELS, startApp, TestApp } from '../helpers/test-app';

const TOKEN = 'docs-admin-token-0123456789';
const admin = { authorization: `Bearer ${TOKEN}` };

interface Operation {
  operationId: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, { schema: { $ref: string }; example?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
  security?: unknown[];
}

const getDocument = async (app: TestApp, headers: Record<string, string> = {}) => {
  const res = await call(app, 'GET', '/openapi.json', undefined, headers);
  expect(res.status).toBe(200);
  return res.json<Document>();
};

/** Every route the server mapped, from Nest's start-up lines (at debug): `Mapped {/v2/models/:model, GET} route`. */
function mappedRoutes(output: string): string[] {
  return [...output.matchAll(/Mapped \{([^,]+), (\w+)\} route/g)].map(
    ([, path, method]) => `${method.toLowerCase()} ${path.replace(/:(\w+)/g, '{$1}')}`,
  );
}

function validateOpenApi(doc: Document): Promise<string> {
  return new Promise((resolve) => {
    const script = join(__dirname, '..', 'helpers', 'validate-openapi.js');
    const child = execFile(process.execPath, [script], (_e, stdout) => resolve(stdout.trim()));
    child.stdin?.end(JSON.stringify(doc));
  });
}

describe('OpenAPI document (explicit mode: models load and unload while it is served)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({
      MODEL_REPOSITORY: FIXTURE_MODELS,
      MODEL_CONTROL_MODE: 'explicit',
      STARTUP_MODELS: 'simple,versioned',
      ADMIN_TOKEN: TOKEN,
      // Nest's route-mapping lines, which mappedRoutes reads, are debug lines.
      LOG_LEVEL: 'debug',
    });
  });
  afterAll(async () => {
    await app.close();
  });

  /** Validates `value` against a schema of the document, $refs and all. */
  const conforms = (doc: Document, ref: string, value: unknown): boolean => {
    // The discriminator is a hint for client generators; plain oneOf decides the same here
    // because each tensor's name is an enum of one.
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addSchema({ $id: 'perch', components: doc.components });
    const valid = ajv.validate({ $ref: `perch${ref}` }, value);
    if (!valid) console.error(ajv.errorsText());
    return valid;
  };

  it('is a valid OpenAPI 3 document', async () => {
    const doc = await getDocument(app);
    // @apidevtools/swagger-parser: the OpenAPI 3 schema, then every $ref resolved.
    expect(await validateOpenApi(doc)).toBe('valid');
    expect(doc.openapi).toMatch(/^3\./);
  });

  it('describes every route the server mapped, plus the metrics path', async () => {
    const doc = await getDocument(app);
    const described = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method} ${path}`),
    );
    // The docs and console pages and their files (and / sending browsers to the console) are
    // HTML and scripts, not API.
    const pages = (r: string) => r === 'get /' || /^get \/(docs|console)\b/.test(r);
    const routes = mappedRoutes(app.output()).filter((r) => !pages(r));
    expect(routes.length).toBeGreaterThan(20);
    expect(described).toEqual(expect.arrayContaining(routes));
    expect(described).toContain('get /metrics');
  });

  it('gives every operation a unique id, error answers in {"error"} form and the auth schemes', async () => {
    const doc = await getDocument(app);
    const ops = Object.values(doc.paths).flatMap((item) => Object.values(item));
    const ids = ops.map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const infer = doc.paths['/v2/models/{model}/infer'].post;
    for (const status of ['400', '404', '413', '429', '503'])
      expect(infer.responses[status].content?.['application/json'].schema.$ref).toBe(
        '#/components/schemas/Error',
      );
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual([
      'adminToken',
      'apiKeyHeader',
      'bearer',
    ]);
    expect(doc.paths['/v2/repository/index'].post.security).toEqual([{ adminToken: [] }]);
    expect(doc.paths['/health/ready'].get.security).toEqual([{}]);
    // No API_KEYS here: nothing else needs a key.
    expect(doc.security).toBeUndefined();
  });

  it('gives each READY model version a typed infer operation from its metadata', async () => {
    const doc = await getDocument(app);
    const op = doc.paths['/v2/models/simple/infer'].post;
    expect(op.operationId).toBe('infer_simple');
    const input = doc.components.schemas['simple.v1.input.0'];
    expect(input).toMatchObject({
      properties: {
        name: { enum: ['INPUT0'] },
        datatype: { enum: ['INT32'] },
        shape: { minItems: 2, maxItems: 2 },
        data: { items: { type: 'integer', minimum: -2147483648, maximum: 2147483647 } },
      },
    });
    // `versioned` serves versions 2 and 3 (latest 2): one operation each, the newest unversioned.
    expect(doc.paths['/v2/models/versioned/versions/2/infer'].post.operationId).toBe(
      'infer_versioned_v2',
    );
    expect(
      doc.paths['/v2/models/versioned/infer'].post.requestBody?.content['application/json'].schema
        .$ref,
    ).toBe('#/components/schemas/versioned.v3.request');
    expect(doc.paths['/v2/models/versioned/versions/1/infer']).toBeUndefined();
  });

  it("answers the document's own example request, and the answer fits the document's schema", async () => {
    const doc = await getDocument(app);
    const op = doc.paths['/v2/models/simple/infer'].post;
    const { example, schema } = op.requestBody!.content['application/json'];
    expect(conforms(doc, schema.$ref, example)).toBe(true);
    const res = await call(app, 'POST', '/v2/models/simple/infer', example);
    expect(res.status).toBe(200);
    const answer = res.json();
    expect(answer).toMatchObject({ model_name: 'simple', outputs: [{ name: 'OUTPUT0' }, {}] });
    const responseRef = op.responses['200'].content!['application/json'].schema.$ref!;
    expect(conforms(doc, responseRef, answer)).toBe(true);
    // And a request the schema rejects (wrong datatype) is one the server rejects too.
    const wrong = JSON.parse(JSON.stringify(example)) as { inputs: { datatype: string }[] };
    wrong.inputs[0].datatype = 'FP32';
    expect(conforms(doc, schema.$ref, wrong)).toBe(false);
    expect((await call(app, 'POST', '/v2/models/simple/infer', wrong)).status).toBe(400);
  });

  it('covers every datatype: the all-types model round-trips its example', async () => {
    const load = await call(app, 'POST', '/v2/repository/models/identity_all/load', {}, admin);
    expect(load.status).toBe(200);
    const doc = await getDocument(app);
    const op = doc.paths['/v2/models/identity_all/infer'].post;
    const { example, schema } = op.requestBody!.content['application/json'];
    expect(conforms(doc, schema.$ref, example)).toBe(true);
    const res = await call(app, 'POST', '/v2/models/identity_all/infer', example);
    expect(res.status).toBe(200);
    expect(
      conforms(doc, op.responses['200'].content!['application/json'].schema.$ref!, res.json()),
    ).toBe(true);
  });

  it('follows models as they load and unload', async () => {
    expect((await getDocument(app)).paths['/v2/models/batched/infer']).toBeUndefined();
    await call(app, 'POST', '/v2/repository/models/batched/load', {}, admin);
    const loaded = await getDocument(app);
    expect(loaded.paths['/v2/models/batched/infer'].post.operationId).toBe('infer_batched');
    expect(loaded.components.schemas['batched.v1.request']).toBeDefined();
    await call(app, 'POST', '/v2/repository/models/batched/unload', {}, admin);
    const unloaded = await getDocument(app);
    expect(unloaded.paths['/v2/models/batched/infer']).toBeUndefined();
    expect(unloaded.components.schemas['batched.v1.request']).toBeUndefined();
  });

  it('serves the Swagger UI page and its files without a key', async () => {
    const page = await call(app, 'GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.text).toContain("url: '/openapi.json'");
    for (const [file, type] of [
      ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
      ['swagger-ui.css', 'text/css; charset=utf-8'],
    ]) {
      const res = await call(app, 'GET', `/docs/${file}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.text.length).toBeGreaterThan(10_000);
    }
    const other = await call(app, 'GET', '/docs/package.json');
    expect(other.status).toBe(404);
    expect(other.json()).toEqual({ error: "no docs file 'package.json'" });
    expect((await call(app, 'GET', '/docs/..%2Fpackage.json')).status).toBe(404);
  });
});

describe('OpenAPI document with API keys', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ MODEL_REPOSITORY: FIXTURE_MODELS, API_KEYS: 'docs-key-1' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('needs a key, like model metadata, and says every route but the open ones does', async () => {
    const res = await call(app, 'GET', '/openapi.json');
    expect(res.status).toBe(401);
    expect(res.json<{ error: string }>().error).toContain('an API key is required');
    const doc = await getDocument(app, { 'x-api-key': 'docs-key-1' });
    expect(doc.security).toEqual([{ bearer: [] }, { apiKeyHeader: [] }]);
    expect(doc.paths['/v2/health/live'].get.security).toEqual([{}]);
    expect((await call(app, 'GET', '/docs')).status).toBe(200);
  });
});

describe('DOCS_ENABLED=false', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ MODEL_REPOSITORY: FIXTURE_MODELS, DOCS_ENABLED: 'false' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers 404 on the document and the page, saying how to turn them on', async () => {
    for (const path of ['/openapi.json', '/docs', '/docs/swagger-ui.css']) {
      const res = await call(app, 'GET', path);
      expect(res.status).toBe(404);
      expect(res.json()).toEqual({
        error: 'the API documentation is off: set DOCS_ENABLED=true',
      });
    }
  });
});

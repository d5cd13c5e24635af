import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The Swagger UI files the page loads, by the name it asks for; nothing else is served. */
const ASSET_TYPES: Readonly<Record<string, string>> = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

export interface DocsAsset {
  readonly body: Buffer;
  readonly contentType: string;
}

const loaded = new Map<string, DocsAsset>();

/** One of swagger-ui-dist's files, read once; undefined for any other name. */
export function docsAsset(name: string): DocsAsset | undefined {
  const contentType = Object.hasOwn(ASSET_TYPES, name) ? ASSET_TYPES[name] : undefined;
  if (contentType === undefined) return undefined;
  let asset = loaded.get(name);
  if (!asset) {
    const root = dirname(require.resolve('swagger-ui-dist/package.json'));
    asset = { body: readFileSync(join(root, name)), contentType };
    loaded.set(name, asset);
  }
  return asset;
}

/**
 * Swagger UI on /openapi.json. With API_KEYS set the document itself needs a key, like model
 * metadata does: on a 401 the page asks for one and keeps it for the tab (sessionStorage), and
 * every request it makes carries it unless Swagger UI's own Authorize dialog set another.
 */
export const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Perch API</title>
<link rel="icon" href="/docs/favicon-32x32.png">
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script>
const KEY = 'perch-api-key';
window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  requestInterceptor: (req) => {
    const key = sessionStorage.getItem(KEY);
    if (key && !req.headers.Authorization && !req.headers['X-API-Key']) {
      req.headers.Authorization = 'Bearer ' + key;
    }
    return req;
  },
  responseInterceptor: (res) => {
    if (res.status === 401 && new URL(res.url).pathname === '/openapi.json') {
      const key = window.prompt('This server needs an API key to show its API:');
      if (key) {
        sessionStorage.setItem(KEY, key);
        window.location.reload();
      }
    }
    return res;
  },
});
</script>
</body>
</html>
`;

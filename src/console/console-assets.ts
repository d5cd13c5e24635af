import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The console's files, built by console/build.js into dist/console/static (beside this file once
 * compiled), by the name the page asks for; nothing else is served.
 */
const ASSET_TYPES: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
};

/**
 * The page may load its own script and stylesheet and call this server, nothing else: no inline
 * script or style, no other origin, no framing, no form posts elsewhere.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface ConsoleAsset {
  readonly body: Buffer;
  readonly contentType: string;
}

const STATIC_DIR = join(__dirname, 'static');
const loaded = new Map<string, ConsoleAsset>();

/** One of the console's files, read once; undefined for any other name or when it is not built. */
export function consoleAsset(name: string): ConsoleAsset | undefined {
  const contentType = Object.hasOwn(ASSET_TYPES, name) ? ASSET_TYPES[name] : undefined;
  if (contentType === undefined) return undefined;
  let asset = loaded.get(name);
  if (!asset) {
    try {
      asset = { body: readFileSync(join(STATIC_DIR, name)), contentType };
    } catch {
      return undefined;
    }
    loaded.set(name, asset);
  }
  return asset;
}

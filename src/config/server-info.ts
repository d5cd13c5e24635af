import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Name and version the server reports in V2 server metadata, read once from package.json. */
export interface ServerInfo {
  readonly name: string;
  readonly version: string;
}

export const SERVER_INFO: ServerInfo = (() => {
  // src/config and dist/config both sit two levels below package.json.
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  return Object.freeze({ name: 'perch', version: pkg.version });
})();

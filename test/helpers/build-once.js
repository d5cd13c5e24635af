// Jest globalSetup of the e2e project: compile src/ once, so every e2e file starts the real
// server (dist/main.js) as its own process, exactly as `npm start` does; build the console it
// serves, and the client package (its README example runs against the built package).
const { execFileSync } = require('node:child_process');
const { cpSync } = require('node:fs');
const { join } = require('node:path');

module.exports = () => {
  const root = join(__dirname, '..', '..');
  const node = (args) => execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  node([join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json']);
  // What nest-cli.json's `assets` ships beside the compiled code (tsc copies no .proto files).
  const proto = join('protocol', 'grpc', 'proto');
  cpSync(join(root, 'src', proto), join(root, 'dist', proto), { recursive: true });
  node([join(root, 'console', 'build.js')]);
  node([join(root, 'clients', 'typescript', 'build.js')]);
};

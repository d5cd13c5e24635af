#!/usr/bin/env bash
# CI: measure the Docker image without a Docker engine. Runs the Dockerfile's own install-and-prune
# script (tools/docker/install-runtime.sh) in a temp dir, starts the server from the pruned tree to
# prove nothing it loads was removed, then prints the sizes and fails past the budgets.
# Needs dist/ (npm run build). Sizes are in MB of 10^6 bytes, as `docker images` prints them.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
modules_budget_mb=${NODE_MODULES_BUDGET_MB:-80}
image_budget_mb=${IMAGE_BUDGET_MB:-250}

# Sizes of what comes from outside this repository (bytes):
# - gcr.io/distroless/cc-debian12, the runtime base: at most the Installed-Size of the Debian 12 packages
#   it is made of (libc6 13001 KiB, libssl3 6042, libstdc++6 2686, tzdata 2571, ca-certificates 388,
#   base-files 341, libgomp1 312, libgcc-s1 140, media-types 92, netbase 36: `apt-cache show`), an
#   upper bound since distroless drops their docs.
distroless_cc=26223616
# - /usr/bin/tini-static from Debian 12's tini 0.19.0-1+b3 (`dpkg -c tini_*.deb`).
tini_static=708080
# - node:24-bookworm-slim, for comparison only: debian:bookworm-slim (~75 MB) + Node's binary, npm,
#   corepack and yarn (~120 MB), about 195 MB unpacked (~67 MB compressed on the registry).
node_slim=195000000

[[ -f dist/main.js ]] || { echo "image-size: dist/main.js missing; run npm run build first" >&2; exit 1; }
work=$(mktemp -d)
server=
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  if [[ -n $server ]]; then kill "$server" 2> /dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

cp package.json package-lock.json .npmrc "$work/"
(cd "$work" && sh "$root/tools/docker/install-runtime.sh" 2>&1 | grep -v -e '^npm warn' -e '^$')
cp -r dist models "$work/"

# Smoke test: the pruned tree loads onnxruntime and answers an inference, as the image would.
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
port=$(free_port)
grpc_port=$(free_port)
(cd "$work" && NODE_ENV=production ORT_DISABLE_TELEMETRY=1 MODEL_REPOSITORY=models HOST=127.0.0.1 PORT=$port \
  GRPC_PORT=$grpc_port exec node dist/main.js > "$work/server.log" 2>&1) &
server=$!
PORT=$port node -e "
const base = 'http://127.0.0.1:' + process.env.PORT;
const until = Date.now() + 60000;
(async () => {
  for (;;) {
    const ready = await fetch(base + '/health/ready').then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > until) throw new Error('not ready after 60 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  const body = require('$root/test/fixtures/requests/simple.infer.json');
  const want = require('$root/test/fixtures/requests/simple.infer.response.json');
  const res = await fetch(base + '/v2/models/simple/infer', { method: 'POST', body: JSON.stringify(body) });
  const got = await res.json();
  if (JSON.stringify(got.outputs) !== JSON.stringify(want.outputs)) throw new Error('wrong answer: ' + JSON.stringify(got));
  for (const path of ['/openapi.json', '/docs', '/docs/swagger-ui-bundle.js', '/docs/swagger-ui.css', '/console', '/console/console.js', '/console/console.css']) {
    const status = (await fetch(base + path)).status;
    if (status !== 200) throw new Error(path + ' answered ' + status);
  }
  console.log('image-size: pruned tree serves: /health/ready 200, simple infer correct, docs and console 200');
})().catch((e) => { console.error('image-size: smoke test failed:', e.message); process.exit(1); });
" || { cat "$work/server.log" >&2; exit 1; }
# gRPC from the pruned tree: the .proto files it shipped in dist/, a client from the dev install.
GRPC_PORT=$grpc_port PROTO="$work/dist/protocol/grpc/proto" node -e "
const grpc = require('@grpc/grpc-js');
const { loadSync } = require('@grpc/proto-loader');
const dir = process.env.PROTO;
const def = loadSync(['grpc_service.proto', 'grpc/health/v1/health.proto'], { keepCase: true, includeDirs: [dir + '/triton', dir] });
const pkg = grpc.loadPackageDefinition(def);
const target = '127.0.0.1:' + process.env.GRPC_PORT;
const client = new pkg.inference.GRPCInferenceService(target, grpc.credentials.createInsecure());
const data = Array.from({ length: 16 }, (_, i) => i);
const inputs = ['INPUT0', 'INPUT1'].map((name) => ({ name, datatype: 'INT32', shape: [1, 16], contents: { int_contents: data } }));
client.ModelInfer({ model_name: 'simple', inputs }, (e, r) => {
  if (e) { console.error('image-size: gRPC smoke test failed:', e.message); process.exit(1); }
  const sum = r.outputs[0].contents.int_contents;
  if (JSON.stringify(sum) !== JSON.stringify(data.map((v) => 2 * v))) { console.error('image-size: wrong gRPC answer', sum); process.exit(1); }
  console.log('image-size: pruned tree serves gRPC: simple ModelInfer correct');
  client.close();
});
" || { cat "$work/server.log" >&2; exit 1; }
kill "$server"
wait "$server" 2> /dev/null || true
server=
rm "$work/server.log"

bytes() { du -sb "$@" | awk '{ s += $1 } END { print s }'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1000000 }'; }
modules=$(bytes "$work/node_modules")
app=$(bytes "$work/dist" "$work/models" "$work/package.json")
# The image runs the Dockerfile's NODE_IMAGE line (24); CI may run another, whose binary is not it.
image_node_major=24
if [[ $(node -p 'process.versions.node.split(".")[0]') == "$image_node_major" ]]; then
  node_bin=$(stat -L -c %s "$(node -p process.execPath)") node_src="measured: this machine's Node $(node -v)"
else
  node_bin=122000000 node_src="Node $image_node_major's linux-x64 binary, approximately (not measured here)"
fi
image=$((distroless_cc + node_bin + tini_static + modules + app))

echo "image-size: production node_modules after pruning: $(mb "$modules") MB (budget $modules_budget_mb MB)"
echo "image-size: image estimate $(mb "$image") MB (budget $image_budget_mb MB) ="
echo "  gcr.io/distroless/cc-debian12 base  $(mb "$distroless_cc") MB (upper bound, Debian package sizes)"
echo "  node binary                         $(mb "$node_bin") MB ($node_src)"
echo "  tini-static                         $(mb "$tini_static") MB (Debian 12 tini)"
echo "  node_modules (pruned)               $(mb "$modules") MB"
echo "  dist/ + models/ + package.json      $(mb "$app") MB"
echo "  (on node:24-bookworm-slim it would be about $(mb $((node_slim + modules + app))) MB)"

fail=0
((modules <= modules_budget_mb * 1000000)) || { echo "image-size: node_modules over budget" >&2; fail=1; }
((image <= image_budget_mb * 1000000)) || { echo "image-size: image estimate over budget" >&2; fail=1; }
exit $fail

#!/bin/sh
# Removes from a production node_modules what the Perch image never loads, and prints the sizes.
# The Dockerfile runs it through install-runtime.sh; CI (.ci/image-size.sh) runs the same pair in a
# temp dir and measures the result, so the image size in docs/operations.md is measured, not guessed.
#
# Usage: prune-runtime.sh <node_modules dir> [target arch: amd64 | arm64 | x64; default: this node's]
set -eu

modules=${1:?usage: prune-runtime.sh <node_modules dir> [arch]}
case "${2:-}" in
  amd64 | x64) arch=x64 ;;
  arm64 | aarch64) arch=arm64 ;;
  '') arch=$(node -p process.arch) ;;
  *) echo "prune-runtime: unsupported architecture '$2'" >&2 && exit 1 ;;
esac

bytes() { du -sb "$1" | cut -f1; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1000000 }'; }
before=$(bytes "$modules")
ort="$modules/onnxruntime-node/bin"

# 1. onnxruntime-node ships prebuilt binaries for every platform (darwin, win32, linux) and
#    architecture under bin/napi-v*/<platform>/<arch>: about 85% of a production install. Its binding
#    requires only bin/napi-v*/${process.platform}/${process.arch}, so a linux/<arch> image keeps
#    that one directory (libonnxruntime.so.1 + onnxruntime_binding.node).
for dir in "$ort"/napi-v*/*/*; do
  case "$dir" in
    */linux/"$arch") ;;
    *) rm -rf "$dir" ;;
  esac
done
find "$ort" -mindepth 1 -type d -empty -delete
if ! ls "$ort"/napi-v*/linux/"$arch"/onnxruntime_binding.node > /dev/null 2>&1; then
  echo "prune-runtime: no onnxruntime binding for linux/$arch under $ort" >&2 && exit 1
fi

# 2. GPU execution providers (libonnxruntime_providers_cuda/tensorrt/shared.so) are not in the npm
#    package; its install script downloads them (~hundreds of MB) unless ONNXRUNTIME_NODE_INSTALL=skip.
#    Perch creates CPU sessions only, so if any install put them here they go too.
find "$ort" -name 'libonnxruntime_providers_*' -type f -delete

# 3. Files Node never reads at run time: source maps, TypeScript sources and declarations, and
#    Markdown documentation. Licence and notice files stay (the licences require them).
find "$modules" -type f \
  \( -name '*.map' -o -name '*.ts' -o -name '*.mts' -o -name '*.cts' -o -iname '*.md' -o -iname '*.markdown' \) \
  ! -iname 'licen[cs]e*' ! -iname 'notice*' ! -iname 'copying*' -delete

# 4. swagger-ui-dist ships its UI in five builds (ES modules, core, preset, plain, bundle); the docs
#    page (src/docs/docs-page.ts) loads only swagger-ui-bundle.js, swagger-ui.css and the favicon.
ui="$modules/swagger-ui-dist"
if [ -d "$ui" ]; then
  rm -f "$ui"/swagger-ui-es-bundle*.js "$ui"/swagger-ui-standalone-preset.js "$ui"/swagger-ui.js \
    "$ui"/index.html "$ui"/index.css "$ui"/swagger-initializer.js "$ui"/oauth2-redirect.* \
    "$ui"/log.*.txt
fi

# 5. protobufjs (the gRPC messages) ships browser bundles in dist/; Node's entry point (index.js)
#    loads src/.
rm -rf "$modules/protobufjs/dist"

# 6. @grpc/grpc-js is a dev dependency (the e2e tests' and the bench's gRPC client; Perch's gRPC
#    server is node:http2). A production install still brings it, as @nestjs/terminus's optional peer
#    for a gRPC health indicator Perch does not use.
rm -rf "$modules/@grpc/grpc-js"
find "$modules" -mindepth 1 -maxdepth 1 -name '@grpc' -type d -empty -delete

# 7. bintrees (prom-client's summary quantiles) ships its test suite, with 2.3 MB of sample data;
#    its entry point loads lib/ only.
rm -rf "$modules/bintrees/test"

# 8. sucrase (the handlers' TypeScript loader) ships an ES-module copy of itself in dist/esm;
#    require('sucrase') loads dist/index.js and its CommonJS siblings only.
rm -rf "$modules/sucrase/dist/esm"

after=$(bytes "$modules")
echo "prune-runtime: kept onnxruntime-node linux/$arch; node_modules $(mb "$before") -> $(mb "$after")"

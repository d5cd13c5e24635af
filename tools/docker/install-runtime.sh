#!/bin/sh
# Installs Perch's production dependencies exactly as package-lock.json pins them, then prunes them
# for a linux image (prune-runtime.sh). The Dockerfile's deps stage runs this; .ci/image-size.sh runs
# it in a temp dir to measure the result. Run it where package.json, package-lock.json and .npmrc are.
#
# Usage: install-runtime.sh [target arch: amd64 | arm64; default: this node's]
set -eu
here=$(cd "$(dirname "$0")" && pwd)

# No install scripts run: the only production dependency with one is onnxruntime-node, whose script
# would download CUDA libraries; its CPU binaries ship inside the package.
export ONNXRUNTIME_NODE_INSTALL=skip
npm ci --omit=dev --ignore-scripts --no-audit --no-fund --prefer-offline
sh "$here/prune-runtime.sh" node_modules "${1:-}"

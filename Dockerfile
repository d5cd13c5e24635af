# syntax=docker/dockerfile:1
# Perch image. Built on node:24-bookworm-slim (Node 24, an LTS line supported until April 2028; Node 20
# reached end of life in April 2026, and the code still runs on it, as CI does); runs on distroless cc-debian12 (glibc, libstdc++, CA
# certificates; no shell, no package manager), which holds only what the server needs: Node's binary,
# tini, the pruned production dependencies, dist/ and the example models. Debian (glibc), not
# Alpine: onnxruntime-node ships glibc binaries. .ci/image-size.sh runs the same install and prune
# steps and fails CI if the estimated image passes 250 MB (docs/operations.md, "Deploy").
ARG NODE_IMAGE=node:24-bookworm-slim
ARG RUNTIME_IMAGE=gcr.io/distroless/cc-debian12

FROM ${RUNTIME_IMAGE} AS runtime-base

# 1. Compile TypeScript with every dependency. dist/ is the same on every architecture, so this
#    stage (and the next) run on the build machine's platform: no emulation in multi-arch builds.
FROM --platform=$BUILDPLATFORM ${NODE_IMAGE} AS build
WORKDIR /app
# The install script would fetch CUDA libraries; the CPU binaries ship inside the package.
# swagger-ui-dist pulls in @scarf/scarf, whose install script reports the install home.
ENV ONNXRUNTIME_NODE_INSTALL=skip \
    SCARF_ANALYTICS=false
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
# The console (console/) is bundled with the client package's sources into dist/console/static.
COPY console ./console
COPY clients/typescript/src ./clients/typescript/src
RUN npm run build

# 2. Production dependencies only, pruned to linux/$TARGETARCH: the one script CI measures. No
#    install scripts run and onnxruntime-node ships every architecture's binaries, so the result
#    does not depend on the platform this stage runs on.
FROM --platform=$BUILDPLATFORM ${NODE_IMAGE} AS deps
ARG TARGETARCH
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY tools/docker/install-runtime.sh tools/docker/prune-runtime.sh /opt/perch-build/
RUN sh /opt/perch-build/install-runtime.sh "$TARGETARCH"

# 3. On the target platform: tini from Debian's package (its static build: PID 1 that forwards
#    SIGTERM to Node and reaps zombies), and the passwd entry of the runtime user: distroless's own
#    files plus node (1000:1000).
FROM ${NODE_IMAGE} AS os
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
COPY --from=runtime-base /etc/passwd /etc/group /out/etc/
RUN echo 'node:x:1000:1000:node:/nonexistent:/sbin/nologin' >> /out/etc/passwd \
  && echo 'node:x:1000:' >> /out/etc/group

# 4. The runtime image. Everything is owned by root and read-only to the server's user.
FROM runtime-base
ENV NODE_ENV=production \
    ORT_DISABLE_TELEMETRY=1 \
    MODEL_REPOSITORY=/models \
    HOST=0.0.0.0 \
    PORT=8080 \
    GRPC_PORT=8081
COPY --from=os /out/etc/passwd /out/etc/group /etc/
COPY --from=os /usr/bin/tini-static /usr/bin/tini
COPY --from=os /usr/local/bin/node /usr/local/bin/node
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# The bundled examples; mount your own repository over /models, read-only.
COPY models /models
USER 1000:1000
# HTTP (REST, probes, metrics) and gRPC (the Open Inference Protocol, grpc.health.v1).
EXPOSE 8080 8081
# Docker and Compose use this; Kubernetes ignores it and uses the probes in deploy/k8s/.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s \
  CMD ["/usr/local/bin/node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["/usr/local/bin/node", "dist/main.js"]

# Perch: multi-stage build. Stage 1 compiles; stage 2 holds production dependencies, dist/ and the
# example models only, and runs as the unprivileged `node` user.
# glibc (Debian), not Alpine: onnxruntime-node ships glibc binaries.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# The install script would fetch CUDA files; the CPU binaries ship inside the package.
ENV ONNXRUNTIME_NODE_INSTALL=skip
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    ORT_DISABLE_TELEMETRY=1 \
    MODEL_REPOSITORY=/models \
    HOST=0.0.0.0 \
    PORT=8080
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# The bundled examples; mount your own repository over /models, read-only.
COPY models /models
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/main.js"]

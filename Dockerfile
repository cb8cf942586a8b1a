# syntax=docker/dockerfile:1
# Build: docker build -t lapor-gateway .
# Run everything in one container (embedded PGlite under /data, private redis-server):
#   docker run -p 3000:3000 -v lapor-data:/data lapor-gateway
# Scale out: set REDIS_URL and STORE_URL=postgres://… and run one role per container, e.g.
#   docker run … lapor-gateway worker inbound

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY channels ./channels
COPY workers ./workers
COPY config ./config
COPY scripts ./scripts
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
# redis-server only serves the single-container default; with REDIS_URL set it is never started.
RUN apt-get update && apt-get install -y --no-install-recommends redis-server tini \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production DATA_DIR=/data PORT=3000
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Shipped data read at run time (slang dictionary, taxonomy, agencies, regions, the trained model).
COPY --from=build /app/config ./config
COPY package.json ./
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
# /readyz: the process answers and reaches Redis and the store. Worker-only containers serve
# /healthz on METRICS_PORT instead (docker-compose.yml overrides the check for them).
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["/usr/bin/tini", "--", "node", "dist/src/main.js"]

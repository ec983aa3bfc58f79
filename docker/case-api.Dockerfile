# syntax=docker/dockerfile:1
# The case API (HTTP, port 3000). Health: GET /health/ready.
# Build from the repository root:  docker build -f docker/case-api.Dockerfile -t fristvakt/case-api .

# --- build: all dependencies (incl. dev) and the compilers better-sqlite3 needs, then the Nest build
FROM node:20.20.2-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY libs ./libs
COPY apps ./apps
COPY scripts ./scripts
# the server and the dashboard's browser bundle (dist/dashboard), as `npm start` builds them
RUN npm run build

# --- production dependencies only; built here too because better-sqlite3 is a native module
FROM build AS prod-deps
RUN rm -rf node_modules && npm ci --omit=dev && npm cache clean --force

# --- runtime: no compilers, no dev dependencies, not root
FROM node:20.20.2-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=prod-deps /app/package.json ./package.json
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# /app/data: the SQLite store (FRISTVAKT_STORE=sqlite) and local state; /app/secrets: a shared auth key
# volume (compose). Both belong to the image's "node" user, so fresh named volumes inherit that.
RUN mkdir -p /app/data /app/secrets && chown node:node /app/data /app/secrets
USER node
ENV PORT=3000 FRISTVAKT_DATA_DIR=/app/data
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node flags as in `npm start`; docs/performance.md ("Node flags") says why.
CMD ["node", "--max-semi-space-size=32", "--no-allocation-site-pretenuring", "--no-deprecation", "dist/apps/case-api/src/main.js"]

# syntax=docker/dockerfile:1
# The Kafka intake: consumes fristvakt.case-intake.v1 and records the events (dead letters to .dlq).
# Build from the repository root:  docker build -f docker/kafka-intake.Dockerfile -t fristvakt/kafka-intake .

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
RUN npx nest build kafka-intake

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
# /app/data holds the SQLite store (FRISTVAKT_STORE=sqlite) and local state; the image's "node" user owns it
RUN mkdir -p /app/data && chown node:node /app/data
USER node
ENV FRISTVAKT_DATA_DIR=/app/data FRISTVAKT_HEARTBEAT_FILE=/tmp/fristvakt-heartbeat
# No HTTP server in this worker: it refreshes a heartbeat file while its loop runs (see README,
# "Running distributed"); the check fails when the file is missing or older than 60 s.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "const f = process.env.FRISTVAKT_HEARTBEAT_FILE; try { process.exit(Date.now() - require(\"node:fs\").statSync(f).mtimeMs < 60000 ? 0 : 1) } catch { process.exit(1) }"]
CMD ["node", "dist/apps/kafka-intake/src/main.js"]

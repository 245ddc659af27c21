# Domovoy: one image for every role (APP_ROLES=api,bot,worker chooses what a container runs).
# Build: docker build -t domovoy .   Run: see docker-compose.yml.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# Manifests first, so dependency layers are cached while only source changes.
COPY package.json package-lock.json .npmrc ./
COPY platform/package.json platform/
COPY prisma/package.json prisma/
COPY domain/package.json domain/
COPY locales/package.json locales/
COPY bot/package.json bot/
COPY admin-api/package.json admin-api/
COPY admin-web/package.json admin-web/
COPY app/package.json app/
COPY test-support/package.json test-support/
COPY bench/package.json bench/
COPY prisma/schema.prisma prisma/prisma.config.ts prisma/
COPY prisma/scripts prisma/scripts
RUN npm ci --no-audit --no-fund
COPY . .
# The Prisma client is generated from the schema (no engine download needed), then the web panel is built.
RUN npm run db:generate && npm run build --if-present \
  && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/data \
    PORT=3000
WORKDIR /app
# DejaVu renders Cyrillic in generated PDFs (invite cards, receipts). `npm run backup` / `restore` need pg_dump,
# pg_restore and psql of the server's major version or newer: PostgreSQL's own apt repository has them (Debian's are
# 15; docker-compose.yml runs 16). Its key ships in postgresql-common.
ARG PG_CLIENT_MAJOR=16
RUN apt-get update \
  && apt-get install -y --no-install-recommends fonts-dejavu-core ca-certificates postgresql-common \
  && /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y \
  && apt-get install -y --no-install-recommends "postgresql-client-${PG_CLIENT_MAJOR}" \
  && rm -rf /var/lib/apt/lists/*
COPY --from=build --chown=node:node /app /app
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
VOLUME ["/data"]
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--import", "tsx", "app/src/main.ts"]

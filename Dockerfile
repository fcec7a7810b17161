# Concerto: one server process serving the API, the websocket sync and the web app.
# Proved without a Docker engine by apps/server/test/dockerfile.test.ts, which replays this
# file's COPY set and RUN commands in a temporary folder and starts the server from the result.
FROM node:22-bookworm-slim AS build
WORKDIR /app
# Compilers for better-sqlite3, in case no prebuilt binary matches the platform.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json tsconfig.base.json vite.config.ts ./
COPY packages ./packages
COPY apps ./apps
# bench is a workspace: `npm ci` needs its package.json and `tsc -b` its tsconfig.json.
COPY bench ./bench
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund && node scripts/build.mjs && npm prune --omit=dev

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=8080 DATA_DIR=/data
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM from `docker stop`: the server stores pending updates, closes clients with 1012, exits.
CMD ["node", "apps/server/dist/main.js"]

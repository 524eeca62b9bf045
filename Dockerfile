# syntax=docker/dockerfile:1
# Minutebook: the TypeScript is built in one stage and run from another that holds only
# the production dependencies, the compiled code, the migrations and the sample documents.
#   docker build -t minutebook .
#   docker run --env-file .env -p 3000:3000 minutebook                   both roles
#   docker run --env-file .env minutebook node dist/src/main.js --role worker
# compose.yml runs it with PostgreSQL and Redis: one web process and two workers.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
# The npm our machines and CI use, so the image installs exactly as they do: npm 11
# runs no dependency's install scripts that package.json has not allowed (none is
# needed: the app uses Prisma's JS engine), where the npm 10 bundled with Node 20 would
# run four of them (Prisma's engine download among them).
RUN npm install --global npm@11.19.1 --no-audit --no-fund && npm cache clean --force
# Prisma's CLI (run by postinstall) would otherwise report usage over the network.
ENV CHECKPOINT_DISABLE=1
WORKDIR /app

FROM base AS build
# postinstall runs `prisma generate`, which reads the schema and prisma.config.ts and
# writes the client to src/generated/prisma, compiled into dist/ below with the rest.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY jobs ./jobs
COPY seeds ./seeds
RUN npm run build

FROM base AS runtime
ENV NODE_ENV=production
# Production dependencies only. prisma is one (the runtime's adapter and client come
# with it) and postinstall still runs `prisma generate`: it needs the schema and config,
# and what it writes under src/ is not used (the client is compiled into dist/).
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The samples `node dist/seeds/seed.js` loads are read from here at run time. The
# migrations (prisma/migrations, above) are applied by the app itself at start-up.
COPY seeds/documents ./seeds/documents

# Everything above belongs to root and stays read-only to the app, which writes
# nothing to disk (its log is standard output).
USER node
ENV PORT=3000
EXPOSE 3000
# Every role answers GET /healthz. node, not curl: slim images have no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself as PID 1, not `npm start`: npm's shell does not pass SIGTERM on, and the
# app's graceful shutdown (finish running jobs, close connections) needs it.
CMD ["node", "dist/src/main.js"]

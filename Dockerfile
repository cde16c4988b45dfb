# Production image: compiled JavaScript and runtime dependencies only (no embedded PostgreSQL).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ormconfig.ts ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Document files (FILE_STORE_DIR): owned by the user the API runs as, so that a volume mounted here starts writable.
RUN mkdir -p /var/lib/caregraph/files && chown node:node /var/lib/caregraph/files
ENV FILE_STORE_DIR=/var/lib/caregraph/files
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://localhost:4000/readyz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# Node is PID 1 (exec form, no shell), so `docker stop`'s SIGTERM reaches it: it drains requests,
# then stops. Its drain ends before docker's 10 s grace period does (README, "Stopping").
ENV SHUTDOWN_TIMEOUT_MS=8000
# The Node flags of package.json "start" (README, "Memory").
CMD ["node", "--enable-source-maps", "--heap-growing-percent=100", "dist/src/main.js"]

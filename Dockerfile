# karoo-bot: build the TypeScript, then run the compiled server on a slim Node 20 image.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY kb ./kb
COPY data/nlu/train ./data/nlu/train
# The build also trains the language layer once (var/nlu-model.json), so the bot loads it at start.
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY kb ./kb
COPY data/nlu/train ./data/nlu/train
COPY --from=build /app/var/nlu-model.json ./var/nlu-model.json
COPY package.json ./
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# SIGTERM from `docker stop` reaches node directly: it stops accepting and drains jobs.
# A bounded old generation keeps the heap small and its collections short (docs/BENCHMARKS.md).
CMD ["node", "--enable-source-maps", "--max-old-space-size=128", "dist/server.js"]

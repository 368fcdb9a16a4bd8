# One image for the vodflow worker, its commands (setup, consume, sweep) and the two emulators (the
# command picks the role): compiled JavaScript, production dependencies only, Node 22 LTS, non-root.

FROM node:22.11.0-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# dist/: the compiled code, and the workflow bundle so that workers start without bundling.
RUN npm run build && npx tsx scripts/bundle-workflows.ts dist/workflow-bundle.js

FROM node:22.11.0-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
# The SMQ emulator's data directory (a named volume takes this owner).
RUN mkdir /data && chown node:node /data
ENV VODFLOW_WORKFLOW_BUNDLE=/app/dist/workflow-bundle.js
USER node
CMD ["node", "bin/vodflow.js", "worker"]

# One image for the vodflow worker, its starters and the two emulators (the command picks the role).
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
# tsx runs the TypeScript sources, so development dependencies stay in.
RUN npm ci --no-audit --no-fund
COPY . .
# The production workflow bundle: workers start without bundling at run time.
RUN npx tsx scripts/bundle-workflows.ts dist/workflow-bundle.js
ENV VODFLOW_WORKFLOW_BUNDLE=/app/dist/workflow-bundle.js NODE_ENV=production
USER node
CMD ["npx", "tsx", "workers/main.ts"]

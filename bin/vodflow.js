#!/usr/bin/env node
// The vodflow command: runs cli/main.ts in one node process with tsx's loader (found next to this
// project, so the command works from any directory).
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const root = path.resolve(__dirname, '..');
const loader = pathToFileURL(path.join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const result = spawnSync(
  process.execPath,
  ['--import', loader, path.join(root, 'cli', 'main.ts'), ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);

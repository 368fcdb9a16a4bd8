#!/usr/bin/env node
// The vodflow command: runs the CLI in a child node process, passing Ctrl-C and SIGTERM on to it.
// In a checkout (sources present) it runs cli/main.ts with tsx's loader, so edits take effect at
// once; in the image and the npm package (no sources) it runs the compiled dist/cli/main.js.
const { spawn } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const root = path.resolve(__dirname, '..');
const source = path.join(root, 'cli', 'main.ts');
const entry = existsSync(source)
  ? ['--import', pathToFileURL(path.join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href, source]
  : [path.join(root, 'dist', 'cli', 'main.js')];
const child = spawn(process.execPath, [...entry, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));

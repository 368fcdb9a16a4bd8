import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { ZodError } from 'zod';
import { hooksFileSchema, type HooksFile } from './hook-schema';

// Reads a hooks file, YAML or JSON (JSON is YAML too, so one parser reports positions for both).
// Every problem names the file, the line and column, and the field: `hooks.yaml:7:9 hooks[1].action…`.

export class HooksFileError extends Error {
  override name = 'HooksFileError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: invalid hooks file\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

export function loadHooksFile(file: string): HooksFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new HooksFileError(file, [`cannot read it: ${(error as Error).message}`]);
  }
  return parseHooks(text, file);
}

export function parseHooks(text: string, file = 'hooks'): HooksFile {
  const name = path.basename(file);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new HooksFileError(
      file,
      doc.errors.map((error) => {
        const at = lines.linePos(error.pos[0]);
        return `${name}:${at.line}:${at.col} ${error.message.split('\n')[0]}`;
      }),
    );
  }
  const parsed = hooksFileSchema.safeParse(doc.toJS() ?? {});
  if (parsed.success) return parsed.data;
  throw new HooksFileError(file, describeIssues(parsed.error, doc.contents, lines, name));
}

function describeIssues(error: ZodError, root: unknown, lines: LineCounter, name: string): string[] {
  return error.issues.map((issue) => {
    const node = nodeAt(root, issue.path);
    const at = node?.range ? lines.linePos(node.range[0]) : undefined;
    const where = at ? `${name}:${at.line}:${at.col}` : name;
    return `${where} ${fieldPath(issue.path) || '(top level)'}: ${issue.message}`;
  });
}

// The deepest node of the document on the issue's path (the field itself, or its nearest parent
// when the field is missing).
function nodeAt(root: unknown, keys: readonly PropertyKey[]): Node | undefined {
  let node = root as Node | undefined;
  for (const key of keys) {
    let next: unknown;
    if (isMap(node)) next = node.get(String(key), true);
    else if (isSeq(node) && typeof key === 'number') next = node.get(key, true);
    if (next === undefined || next === null || typeof next !== 'object') return node;
    node = next as Node;
  }
  return node;
}

function fieldPath(keys: readonly PropertyKey[]): string {
  return keys
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

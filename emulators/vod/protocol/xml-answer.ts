// VOD's answers as XML (Format=XML, also the default when Format is absent): the JSON answer's
// fields as elements under `<{Action}Response>` (errors under `<Error>`). A list repeats its
// field's element once per item; fields without a value are left out, as in the JSON form.

function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c);
}

function element(name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((item) => element(name, item)).join('');
  if (typeof value === 'object') return `<${name}>${children(value as Record<string, unknown>)}</${name}>`;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `<${name}>${escapeText(text)}</${name}>`;
}

function children(fields: Record<string, unknown>): string {
  return Object.entries(fields)
    .map(([name, value]) => element(name, value))
    .join('');
}

export function xmlDocument(root: string, fields: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="UTF-8"?><${root}>${children(fields)}</${root}>`;
}

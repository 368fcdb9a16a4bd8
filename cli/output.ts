// Output for people (aligned tables) or scripts (--output json).

export type OutputFormat = 'table' | 'json';

export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

/** Prints rows as an aligned table with a header; an empty list prints a short sentence instead. */
export function printTable(columns: string[], rows: string[][], empty = '(none)'): void {
  if (rows.length === 0) {
    console.log(empty);
    return;
  }
  const widths = columns.map((column, i) =>
    Math.max(column.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  console.log(line(columns));
  for (const row of rows) console.log(line(row));
}

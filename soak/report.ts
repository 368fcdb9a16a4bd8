import { passed, type CohortSummary } from './verdict';

// The soak's verdict table, one row per fault class.

const COLUMNS: { title: string; cell: (s: CohortSummary) => string }[] = [
  { title: 'fault class', cell: (s) => s.faultClass },
  { title: 'videos', cell: (s) => String(s.videos) },
  { title: 'events', cell: (s) => String(s.events) },
  { title: 'dropped by VOD', cell: (s) => String(s.droppedByVod) },
  { title: 'recovered', cell: (s) => String(s.recovered) },
  { title: 'lost', cell: (s) => String(s.lost) },
  { title: 'applied twice', cell: (s) => String(s.appliedTwice) },
  { title: 'dup. submissions', cell: (s) => String(s.duplicateSubmissions) },
  { title: 'stuck', cell: (s) => String(s.stuck) },
  {
    title: 'converged in',
    cell: (s) => (s.convergeMs === undefined ? 'never' : `${(s.convergeMs / 1000).toFixed(1)} s`),
  },
  { title: 'verdict', cell: (s) => (passed(s) ? 'ok' : 'FAILED') },
];

export function verdictTable(summaries: readonly CohortSummary[]): string {
  const rows = [COLUMNS.map((c) => c.title), ...summaries.map((s) => COLUMNS.map((c) => c.cell(s)))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row: string[]): string =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

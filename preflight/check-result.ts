// One line of `vodflow doctor` (and of the preflight of `worker` and `consume`).

export type CheckStatus = 'ok' | 'failed' | 'skipped';

export interface CheckResult {
  status: CheckStatus;
  /** What was checked, e.g. "queue cn-shanghai:vod-events exists". */
  name: string;
  /** What was found, when it adds to the name (never a secret). */
  detail?: string;
  /** What to do about a failure. */
  fix?: string;
}

const MARKS: Record<CheckStatus, string> = { ok: '✓', failed: '✗', skipped: '-' };

export function formatCheck(check: CheckResult): string {
  const detail = check.detail ? `: ${check.detail}` : '';
  const fix = check.status === 'failed' && check.fix ? ` — fix: ${check.fix}` : '';
  return `${MARKS[check.status]} ${check.name}${detail}${fix}`;
}

export function failed(checks: readonly CheckResult[]): CheckResult[] {
  return checks.filter((check) => check.status === 'failed');
}

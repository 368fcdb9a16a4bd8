import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const PROMETHEUS_DIR = path.resolve(__dirname, '..', '..', 'deploy', 'prometheus');

// deploy/prometheus, as promtool (installed by `make install`) reads it: the configuration and its
// rules are valid, and every alert fires exactly where its unit tests say. That the rules and the
// dashboard name only metrics the worker exports is checked against a real scrape in
// pipeline/metrics.test.ts.
describe('Prometheus configuration and alert rules', () => {
  const promtool = (...args: string[]) => promisify(execFile)('promtool', args, { cwd: PROMETHEUS_DIR });

  it('is a valid configuration whose rules pass promtool check rules', async () => {
    const config = await promtool('check', 'config', 'prometheus.yml');
    expect(config.stdout).toContain('SUCCESS: 1 rule files found');
    const rules = await promtool('check', 'rules', 'alerts.yml');
    expect(rules.stdout).toContain('SUCCESS: 4 rules found');
  });

  it('fires each alert where its unit tests say, and nowhere else', async () => {
    const { stdout } = await promtool('test', 'rules', 'alerts.test.yml');
    expect(stdout).toContain('SUCCESS');
  });
});

import { loadConfig } from '../common/config';
import { failed, formatCheck } from '../preflight/check-result';
import { preflight } from '../preflight/preflight';
import { loadDotEnv } from '../starters/load-env';
import type { Command } from 'commander';
import { regionOption } from './global-options';
import { queuesFrom } from './queue-options';

/** `vodflow doctor`: one line per check with ✓ or ✗ and the fix; exit 1 when anything failed. */
export async function doctorCommand(options: { region?: string; queue?: string }): Promise<number> {
  loadDotEnv();
  const config = loadConfig();
  const queues = queuesFrom(config, options.region, options.queue, { required: false });
  const checks = await preflight(config, { queues, full: true });
  for (const check of checks) console.log(formatCheck(check));
  const failures = failed(checks).length;
  console.log(failures === 0 ? 'all checks passed' : `${failures} check(s) failed`);
  return failures === 0 ? 0 : 1;
}

export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .summary('check the deployment, one line per check with its fix')
    .description(
      'check the deployment: Temporal, namespace, search attributes, queues, SMQ and VOD credentials, ' +
        'VOD callback, a polling worker; one line per check with the fix, exit 1 on any ✗',
    )
    .addOption(regionOption('region of the one queue to check (with --queue)'))
    .option('--queue <name>', 'the one queue to check (with --region)')
    .action(async (options: { region?: string; queue?: string }) => {
      process.exitCode = await doctorCommand(options);
    });
}

import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import { ensureSweepSchedule, sweepNow, type SweepScheduleOptions } from '../clients/temporal/sweep-schedule';
import type { VodflowConfig } from '../common/config';
import { UsageError } from './errors';
import { globalsOf, regionOption } from './global-options';
import type { OutputFormat } from './output';
import { withClient } from './temporal';

// `vodflow sweep schedule|now`: the Schedule that finds videos whose upload event was lost.

function regionsFrom(config: VodflowConfig, region: string | undefined): string[] {
  if (region) return [region];
  const regions = [...new Set(config.queues.map((queue) => queue.region))];
  if (regions.length === 0) throw new UsageError('no region: pass --region, or set VODFLOW_QUEUES');
  return regions;
}

function optionsFor(config: VodflowConfig, region: string): SweepScheduleOptions {
  return { region, taskQueue: config.temporal.taskQueue, ...config.sweep };
}

/** Creates (or updates) one sweep Schedule per region. */
export async function sweepSchedule(client: Client, config: VodflowConfig, region?: string): Promise<void> {
  for (const each of regionsFrom(config, region)) {
    const result = await ensureSweepSchedule(client, optionsFor(config, each));
    const { intervalMs, windowMs, graceMs } = config.sweep;
    console.log(
      `${result} sweep schedule for ${each}: every ${intervalMs / 60_000} min, videos created ` +
        `${windowMs / 3_600_000} h to ${graceMs / 60_000} min ago`,
    );
  }
}

/** Runs one sweep per region now and prints what it found. */
export async function sweepRun(
  client: Client,
  config: VodflowConfig,
  options: { region?: string; output: OutputFormat },
): Promise<void> {
  for (const each of regionsFrom(config, options.region)) {
    const result = await sweepNow(client, optionsFor(config, each));
    if (options.output === 'json') {
      console.log(JSON.stringify(result));
      continue;
    }
    console.log(
      `${each}: ${result.listed} videos created ${result.from} … ${result.to}; ` +
        `${result.started.length} had no workflow and were started${result.truncated ? ' (listing truncated)' : ''}` +
        (result.otherApplications
          ? `; ${result.otherApplications} of other VOD applications left alone`
          : ''),
    );
    for (const videoId of result.started) console.log(`  started video:${videoId}`);
  }
}

export function registerSweepCommands(program: Command): void {
  const sweep = program
    .command('sweep')
    .description('find videos whose events were all lost (VOD lists them; vodflow never heard of them)')
    .addHelpText(
      'after',
      '\nInterval, window and grace: $VODFLOW_SWEEP_INTERVAL_MINUTES, _WINDOW_HOURS, _GRACE_MINUTES.',
    );
  sweep
    .command('schedule')
    .description('create or update the sweep Schedule of each region')
    .addOption(regionOption('only this region (default: every region of $VODFLOW_QUEUES)'))
    .action((options: { region?: string }) =>
      withClient((client, config) => sweepSchedule(client, config, options.region)),
    );
  sweep
    .command('now')
    .description('one sweep now, and what it found')
    .addOption(regionOption('only this region (default: every region of $VODFLOW_QUEUES)'))
    .action((options: { region?: string }, command: Command) =>
      withClient((client, config) =>
        sweepRun(client, config, { region: options.region, output: globalsOf(command).output }),
      ),
    );
}

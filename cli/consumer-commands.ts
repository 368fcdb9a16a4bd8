import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import { consumerFromWorkflowId } from '../common/workflow-ids';
import type { ConsumerView } from '../workflows/consumer-state';
import { consumerStateQuery } from '../workflows/definitions';
import type { smqConsumerWorkflow } from '../workflows/consumer';
import { globalsOf } from './global-options';
import { printJson, printTable, type OutputFormat } from './output';
import { withClient } from './temporal';

const RUNNING_CONSUMERS = `WorkflowType = 'smqConsumerWorkflow' AND ExecutionStatus = 'Running'`;

type ConsumerRow = { workflowId: string } & (ConsumerView | { unreadable: string });

// `vodflow consumers`: every running consumer with its settings, last receive, counters and last
// error, read from each consumer workflow's state.
async function consumers(client: Client, output: OutputFormat): Promise<void> {
  const rows: ConsumerRow[] = [];
  for await (const execution of client.workflow.list({ query: RUNNING_CONSUMERS })) {
    if (!consumerFromWorkflowId(execution.workflowId)) continue;
    const handle = client.workflow.getHandle<typeof smqConsumerWorkflow>(execution.workflowId);
    try {
      rows.push({ workflowId: execution.workflowId, ...(await handle.query(consumerStateQuery)) });
    } catch (err) {
      // A consumer of an older release has no such query; it still counts as running.
      rows.push({
        workflowId: execution.workflowId,
        unreadable: err instanceof Error ? err.message : String(err),
      });
    }
  }
  rows.sort((a, b) => a.workflowId.localeCompare(b.workflowId));
  if (output === 'json') {
    printJson(rows);
    return;
  }
  printTable(
    ['CONSUMER', 'STATUS', 'SETTINGS', 'LAST RECEIVE', 'RECEIVED', 'DELETED', 'FAILED', 'LAST ERROR'],
    rows.map((row) => {
      if ('unreadable' in row) return [row.workflowId, 'unknown', '', '', '', '', '', row.unreadable];
      const { settings, stats } = row;
      return [
        row.workflowId,
        row.nextAttemptAt ? `${row.status} until ${row.nextAttemptAt}` : row.status,
        `receivers=${settings.receivers} batch=${settings.batchSize} wait=${settings.waitSeconds}s ` +
          `visibility=${settings.visibilityTimeoutSeconds}s signals=${settings.signalConcurrency}`,
        row.lastReceiveAt ?? 'never',
        String(stats.received),
        String(stats.deleted),
        String(stats.signalFailures + stats.deleteFailures),
        row.lastError ? `${row.lastError.at} ${row.lastError.code}: ${row.lastError.message}` : '',
      ];
    }),
    '(no consumer is running)',
  );
}

export function registerConsumerCommands(program: Command): void {
  program
    .command('consumers')
    .description('running consumers: settings, status, last receive, counters and last error')
    .action((_options: object, command: Command) =>
      withClient((client) => consumers(client, globalsOf(command).output)),
    );
}

import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { quarantineFromWorkflowId, QUARANTINE_WORKFLOW_ID_PREFIX } from '../common/workflow-ids';
import { discardUpdate, quarantineEntryQuery, redriveUpdate } from '../workflows/definitions';
import type { quarantinedMessageWorkflow } from '../workflows/quarantine';
import { NotFoundError, UsageError } from './errors';
import { globalsOf, regionOption } from './global-options';
import { printJson, printTable, type OutputFormat } from './output';
import { withClient } from './temporal';

// Entries are named by their workflow id (quarantine:<region>:<queue>:<MessageId>) or, when unique
// among the waiting ones, by the MessageId alone.
async function resolveId(client: Client, idOrMessageId: string): Promise<string> {
  if (idOrMessageId.startsWith(QUARANTINE_WORKFLOW_ID_PREFIX)) return idOrMessageId;
  const matches: string[] = [];
  for await (const execution of client.workflow.list({
    query: 'WorkflowType = "quarantinedMessageWorkflow"',
  })) {
    if (quarantineFromWorkflowId(execution.workflowId)?.messageId === idOrMessageId)
      matches.push(execution.workflowId);
  }
  const unique = [...new Set(matches)];
  if (unique.length === 0) throw new NotFoundError(`quarantined message ${idOrMessageId} not found`);
  if (unique.length > 1)
    throw new UsageError(`${idOrMessageId} is ambiguous; use one of: ${unique.join(', ')}`);
  return unique[0];
}

function handleOf(client: Client, workflowId: string) {
  return client.workflow.getHandle<typeof quarantinedMessageWorkflow>(workflowId);
}

export async function quarantineList(
  client: Client,
  options: { output: OutputFormat; region?: string; queue?: string },
): Promise<void> {
  if ((options.region === undefined) !== (options.queue === undefined)) {
    throw new UsageError('give --region and --queue together');
  }
  const scope = options.region
    ? ` AND WorkflowId STARTS_WITH "${QUARANTINE_WORKFLOW_ID_PREFIX}${options.region}:${options.queue}:"`
    : '';
  const rows: {
    workflowId: string;
    messageId: string;
    queue: string;
    reasonCode: string;
    firstSeenAt: string;
  }[] = [];
  for await (const execution of client.workflow.list({
    query: `WorkflowType = "quarantinedMessageWorkflow" AND ExecutionStatus = "Running"${scope}`,
  })) {
    const ref = quarantineFromWorkflowId(execution.workflowId);
    const memo = execution.memo ?? {};
    const text = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : fallback);
    rows.push({
      workflowId: execution.workflowId,
      messageId: ref?.messageId ?? text(memo.messageId, ''),
      queue: ref ? `${ref.region}:${ref.queue}` : '',
      reasonCode: text(memo.reasonCode, ''),
      firstSeenAt: text(memo.firstSeenAt, execution.startTime.toISOString()),
    });
  }
  if (options.output === 'json') return printJson(rows);
  printTable(
    ['message id', 'queue', 'reason', 'first seen'],
    rows.map((e) => [e.messageId, e.queue, e.reasonCode, e.firstSeenAt]),
    'the quarantine is empty',
  );
}

export async function quarantineShow(client: Client, id: string, output: OutputFormat): Promise<void> {
  const handle = handleOf(client, await resolveId(client, id));
  const description = await handle.describe();
  const entry =
    description.status.name === 'RUNNING' ? await handle.query(quarantineEntryQuery) : await handle.result();
  if (output === 'json') return printJson(entry);
  console.log(`message ${entry.messageId} from ${entry.region}:${entry.queue} — ${entry.state}`);
  console.log(`reason (${entry.reasonCode}): ${entry.reason}`);
  console.log(`seen ${entry.sightings} time(s), first ${entry.firstSeenAt}, last ${entry.lastSeenAt}`);
  console.log('body:');
  console.log(entry.rawBody);
}

export async function quarantineRedrive(
  client: Client,
  id: string,
  bodyFile: string | undefined,
): Promise<void> {
  const body = bodyFile === undefined ? undefined : await readFile(bodyFile, 'utf8');
  const { newMessageId } = await handleOf(client, await resolveId(client, id)).executeUpdate(redriveUpdate, {
    args: [{ body }],
  });
  console.log(`sent back to its queue as message ${newMessageId}`);
}

export async function quarantineDiscard(
  client: Client,
  id: string,
  reason: string | undefined,
): Promise<void> {
  await handleOf(client, await resolveId(client, id)).executeUpdate(discardUpdate, { args: [{ reason }] });
  console.log('discarded');
}

export function registerQuarantineCommands(program: Command): void {
  const quarantine = program
    .command('quarantine')
    .description('poison messages set aside: list, show, send back or drop them');
  quarantine
    .command('list')
    .description('entries waiting for a decision')
    .addOption(regionOption("only this queue's region (with --queue)"))
    .option('--queue <name>', 'only this queue (with --region)')
    .action((options: { region?: string; queue?: string }, command: Command) =>
      withClient((client) => quarantineList(client, { ...options, output: globalsOf(command).output })),
    );
  quarantine
    .command('show')
    .description('one entry with its raw body and the reason')
    .argument('<id>', 'the workflow id, or the MessageId when unique')
    .action((id: string, _options: object, command: Command) =>
      withClient((client) => quarantineShow(client, id, globalsOf(command).output)),
    );
  quarantine
    .command('redrive')
    .description('send the entry back to its queue, optionally corrected')
    .argument('<id>', 'the workflow id, or the MessageId when unique')
    .option('--body-file <file>', 'send this body instead of the quarantined one')
    .action((id: string, options: { bodyFile?: string }) =>
      withClient((client) => quarantineRedrive(client, id, options.bodyFile)),
    );
  quarantine
    .command('discard')
    .description('drop the entry for good')
    .argument('<id>', 'the workflow id, or the MessageId when unique')
    .option('--reason <text>', 'why, for the record')
    .action((id: string, options: { reason?: string }) =>
      withClient((client) => quarantineDiscard(client, id, options.reason)),
    );
}

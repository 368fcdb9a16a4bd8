/** The settings `vodflow dev` and `demo --keep` print: everything that points vodflow at the stack. */
export const DEV_SETTING_NAMES = [
  'ALIBABA_CLOUD_ACCESS_KEY_ID',
  'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  'SMQ_ENDPOINT',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'VODFLOW_QUEUES',
  'VODFLOW_TEMPLATE_GROUP_ID',
  'VOD_ENDPOINT',
].sort();

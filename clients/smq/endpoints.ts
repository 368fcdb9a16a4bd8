// SMQ's public https endpoint of an account in a region. The SDK would build one too, but over plain
// http unless told otherwise; VOD's callback configuration needs the same public address.
export function smqEndpointForRegion(accountId: string, region: string): string {
  if (!/^[A-Za-z0-9-]+$/.test(accountId)) throw new Error('SMQ_ACCOUNT_ID is not an account id');
  return `https://${accountId}.mns.${region}.aliyuncs.com`;
}

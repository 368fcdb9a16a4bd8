/**
 * Splits a query string without decoding '+' and with names lower-cased: SDKs differ in the case
 * of names (receiptHandle vs ReceiptHandle) and put receipt handles in unencoded.
 */
export function parseQuery(search: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const item of search.split('&')) {
    if (item === '') continue;
    const equals = item.indexOf('=');
    const name = equals < 0 ? item : item.slice(0, equals);
    const value = equals < 0 ? '' : item.slice(equals + 1);
    params.set(safeDecode(name).toLowerCase(), safeDecode(value));
  }
  return params;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// Which events a callback configuration's EventTypeList enables.
const AI_EVENTS = new Set(['AIMediaAuditComplete', 'AIMediaDNAComplete', 'AIVideoTagComplete']);

export function eventTypeEnabled(eventTypeList: string, eventType: string): boolean {
  const names = eventTypeList
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.includes('ALL') || names.includes(eventType)) return true;
  return AI_EVENTS.has(eventType) && names.includes('AIComplete');
}

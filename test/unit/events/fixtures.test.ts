import {
  decodeMessageBody,
  encodeEventBody,
  eventContentKey,
  isUnknownVodEvent,
  mediaRefOf,
  outcomeOf,
  VOD_EVENT_TYPES,
  vodEventSchema,
  type VodEvent,
} from '../../../common/events';
import { loadEventFixtures } from './fixture-bodies';

const fixtures = loadEventFixtures();
const ISO_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function decodeKnown(body: string): { event: VodEvent; encoding: string } {
  const result = decodeMessageBody(body);
  if (!result.ok) throw new Error(`${result.error.reason}: ${result.error.message}`);
  if (isUnknownVodEvent(result.event)) throw new Error(`decoded as unknown: ${result.event.EventType}`);
  return { event: result.event, encoding: result.encoding };
}

describe('VOD_EVENT_TYPES', () => {
  it('lists exactly the event types of the schema union', () => {
    const inUnion = vodEventSchema.options.map((option) => option.shape.EventType.value);
    expect([...inUnion].sort()).toEqual([...VOD_EVENT_TYPES].sort());
    expect(new Set(VOD_EVENT_TYPES).size).toBe(22);
  });
});

describe('event fixtures', () => {
  it('cover every known event type, with a failure body where the event has failures', () => {
    const types = new Set(fixtures.map((f) => f.wire.EventType));
    expect([...types].sort()).toEqual([...VOD_EVENT_TYPES].sort());
    const withoutFailureEvent = ['FileUploadComplete', 'ImageUploadComplete', 'AttachedMediaUploadComplete'];
    for (const type of VOD_EVENT_TYPES.filter((t) => !withoutFailureEvent.includes(t))) {
      expect(fixtures.some((f) => f.wire.EventType === type && f.expectedOutcome === 'failure')).toBe(true);
    }
  });

  describe.each(fixtures.map((f) => [f.name, f] as const))('%s', (_name, f) => {
    it('decodes from raw JSON', () => {
      const { event, encoding } = decodeKnown(f.body);
      expect(encoding).toBe('json');
      expect(event.EventType).toBe(f.wire.EventType);
      expect(event.EventTime).toMatch(ISO_MILLIS);
      expect(outcomeOf(event)).toBe(f.expectedOutcome);
      expect(mediaRefOf(event)?.id).toEqual(expect.any(String));
    });

    it('decodes from Base64 to the same event', () => {
      const fromJson = decodeKnown(f.body).event;
      const fromBase64 = decodeKnown(encodeEventBody(f.wire, 'base64'));
      expect(fromBase64.encoding).toBe('base64');
      expect(fromBase64.event).toEqual(fromJson);
      expect(eventContentKey(fromBase64.event)).toBe(eventContentKey(fromJson));
    });

    it('normalises to plain JSON that decodes to itself', () => {
      const { event } = decodeKnown(f.body);
      expect(JSON.parse(JSON.stringify(event))).toEqual(event);
      expect(decodeKnown(encodeEventBody(event, 'json')).event).toEqual(event);
    });
  });
});

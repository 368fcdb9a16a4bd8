import { hooksFileSchema } from '../../../common/hooks/hook-schema';
import { matchHooks, type HookMoment } from '../../../common/hooks/match-hooks';

const { hooks } = hooksFileSchema.parse({
  hooks: [
    { name: 'ready', on: { stage: 'ready' }, action: { smq: { queue: 'q' } } },
    {
      name: 'review',
      on: { event: 'AIMediaAuditComplete', status: 'success' },
      when: { event: { 'Data.Suggestion': 'review' } },
      action: { webhook: { url: 'http://127.0.0.1:1/x' } },
    },
    {
      name: 'attention',
      on: { status: 'attention' },
      when: { region: ['cn-shanghai'] },
      action: { smq: { queue: 'ops' } },
    },
    {
      name: 'cms-only',
      on: { event: 'FileUploadComplete' },
      when: { extend: { source: 'cms' }, templateGroupId: 'tg-1' },
      action: { workflow: { type: 'w', taskQueue: 'tq' } },
    },
  ],
});

const moment = (extra: Partial<HookMoment>): HookMoment => ({
  videoId: 'v1',
  region: 'cn-shanghai',
  events: [],
  ...extra,
});
const audit = (suggestion: string, contentKey = 'k1') => ({
  eventType: 'AIMediaAuditComplete',
  contentKey,
  event: {
    EventType: 'AIMediaAuditComplete',
    Status: 'Success',
    Data: JSON.stringify({ Suggestion: suggestion }),
  },
});

describe('matchHooks', () => {
  it('fires a stage hook once per entry, numbered', () => {
    const [firing] = matchHooks(hooks, moment({ stageEntered: { stage: 'ready', count: 2 } }));
    expect(firing).toMatchObject({ hook: 'ready', occurrence: 'stage:ready:2' });
    expect(matchHooks(hooks, moment({ stageEntered: { stage: 'analyzing', count: 1 } }))).toEqual([]);
  });

  it('fires an event hook per event, by status and a nested field read through JSON text', () => {
    const firings = matchHooks(
      hooks,
      moment({ events: [audit('review', 'a'), audit('pass', 'b'), audit('review', 'c')] }),
    );
    expect(firings.map((f) => f.hook)).toEqual(['review', 'review']);
    expect(new Set(firings.map((f) => f.occurrence)).size).toBe(2);
    // The same event always gives the same occurrence.
    expect(matchHooks(hooks, moment({ events: [audit('review', 'a')] }))[0]?.occurrence).toBe(
      firings[0]?.occurrence,
    );
  });

  it('filters by region, template group and Extend', () => {
    expect(matchHooks(hooks, moment({ statusEntered: { status: 'attention', count: 1 } }))).toHaveLength(1);
    expect(
      matchHooks(hooks, moment({ region: 'eu-central-1', statusEntered: { status: 'attention', count: 1 } })),
    ).toEqual([]);
    const upload = (extend: string) => ({
      eventType: 'FileUploadComplete',
      contentKey: extend,
      event: { EventType: 'FileUploadComplete', Extend: extend },
    });
    expect(
      matchHooks(hooks, moment({ templateGroupId: 'tg-1', events: [upload('{"source":"cms"}')] })),
    ).toHaveLength(1);
    expect(
      matchHooks(hooks, moment({ templateGroupId: 'tg-2', events: [upload('{"source":"cms"}')] })),
    ).toEqual([]);
    expect(
      matchHooks(hooks, moment({ templateGroupId: 'tg-1', events: [upload('{"source":"app"}')] })),
    ).toEqual([]);
    expect(matchHooks(hooks, moment({ templateGroupId: 'tg-1', events: [upload('not json')] }))).toEqual([]);
  });
});

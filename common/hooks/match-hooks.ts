import type { Hook, HookAction } from './hook-schema';

// Which hooks a moment of a video's life fires. A moment is what one turn of the video workflow
// saw: a stage or status entered (the n-th time), events applied. Each firing names its occurrence
// — stable across duplicates, retries and runs — which the workflow keeps so that a hook runs once
// per (video, hook, occurrence).

export interface HookEventFacts {
  eventType: string;
  /** The event's content key (the dedup key): the same event always gives the same occurrence. */
  contentKey: string;
  /** The event as received: filters read its top-level fields and its Extend. */
  event: Record<string, unknown>;
}

export interface HookMoment {
  videoId: string;
  region?: string;
  templateGroupId?: string;
  stageEntered?: { stage: string; count: number };
  statusEntered?: { status: string; count: number };
  events: HookEventFacts[];
}

export interface HookFiring {
  hook: string;
  occurrence: string;
  action: HookAction;
  retry: Hook['retry'];
  /** The event that fired it, or the latest one of the moment for stage and status triggers. */
  event?: Record<string, unknown>;
}

export function matchHooks(hooks: readonly Hook[], moment: HookMoment): HookFiring[] {
  const firings: HookFiring[] = [];
  const latest = moment.events[moment.events.length - 1]?.event;
  for (const hook of hooks) {
    const fire = (occurrence: string, event: Record<string, unknown> | undefined): void => {
      if (passesFilters(hook, moment, event)) {
        firings.push({ hook: hook.name, occurrence, action: hook.action, retry: hook.retry, event });
      }
    };
    const on = hook.on;
    if ('stage' in on) {
      if (moment.stageEntered?.stage === on.stage)
        fire(`stage:${on.stage}:${moment.stageEntered.count}`, latest);
    } else if ('event' in on) {
      for (const facts of moment.events) {
        if (facts.eventType !== on.event) continue;
        if (on.status !== undefined && !sameText(facts.event.Status, on.status)) continue;
        fire(`event:${facts.eventType}:${shortId(facts.contentKey)}`, facts.event);
      }
    } else if (moment.statusEntered?.status === on.status) {
      fire(`status:${on.status}:${moment.statusEntered.count}`, latest);
    }
  }
  return firings;
}

function passesFilters(hook: Hook, moment: HookMoment, event: Record<string, unknown> | undefined): boolean {
  const when = hook.when;
  if (!when) return true;
  if (when.region !== undefined && !listed(when.region, moment.region)) return false;
  if (when.templateGroupId !== undefined && !listed(when.templateGroupId, moment.templateGroupId))
    return false;
  for (const [field, expected] of Object.entries(when.event ?? {})) {
    if (!sameText(fieldAt(event, field), expected)) return false;
  }
  for (const [field, expected] of Object.entries(when.extend ?? {})) {
    if (!sameText(fieldAt(asObject(event?.Extend), field), expected)) return false;
  }
  return true;
}

// A dotted path into the event (`Data.Suggestion`): VOD nests some results as JSON text, which is
// read on the way down.
function fieldAt(root: Record<string, unknown> | undefined, dotted: string): unknown {
  let value: unknown = root;
  for (const key of dotted.split('.')) {
    value = asObject(value)?.[key];
    if (value === undefined) return undefined;
  }
  return value;
}

function listed(allowed: string | string[], value: string | undefined): boolean {
  return value !== undefined && (Array.isArray(allowed) ? allowed : [allowed]).includes(value);
}

// VOD writes `success` in some events and `Success` in others.
function sameText(actual: unknown, expected: string | number | boolean): boolean {
  if (typeof actual !== 'string' && typeof actual !== 'number' && typeof actual !== 'boolean') return false;
  return String(actual).toLowerCase() === String(expected).toLowerCase();
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  if (value !== null && typeof value === 'object') return value as Record<string, unknown>;
  if (typeof value !== 'string' || !value.trimStart().startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A short stable id for a long key (two FNV-1a hashes, 64 bits, hex): usable in workflow ids. */
export function shortId(text: string): string {
  return fnv1a(text) + fnv1a(`#${text}`);
}

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

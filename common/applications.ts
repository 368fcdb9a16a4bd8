// VOD's multi-application service: every video belongs to one application (AppId), and each
// application has its own callback. A vodflow deployment serves one application (VODFLOW_APP_ID),
// or one per queue (`region:queue:appId`), and leaves every other application's videos alone.

/** The application every VOD account has, and the one VOD's APIs assume when AppId is left out. */
export const DEFAULT_APP_ID = 'app-1000000';

const APP_ID_PATTERN = /^app-[A-Za-z0-9]{1,64}$/;

/** Why `appId` cannot be an application id, or undefined when it can. */
export function appIdProblem(appId: string): string | undefined {
  return APP_ID_PATTERN.test(appId)
    ? undefined
    : `"${appId}" is not a VOD application id (app- and letters or digits, e.g. ${DEFAULT_APP_ID})`;
}

export interface ServedQueue {
  region: string;
  queue: string;
  appId?: string;
}

/**
 * Which application a deployment serves where. `enforced` once an application was named
 * (VODFLOW_APP_ID or a queue's own): events naming another application are set aside, and each new
 * video's application is read from VOD once, before its first follow-up, because most events do not
 * say which application they belong to. Unnamed, only the sweep keeps to the default application:
 * a single-application account pays no lookup.
 */
export class ApplicationScope {
  constructor(
    private readonly queues: readonly ServedQueue[],
    private readonly deploymentAppId: string = DEFAULT_APP_ID,
    readonly enforced: boolean = false,
  ) {}

  static of(queues: readonly ServedQueue[], appId: string | undefined): ApplicationScope {
    const named = appId !== undefined || queues.some((q) => q.appId !== undefined);
    return new ApplicationScope(queues, appId ?? DEFAULT_APP_ID, named);
  }

  /** The application whose events a queue carries. */
  forQueue(region: string, queue: string): string {
    const served = this.queues.find((q) => q.region === region && q.queue === queue);
    return served?.appId ?? this.deploymentAppId;
  }

  /** Every application the deployment serves in a region (what its sweep looks at). */
  inRegion(region: string): string[] {
    const ids = new Set([this.deploymentAppId]);
    for (const q of this.queues) if (q.region === region && q.appId) ids.add(q.appId);
    return [...ids].sort();
  }
}

import { z } from 'zod';
import { VIDEO_STAGES } from '../../workflows/video-snapshot';

// The hooks file (VODFLOW_HOOKS): the user's own follow-ups, each a trigger, optional filters and
// one action. Plain data: it travels into video workflows through a recorded local activity.

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const oneOrMany = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const TRIGGER_FORMS =
  `{ stage: ${VIDEO_STAGES.join('|')} }, { status: active|retrying|complete|attention } ` +
  'or { event: EventType, status?: S }';

export const hookTriggerSchema = z.union(
  [
    z.strictObject({ stage: z.enum(VIDEO_STAGES) }),
    z.strictObject({ status: z.enum(['active', 'retrying', 'complete', 'attention']) }),
    z.strictObject({
      event: z.string().regex(/^[A-Za-z]+$/, 'an EventType such as SnapshotComplete'),
      status: z.string().optional(),
    }),
  ],
  { error: `expected ${TRIGGER_FORMS}` },
);

const filterSchema = z
  .strictObject({
    region: oneOrMany,
    templateGroupId: oneOrMany,
    /** Fields of the triggering event, dotted into nested ones: `{ Status: success, Data.Suggestion: review }`. */
    event: z.record(z.string(), scalar),
    /** Fields of the triggering event's Extend (the JSON an uploader put in UserData.Extend). */
    extend: z.record(z.string(), scalar),
  })
  .partial();

const workflowActionSchema = z.strictObject({
  /** The user's workflow type, in any Temporal SDK language. */
  type: z.string().min(1),
  taskQueue: z.string().min(1),
  /** `independent` (default) outlives the video workflow; `child` is started as its child. */
  mode: z.enum(['independent', 'child']).default('independent'),
});

const webhookActionSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  /** Name of the environment variable holding the HMAC-SHA256 key (never the key itself). */
  secretEnv: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name')
    .optional(),
  timeoutSeconds: z.number().positive().max(300).default(10),
});

const smqActionSchema = z.strictObject({
  /** The queue's region; the video's region when absent. */
  region: z.string().optional(),
  queue: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,119}$/, 'an SMQ queue name'),
});

export const hookActionSchema = z.union(
  [
    z.strictObject({ workflow: workflowActionSchema }),
    z.strictObject({ webhook: webhookActionSchema }),
    z.strictObject({ smq: smqActionSchema }),
  ],
  { error: 'expected one action: { workflow: … }, { webhook: … } or { smq: … }' },
);

const retrySchema = z
  .strictObject({
    maxAttempts: z.number().int().min(1).max(100).default(5),
    initialSeconds: z.number().positive().max(3_600).default(5),
    maxSeconds: z.number().positive().max(86_400).default(300),
  })
  .default({ maxAttempts: 5, initialSeconds: 5, maxSeconds: 300 });

export const hookSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes'),
  on: hookTriggerSchema,
  when: filterSchema.optional(),
  action: hookActionSchema,
  retry: retrySchema,
});

export const hooksFileSchema = z.strictObject({ hooks: z.array(hookSchema) }).superRefine((file, ctx) => {
  const seen = new Set<string>();
  file.hooks.forEach((hook, index) => {
    if (seen.has(hook.name)) {
      ctx.addIssue({
        code: 'custom',
        path: ['hooks', index, 'name'],
        message: `duplicate hook name ${hook.name}`,
      });
    }
    seen.add(hook.name);
  });
});

export type Hook = z.output<typeof hookSchema>;
export type HookTrigger = z.output<typeof hookTriggerSchema>;
export type HookAction = z.output<typeof hookActionSchema>;
export type HooksFile = z.output<typeof hooksFileSchema>;
export type HooksFileInput = z.input<typeof hooksFileSchema>;

export { SmqClient } from './smq-client';
export type {
  BodyEncoding,
  DeleteResult,
  QueueAttributes,
  QueueAttributesInput,
  SendFailure,
  SendInput,
  SentMessage,
  SmqClientOptions,
  SmqMessage,
} from './smq-client';
export { SmqError, isSmqError, toSmqError } from './smq-error';
export { SmqAdminClient } from './admin-client';
export type { AdminFaults, AdminMessage, AdminMessageState, AdminQueue, AdminStats } from './admin-client';
export { smqEndpointForRegion } from './endpoints';

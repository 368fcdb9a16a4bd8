// Typed client of the ApsaraVideo VOD RPC API over @alicloud/pop-core.
export {
  createVodClient,
  DEFAULT_VOD_TIMEOUT_MS,
  type VodClient,
  type VodClientOptions,
  type VodCredentialOptions,
} from './vod-client';
export {
  VodApiError,
  isVodApiError,
  kindOfApiError,
  isTransientKind,
  type VodErrorKind,
  type VodApiErrorDetails,
} from './errors';
export {
  buildUserData,
  extendByteLength,
  UserDataError,
  type UserDataInput,
  type UserDataMessageCallback,
} from './user-data';
export { VOD_API_VERSION, vodEndpointForRegion, normaliseEndpoint, type EndpointOptions } from './endpoints';
export type * from './params';
export type * from './responses';
export type { RpcSend, RpcAnswer, RpcCredentials, RpcCredentialsProvider } from './rpc-transport';

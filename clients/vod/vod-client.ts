import type { KeysOrProvider } from '../credentials/keys-or-provider';
import type { z } from 'zod';
import { describeIssues } from '../../common/events/decode-error';
import { normaliseEndpoint, VOD_API_VERSION, vodEndpointForRegion } from './endpoints';
import { transportError, VodApiError } from './errors';
import {
  toRpcParams,
  type AppScoped,
  type CreateUploadVideoParams,
  type GetTranscodeTaskParams,
  type GetVideoListParams,
  type ListAIJobParams,
  type ListSnapshotsParams,
  type ListTranscodeTaskParams,
  type ParamValue,
  type SetMessageCallbackParams,
  type SubmitAIJobParams,
  type SubmitAIMediaAuditJobParams,
  type SubmitSnapshotJobParams,
  type SubmitTranscodeJobsParams,
} from './params';
import * as answers from './responses';
import { answerError, popCoreSend, type RpcCredentialsProvider, type RpcSend } from './rpc-transport';

export const DEFAULT_VOD_TIMEOUT_MS = 10_000;

export type VodCredentialOptions = KeysOrProvider<RpcCredentialsProvider>;

export type VodClientOptions = VodCredentialOptions & {
  /** Service region, e.g. cn-shanghai; selects the endpoint unless `endpoint` is given. */
  region: string;
  /** Explicit endpoint, e.g. the emulator's http://127.0.0.1:PORT. */
  endpoint?: string;
  /** Per request, for connecting and for reading the answer. */
  timeoutMs?: number;
  /** Replaces the pop-core transport (unit tests of the client's own logic). */
  send?: RpcSend;
};

/** Typed VOD API calls. Errors are VodApiError, classified transient or permanent. */
export interface VodClient {
  readonly region: string;
  readonly endpoint: string;
  setMessageCallback(params: SetMessageCallbackParams): Promise<answers.RequestOnlyResult>;
  getMessageCallback(params?: AppScoped): Promise<answers.GetMessageCallbackResult>;
  deleteMessageCallback(params?: AppScoped): Promise<answers.RequestOnlyResult>;
  createUploadVideo(params: CreateUploadVideoParams): Promise<answers.CreateUploadVideoResult>;
  getVideoInfo(params: { VideoId: string }): Promise<answers.GetVideoInfoResult>;
  getVideoList(params?: GetVideoListParams): Promise<answers.GetVideoListResult>;
  deleteVideo(params: { VideoIds: string | readonly string[] }): Promise<answers.DeleteVideoResult>;
  submitTranscodeJobs(params: SubmitTranscodeJobsParams): Promise<answers.SubmitTranscodeJobsResult>;
  submitSnapshotJob(params: SubmitSnapshotJobParams): Promise<answers.SubmitSnapshotJobResult>;
  submitAIMediaAuditJob(params: SubmitAIMediaAuditJobParams): Promise<answers.SubmitAIMediaAuditJobResult>;
  submitAIJob(params: SubmitAIJobParams): Promise<answers.SubmitAIJobResult>;
  getTranscodeTask(params: GetTranscodeTaskParams): Promise<answers.GetTranscodeTaskResult>;
  listTranscodeTask(params: ListTranscodeTaskParams): Promise<answers.ListTranscodeTaskResult>;
  listSnapshots(params: ListSnapshotsParams): Promise<answers.ListSnapshotsResult>;
  getAIMediaAuditJob(params: { JobId: string }): Promise<answers.GetAIMediaAuditJobResult>;
  getMediaAuditResult(params: { MediaId: string }): Promise<answers.GetMediaAuditResultResult>;
  listAIJob(params: ListAIJobParams): Promise<answers.ListAIJobResult>;
}

function requireText(action: string, name: string, value: string | undefined): void {
  if (value === undefined || value.trim() === '') {
    throw new VodApiError({
      action,
      code: 'MissingParameter',
      kind: 'invalid-request',
      transient: false,
      message: `${name} is required`,
    });
  }
}

export function createVodClient(options: VodClientOptions): VodClient {
  if (!options.credentialsProvider) {
    requireText('createVodClient', 'accessKeyId', options.accessKeyId);
    requireText('createVodClient', 'accessKeySecret', options.accessKeySecret);
  }
  const endpoint =
    options.endpoint !== undefined
      ? normaliseEndpoint(options.endpoint)
      : vodEndpointForRegion(options.region);
  const timeoutMs = options.timeoutMs ?? DEFAULT_VOD_TIMEOUT_MS;
  // Credentials live only inside the transport's closure: nothing on the client object holds them.
  const send =
    options.send ??
    popCoreSend(
      endpoint,
      VOD_API_VERSION,
      options.credentialsProvider ?? {
        accessKeyId: options.accessKeyId,
        accessKeySecret: options.accessKeySecret,
        securityToken: options.securityToken,
      },
    );

  async function call<S extends z.ZodType>(
    action: string,
    params: Record<string, ParamValue>,
    schema: S,
  ): Promise<z.output<S>> {
    let answer;
    try {
      // RegionId on every call: with one endpoint for several regions (a proxy, the emulator) it is
      // what keeps each region's callbacks, videos and jobs apart.
      answer = await send(action, toRpcParams({ RegionId: options.region, ...params }), timeoutMs);
    } catch (error) {
      throw error instanceof VodApiError ? error : transportError(action, error);
    }
    const failure = answerError(action, answer);
    if (failure) throw failure;
    const parsed = schema.safeParse(answer.body);
    if (!parsed.success) {
      const requestId = (answer.body as { RequestId?: unknown } | null)?.RequestId;
      throw new VodApiError({
        action,
        code: 'InvalidResponse',
        kind: 'invalid-response',
        transient: false,
        message: `unexpected answer: ${describeIssues(parsed.error.issues)}`,
        httpStatus: answer.httpStatus,
        requestId: typeof requestId === 'string' ? requestId : undefined,
      });
    }
    return parsed.data;
  }

  return {
    region: options.region,
    endpoint,
    setMessageCallback: (params) => call('SetMessageCallback', { ...params }, answers.requestOnlyAnswer),
    getMessageCallback: (params = {}) =>
      call('GetMessageCallback', { ...params }, answers.getMessageCallbackAnswer),
    deleteMessageCallback: (params = {}) =>
      call('DeleteMessageCallback', { ...params }, answers.requestOnlyAnswer),
    createUploadVideo: (params) => call('CreateUploadVideo', { ...params }, answers.createUploadVideoAnswer),
    getVideoInfo: (params) => call('GetVideoInfo', { ...params }, answers.getVideoInfoAnswer),
    getVideoList: (params = {}) => call('GetVideoList', { ...params }, answers.getVideoListAnswer),
    deleteVideo: (params) => call('DeleteVideo', { ...params }, answers.deleteVideoAnswer),
    submitTranscodeJobs: (params) =>
      call('SubmitTranscodeJobs', { ...params }, answers.submitTranscodeJobsAnswer),
    submitSnapshotJob: (params) =>
      call(
        'SubmitSnapshotJob',
        {
          ...params,
          // VOD wants this list as a JSON array, not comma-joined.
          SpecifiedOffsetTimes:
            params.SpecifiedOffsetTimes === undefined
              ? undefined
              : JSON.stringify(params.SpecifiedOffsetTimes),
        },
        answers.submitSnapshotJobAnswer,
      ),
    submitAIMediaAuditJob: (params) =>
      call('SubmitAIMediaAuditJob', { ...params }, answers.submitAIMediaAuditJobAnswer),
    submitAIJob: (params) => call('SubmitAIJob', { ...params }, answers.submitAIJobAnswer),
    getTranscodeTask: (params) => call('GetTranscodeTask', { ...params }, answers.getTranscodeTaskAnswer),
    listTranscodeTask: (params) => call('ListTranscodeTask', { ...params }, answers.listTranscodeTaskAnswer),
    listSnapshots: (params) => call('ListSnapshots', { ...params }, answers.listSnapshotsAnswer),
    getAIMediaAuditJob: (params) =>
      call('GetAIMediaAuditJob', { ...params }, answers.getAIMediaAuditJobAnswer),
    getMediaAuditResult: (params) =>
      call('GetMediaAuditResult', { ...params }, answers.getMediaAuditResultAnswer),
    listAIJob: (params) => call('ListAIJob', { ...params }, answers.listAIJobAnswer),
  };
}

import { buildUserData, createVodClient, type RpcAnswer, type RpcSend } from '../../../clients/vod';
import { vodApiFailure } from '../../helpers/vod-api-failure';

interface SentRequest {
  action: string;
  /** The action's own parameters (RegionId, sent with every call, is kept apart). */
  params: Record<string, string>;
  regionId?: string;
  timeoutMs: number;
}

// A scripted transport: records each request and answers from a queue.
function scripted(...answers: (RpcAnswer | Error)[]): { send: RpcSend; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  const send: RpcSend = (action, { RegionId: regionId, ...params }, timeoutMs) => {
    sent.push({ action, params, regionId, timeoutMs });
    const next = answers.shift();
    if (next === undefined) return Promise.reject(new Error('no scripted answer left'));
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  };
  return { send, sent };
}

function ok(body: Record<string, unknown>): RpcAnswer {
  return { httpStatus: 200, body: { RequestId: 'req-1', ...body } };
}

function client(send: RpcSend) {
  return createVodClient({
    accessKeyId: 'id',
    accessKeySecret: 'secret',
    region: 'cn-shanghai',
    send,
    timeoutMs: 1234,
  });
}

describe('createVodClient: requests', () => {
  it('uses the region endpoint unless one is given', () => {
    const { send } = scripted();
    expect(client(send).endpoint).toBe('https://vod.cn-shanghai.aliyuncs.com');
    const local = createVodClient({
      accessKeyId: 'id',
      accessKeySecret: 'secret',
      region: 'cn-shanghai',
      endpoint: 'http://127.0.0.1:9999/',
      send,
    });
    expect(local.endpoint).toBe('http://127.0.0.1:9999');
  });

  it('refuses missing credentials', () => {
    expect(() => createVodClient({ accessKeyId: '', accessKeySecret: 's', region: 'cn-shanghai' })).toThrow(
      /accessKeyId/,
    );
  });

  it('does not expose the credentials on the client object', () => {
    const { send } = scripted();
    const text = JSON.stringify(client(send));
    expect(text).not.toContain('secret');
  });

  it('sends typed parameters in their wire form', async () => {
    const { send, sent } = scripted(
      ok({ TranscodeTaskId: 't1', TranscodeJobs: { TranscodeJob: [{ JobId: 'j1' }] } }),
      ok({ SnapshotJob: { JobId: 's1' } }),
      ok({}),
      ok({ AIJobList: { AIJob: [{ JobId: 'a1', MediaId: 'v1', Type: 'AIVideoTag' }] } }),
    );
    const vod = client(send);
    const userData = buildUserData({ extend: { vodflow: { s: 'transcode', a: 1 } } });
    await vod.submitTranscodeJobs({
      VideoId: 'v1',
      TemplateGroupId: 'g1',
      Priority: 8,
      UserData: userData,
      SessionId: 'v1-1',
    });
    await vod.submitSnapshotJob({ VideoId: 'v1', Count: 4, Interval: 0, SpecifiedOffsetTimes: [1000, 5000] });
    await vod.setMessageCallback({
      CallbackType: 'MNS',
      MnsEndpoint: 'http://1.mns.test/',
      MnsQueueName: 'q',
      EventTypeList: ['FileUploadComplete', 'TranscodeComplete', 'AIComplete'],
    });
    await vod.submitAIJob({
      MediaId: 'v1',
      Types: ['AIVideoTag', 'AIMediaDNA'],
      Config: { AIMediaDNA: { DNADBId: 'd' } },
    });
    expect(sent.map(({ action, params, timeoutMs }) => ({ action, params, timeoutMs }))).toEqual([
      {
        action: 'SubmitTranscodeJobs',
        params: {
          VideoId: 'v1',
          TemplateGroupId: 'g1',
          Priority: '8',
          UserData: userData,
          SessionId: 'v1-1',
        },
        timeoutMs: 1234,
      },
      {
        action: 'SubmitSnapshotJob',
        params: { VideoId: 'v1', Count: '4', Interval: '0', SpecifiedOffsetTimes: '[1000,5000]' },
        timeoutMs: 1234,
      },
      {
        action: 'SetMessageCallback',
        params: {
          CallbackType: 'MNS',
          MnsEndpoint: 'http://1.mns.test/',
          MnsQueueName: 'q',
          EventTypeList: 'FileUploadComplete,TranscodeComplete,AIComplete',
        },
        timeoutMs: 1234,
      },
      {
        action: 'SubmitAIJob',
        params: { MediaId: 'v1', Types: 'AIVideoTag,AIMediaDNA', Config: '{"AIMediaDNA":{"DNADBId":"d"}}' },
        timeoutMs: 1234,
      },
    ]);
  });

  it('sends GetVideoList and ListAIJob lists comma-joined', async () => {
    const { send, sent } = scripted(ok({ Total: 0 }), ok({ Total: 0 }), ok({}));
    const vod = client(send);
    await vod.getVideoList({
      Status: ['Uploading', 'UploadSucc'],
      StartTime: '2026-11-25T08:00:00Z',
      EndTime: '2026-11-26T08:00:00Z',
      CateId: 7,
      PageNo: 2,
      PageSize: 50,
      SortBy: 'CreationTime:Asc',
    });
    await vod.getVideoList();
    await vod.listAIJob({ JobIds: ['j1', 'j2'] });
    expect(sent.map(({ action, params }) => ({ action, params }))).toEqual([
      {
        action: 'GetVideoList',
        params: {
          Status: 'Uploading,UploadSucc',
          StartTime: '2026-11-25T08:00:00Z',
          EndTime: '2026-11-26T08:00:00Z',
          CateId: '7',
          PageNo: '2',
          PageSize: '50',
          SortBy: 'CreationTime:Asc',
        },
      },
      { action: 'GetVideoList', params: {} },
      { action: 'ListAIJob', params: { JobIds: 'j1,j2' } },
    ]);
  });

  it('sends no parameter for an absent optional one', async () => {
    const { send, sent } = scripted(ok({ MessageCallback: {} }));
    await client(send).getMessageCallback();
    expect(sent[0]?.params).toEqual({});
  });

  it("sends the client's RegionId with every call", async () => {
    const { send, sent } = scripted(ok({ MessageCallback: {} }), ok({ VideoList: { Video: [] }, Total: 0 }));
    const vod = createVodClient({ accessKeyId: 'id', accessKeySecret: 's', region: 'ap-southeast-1', send });
    await vod.getMessageCallback();
    await vod.getVideoList();
    expect(sent.map((request) => request.regionId)).toEqual(['ap-southeast-1', 'ap-southeast-1']);
  });
});

describe('createVodClient: answers', () => {
  it('unwraps VOD list wrappers and coerces numbers', async () => {
    const { send } = scripted(
      ok({
        Video: {
          VideoId: 'v1',
          Status: 'Normal',
          Duration: '183.4',
          Size: 52428800,
          Snapshots: { Snapshot: ['http://a/1.jpg', 'http://a/2.jpg'] },
          Brand: 'new field',
        },
      }),
    );
    const { Video } = await client(send).getVideoInfo({ VideoId: 'v1' });
    expect(Video).toMatchObject({ VideoId: 'v1', Status: 'Normal', Duration: 183.4, Size: 52428800 });
    expect(Video.Snapshots).toEqual(['http://a/1.jpg', 'http://a/2.jpg']);
    expect(Video.Brand).toBe('new field');
  });

  it('reads a one-element list given as the element, and an absent list as empty', async () => {
    const { send } = scripted(
      ok({ TranscodeTaskList: { TranscodeTask: { TranscodeTaskId: 't1', TaskStatus: 'Processing' } } }),
      ok({ TranscodeTaskId: 't2' }),
      ok({ NonExistVideoIds: ['gone'] }),
    );
    const vod = client(send);
    expect((await vod.listTranscodeTask({ VideoId: 'v1' })).TranscodeTaskList).toEqual([
      { TranscodeTaskId: 't1', TaskStatus: 'Processing' },
    ]);
    expect((await vod.submitTranscodeJobs({ VideoId: 'v1', TemplateGroupId: 'g' })).TranscodeJobs).toEqual(
      [],
    );
    const deleted = await vod.deleteVideo({ VideoIds: ['gone', 'v2'] });
    expect(deleted).toMatchObject({ NonExistVideoIds: ['gone'], ForbiddenVideoIds: [] });
  });

  it('parses transcode task details, snapshots and audit jobs', async () => {
    const { send } = scripted(
      ok({
        TranscodeTask: {
          TranscodeTaskId: 't1',
          TaskStatus: 'CompletePartialSucc',
          TranscodeJobInfoList: [
            {
              TranscodeJobId: 'j1',
              TranscodeJobStatus: 'TranscodeSuccess',
              TranscodeProgress: '100',
              Definition: 'HD',
            },
          ],
        },
      }),
      ok({ MediaSnapshot: { Total: '2', Snapshots: { Snapshot: [{ Index: '1', Url: 'http://s/1.jpg' }] } } }),
      ok({ MediaAuditJob: { JobId: 'a1', Status: 'success', Data: '{"Suggestion":"block"}' } }),
    );
    const vod = client(send);
    const task = await vod.getTranscodeTask({ TranscodeTaskId: 't1' });
    expect(task.TranscodeTask.TranscodeJobInfoList[0]).toMatchObject({
      TranscodeJobId: 'j1',
      TranscodeProgress: 100,
    });
    const snapshots = await vod.listSnapshots({ VideoId: 'v1' });
    expect(snapshots.MediaSnapshot).toMatchObject({
      Total: 2,
      Snapshots: [{ Index: 1, Url: 'http://s/1.jpg' }],
    });
    const audit = await vod.getAIMediaAuditJob({ JobId: 'a1' });
    expect(audit.MediaAuditJob.Data).toEqual({ Suggestion: 'block' });
  });

  it('parses GetVideoList: Total coerced, VideoList unwrapped, absent when nothing matches', async () => {
    const { send } = scripted(
      ok({
        Total: '12',
        VideoList: {
          Video: [
            {
              VideoId: 'v2',
              Status: 'Normal',
              Duration: '10.5',
              Snapshots: { Snapshot: ['http://s/1.jpg'] },
            },
            { VideoId: 'v1', Status: 'Uploading' },
          ],
        },
      }),
      ok({ Total: 1, VideoList: { Video: { VideoId: 'v3', Status: 'UploadSucc' } } }),
      ok({ Total: 0 }),
      ok({ VideoList: { Video: [] } }),
    );
    const vod = client(send);
    const page = await vod.getVideoList({ PageSize: 2 });
    expect(page.Total).toBe(12);
    expect(page.VideoList).toEqual([
      expect.objectContaining({ VideoId: 'v2', Duration: 10.5, Snapshots: ['http://s/1.jpg'] }),
      expect.objectContaining({ VideoId: 'v1', Snapshots: [] }),
    ]);
    expect((await vod.getVideoList()).VideoList.map((video) => video.VideoId)).toEqual(['v3']);
    expect(await vod.getVideoList()).toEqual({ RequestId: 'req-1', Total: 0, VideoList: [] });
    const noTotal = await vodApiFailure(vod.getVideoList());
    expect(noTotal).toMatchObject({ code: 'InvalidResponse', action: 'GetVideoList' });
    expect(noTotal.message).toMatch(/Total/);
  });

  it('parses ListAIJob: Data as the object its JSON text encodes, NonExistAIJobIds as a list', async () => {
    const { send } = scripted(
      ok({
        AIJobList: {
          AIJob: [
            {
              JobId: 'j1',
              MediaId: 'v1',
              Type: 'AIVideoTag',
              Status: 'success',
              Code: 0,
              Message: 'OK',
              CreationTime: '2026-11-25T08:00:00Z',
              CompleteTime: '2026-11-25T08:01:00Z',
              Data: '{"Person":[{"Tag":"someone"}],"Keyword":[{"Tag":"skiing"}]}',
            },
            { JobId: 'j2', Type: 'AIMediaDNA', Status: 'fail', Data: 'not json' },
            { JobId: 'j3', Type: 'AIMediaDNA', Status: 'processing' },
          ],
        },
        NonExistAIJobIds: { String: ['nope'] },
      }),
      ok({ AIJobList: { AIJob: { JobId: 'j4', Status: 'success', Data: { VideoDNA: [] } } } }),
    );
    const vod = client(send);
    const { AIJobList, NonExistAIJobIds } = await vod.listAIJob({ JobIds: ['j1', 'j2', 'j3', 'nope'] });
    expect(AIJobList[0]).toMatchObject({
      JobId: 'j1',
      Status: 'success',
      Code: '0',
      Data: { Person: [{ Tag: 'someone' }], Keyword: [{ Tag: 'skiing' }] },
    });
    expect(AIJobList[1].Data).toBe('not json');
    expect(AIJobList[2].Data).toBeUndefined();
    expect(NonExistAIJobIds).toEqual(['nope']);
    const single = await vod.listAIJob({ JobIds: 'j4' });
    expect(single.AIJobList).toEqual([{ JobId: 'j4', Status: 'success', Data: { VideoDNA: [] } }]);
    expect(single.NonExistAIJobIds).toEqual([]);
  });

  it('turns an error answer into a classified VodApiError', async () => {
    const { send } = scripted(
      { httpStatus: 400, body: { RequestId: 'r-9', Code: 'Throttling.User', Message: 'flow control' } },
      {
        httpStatus: 404,
        body: { RequestId: 'r-10', Code: 'InvalidVideo.NotFound', Message: 'no such video' },
      },
    );
    const vod = client(send);
    expect(await vodApiFailure(vod.submitAIMediaAuditJob({ MediaId: 'v1' }))).toMatchObject({
      action: 'SubmitAIMediaAuditJob',
      code: 'Throttling.User',
      httpStatus: 400,
      requestId: 'r-9',
      transient: true,
      kind: 'throttled',
    });
    const notFound = await vodApiFailure(vod.getVideoInfo({ VideoId: 'v1' }));
    expect(notFound).toMatchObject({ code: 'InvalidVideo.NotFound', transient: false, kind: 'not-found' });
    expect(notFound.message).toContain('no such video');
  });

  it('treats an HTTP error status without Code as an error', async () => {
    const { send } = scripted({ httpStatus: 503, body: { RequestId: 'r' } });
    expect(await vodApiFailure(client(send).getVideoInfo({ VideoId: 'v' }))).toMatchObject({
      code: 'HTTP503',
      transient: true,
    });
  });

  it('accepts success codes on a successful answer', async () => {
    const { send } = scripted({
      httpStatus: 200,
      body: { RequestId: 'r', Code: 'OK', JobId: 'j', MediaId: 'm' },
    });
    expect((await client(send).submitAIMediaAuditJob({ MediaId: 'm' })).JobId).toBe('j');
  });

  it('refuses an answer missing documented fields, naming them', async () => {
    const { send } = scripted(ok({ Video: { Title: 'no id' } }));
    const error = await vodApiFailure(client(send).getVideoInfo({ VideoId: 'v' }));
    expect(error).toMatchObject({ code: 'InvalidResponse', kind: 'invalid-response', requestId: 'req-1' });
    expect(error.message).toMatch(/Video\.VideoId/);
  });

  it('classifies failures of the transport', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const { send } = scripted(refused);
    expect(await vodApiFailure(client(send).getVideoInfo({ VideoId: 'v' }))).toMatchObject({
      kind: 'network',
      transient: true,
      action: 'GetVideoInfo',
    });
  });
});

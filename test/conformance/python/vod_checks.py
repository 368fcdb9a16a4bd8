"""VOD's API through the official aliyun-python-sdk-core and -vod against the VOD emulator, with the
events it writes read back from the SMQ emulator."""

import json
import os
import urllib.request
from urllib.parse import urlparse

from aliyunsdkcore.acs_exception.exceptions import ServerException
from aliyunsdkcore.client import AcsClient
from aliyunsdkvod.request.v20170321 import (
    CreateUploadVideoRequest,
    DeleteVideoRequest,
    GetAIMediaAuditJobRequest,
    GetMezzanineInfoRequest,
    GetPlayInfoRequest,
    GetTranscodeSummaryRequest,
    GetTranscodeTaskRequest,
    GetVideoInfoRequest,
    ListSnapshotsRequest,
    ListTranscodeTaskRequest,
    SetMessageCallbackRequest,
    SubmitAIMediaAuditJobRequest,
    SubmitDynamicImageJobRequest,
    SubmitSnapshotJobRequest,
    SubmitTranscodeJobsRequest,
)
from mns.account import Account
from mns.queue import QueueMeta

from checks import expect, expect_equal, failure_of
from event_inbox import EventInbox

REGION = "cn-shanghai"


class Vod:
    def __init__(self, env, secret=None):
        self.host = urlparse(env.vod_endpoint).netloc
        self.client = AcsClient(env.access_key_id, secret or env.access_key_secret, REGION)

    def request(self, module, params, accept_format=None):
        request = getattr(module, module.__name__.rsplit(".", 1)[-1])()
        request.set_endpoint(self.host)
        request.set_protocol_type("http")
        if accept_format:
            request.set_accept_format(accept_format)
        for name, value in params.items():
            getattr(request, f"set_{name}")(value)
        return request

    def call(self, module, **params):
        return json.loads(self.client.do_action_with_exception(self.request(module, params)))

    def raw(self, module, accept_format, **params):
        # do_action_with_exception always asks for JSON; this keeps the requested format.
        status, _headers, body = self.client.implementation_of_do_action(
            self.request(module, params, accept_format)
        )
        return status, body


def server_code(error):
    expect(isinstance(error, ServerException), f"expected ServerException, got {error!r}")
    return error.get_error_code()


def register(suite, env):
    vod = Vod(env)
    template_group = os.environ["TEMPLATE_GROUP_ID"]
    queue = Account(env.smq_endpoint, env.access_key_id, env.access_key_secret).get_queue(
        f"py-{os.getpid()}-vod-events"
    )
    inbox = EventInbox(queue)
    state = {}

    def complete_upload(video_id):
        admin = f"{env.vod_endpoint}/__admin/videos/{video_id}/complete-upload"
        urllib.request.urlopen(urllib.request.Request(admin, data=b"{}", method="POST"), timeout=10).close()

    def uploaded_video(title):
        video_id = vod.call(CreateUploadVideoRequest, Title=title, FileName="clip.mp4")["VideoId"]
        complete_upload(video_id)
        inbox.wait_for("FileUploadComplete", video_id)
        return video_id

    @suite.check("vod: SetMessageCallback to an SMQ queue; GetVideoInfo")
    def callback():
        queue.create(QueueMeta())
        vod.call(
            SetMessageCallbackRequest,
            CallbackType="MNS",
            MnsEndpoint=env.smq_endpoint,
            MnsQueueName=queue.queue_name,
            EventTypeList="ALL",
        )
        video_id = vod.call(CreateUploadVideoRequest, Title="python", FileName="clip.mp4")["VideoId"]
        expect_equal(vod.call(GetVideoInfoRequest, VideoId=video_id)["Video"]["Status"], "Uploading", "status")
        state["video"] = video_id

    @suite.check("vod: upload → MediaBaseChangeComplete, FileUploadComplete, VideoAnalysisComplete")
    def upload():
        video_id = state["video"]
        complete_upload(video_id)
        created = inbox.wait_for("MediaBaseChangeComplete", video_id)[0]
        expect_equal(created["OperateMode"], "create", "OperateMode")
        expect_equal(inbox.wait_for("FileUploadComplete", video_id)[0]["Status"], "success", "upload")
        analysis = inbox.wait_for("VideoAnalysisComplete", video_id)[0]
        expect(float(analysis["Duration"]) > 0, f"Duration {analysis.get('Duration')}")

    @suite.check("vod: transcode → stream events and TranscodeComplete; task queries with plain arrays")
    def transcode():
        video_id = state["video"]
        submitted = vod.call(SubmitTranscodeJobsRequest, VideoId=video_id, TemplateGroupId=template_group)
        jobs = submitted["TranscodeJobs"]["TranscodeJob"]
        inbox.wait_for("StreamTranscodeComplete", video_id, count=len(jobs))
        expect_equal(inbox.wait_for("TranscodeComplete", video_id)[0]["Status"], "success", "transcode")
        task = vod.call(GetTranscodeTaskRequest, TranscodeTaskId=submitted["TranscodeTaskId"])["TranscodeTask"]
        expect_equal(len(task["TranscodeJobInfoList"]), len(jobs), "TranscodeJobInfoList is a plain array")
        listed = vod.call(ListTranscodeTaskRequest, VideoId=video_id, StartTime=task["CreationTime"])
        expect_equal([t["TranscodeTaskId"] for t in listed["TranscodeTaskList"]], [task["TranscodeTaskId"]], "listed")
        summary = vod.call(GetTranscodeSummaryRequest, VideoIds=f"{video_id},0000")
        expect_equal(summary["NonExistVideoIds"], ["0000"], "NonExistVideoIds")
        expect_equal(summary["TranscodeSummaryList"][0]["TranscodeStatus"], "CompleteAllSucc", "summary")

    @suite.check("vod: GetPlayInfo and GetMezzanineInfo of a transcoded video")
    def playback():
        video_id = state["video"]
        play = vod.call(GetPlayInfoRequest, VideoId=video_id)
        expect_equal(play["VideoBase"]["VideoId"], video_id, "VideoBase")
        expect(len(play["PlayInfoList"]["PlayInfo"]) > 0, "PlayInfo streams")
        mezzanine = vod.call(GetMezzanineInfoRequest, VideoId=video_id, AdditionType="video")["Mezzanine"]
        expect_equal(mezzanine["Status"], "Normal", "mezzanine status")
        expect_equal(len(mezzanine["VideoStreamList"]), 1, "VideoStreamList is a plain array")

    @suite.check("vod: snapshot → SnapshotComplete; ListSnapshots")
    def snapshot():
        video_id = state["video"]
        job = vod.call(SubmitSnapshotJobRequest, VideoId=video_id, Count=3)["SnapshotJob"]["JobId"]
        event = inbox.wait_for("SnapshotComplete", video_id)[0]
        expect_equal(event["SnapshotInfos"][0]["JobId"], job, "JobId")
        listed = vod.call(ListSnapshotsRequest, VideoId=video_id)["MediaSnapshot"]
        expect_equal(listed["Total"], 3, "Total")

    @suite.check("vod: animated image → DynamicImageComplete")
    def dynamic_image():
        video_id = state["video"]
        job = vod.call(SubmitDynamicImageJobRequest, VideoId=video_id, DynamicImageTemplateId="gif-template")
        event = inbox.wait_for("DynamicImageComplete", video_id)[0]
        expect_equal(event["JobId"], job["DynamicImageJob"]["JobId"], "JobId")
        expect(json.loads(event["DynamicImageJobInfo"])["FileURL"], "FileURL")

    @suite.check("vod: AI review → AIMediaAuditComplete; GetAIMediaAuditJob")
    def ai_review():
        video_id = state["video"]
        job_id = vod.call(SubmitAIMediaAuditJobRequest, MediaId=video_id)["JobId"]
        event = inbox.wait_for("AIMediaAuditComplete", video_id)[0]
        expect_equal(event["JobId"], job_id, "JobId")
        job = vod.call(GetAIMediaAuditJobRequest, JobId=job_id)["MediaAuditJob"]
        expect_equal(job["Status"], "success", "audit status")

    @suite.check("vod: DeleteVideo → plain id arrays, MediaBaseChangeComplete and DeleteMediaComplete")
    def delete():
        video_id = uploaded_video("to delete")
        answer = vod.call(DeleteVideoRequest, VideoIds=f"{video_id},0000")
        expect_equal(answer["NonExistVideoIds"], ["0000"], "NonExistVideoIds")
        expect_equal(answer["ForbiddenVideoIds"], [], "ForbiddenVideoIds")
        inbox.wait_for("DeleteMediaComplete", video_id)
        expect_equal(inbox.wait_for("MediaBaseChangeComplete", video_id, 2)[1]["OperateMode"], "delete", "mode")

    @suite.check("vod: Format=XML answers an <Action>Response document")
    def xml_format():
        status, body = vod.raw(GetVideoInfoRequest, "XML", VideoId=state["video"])
        body = body.decode("utf-8")
        expect_equal(status, 200, "status")
        expect(body.startswith('<?xml version="1.0" encoding="UTF-8"?>'), body[:80])
        expect("<GetVideoInfoResponse>" in body and f"<VideoId>{state['video']}</VideoId>" in body, body[:200])

    @suite.check("vod: errors: wrong secret, unknown video, unknown template group")
    def errors():
        wrong = failure_of(lambda: Vod(env, secret="wrong-secret").call(GetVideoInfoRequest, VideoId="x"))
        # The SDK recognises its own string to sign in the gateway's message.
        expect_equal(server_code(wrong), "InvalidAccessKeySecret", "wrong secret")
        missing = failure_of(lambda: vod.call(GetVideoInfoRequest, VideoId="0" * 32))
        expect_equal(server_code(missing), "InvalidVideo.NotFound", "unknown video")
        expect_equal(missing.get_http_status(), 404, "status")
        group = failure_of(
            lambda: vod.call(SubmitTranscodeJobsRequest, VideoId=state["video"], TemplateGroupId="no-such")
        )
        expect_equal(server_code(group), "NoSuchResource", "unknown template group")

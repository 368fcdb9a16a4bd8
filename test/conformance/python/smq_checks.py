"""SMQ queue operations through the official aliyun-mns-sdk against the SMQ emulator."""

import os

from mns.account import Account
from mns.mns_exception import MNSServerException
from mns.queue import Message, QueueMeta

from checks import expect, expect_equal, failure_of


def new_queue(account, suffix, visibility_timeout=30):
    queue = account.get_queue(f"py-{os.getpid()}-{suffix}")
    meta = QueueMeta()
    meta.set_visibilitytimeout(visibility_timeout)
    queue.create(meta)
    return queue


def text(body):
    # The SDK hands back the bytes it Base64-decoded.
    return body.decode("utf-8") if isinstance(body, bytes) else body


def server_code(error):
    expect(isinstance(error, MNSServerException), f"expected MNSServerException, got {error!r}")
    return error.type


def register(suite, env):
    account = Account(env.smq_endpoint, env.access_key_id, env.access_key_secret)

    @suite.check("smq: CreateQueue, GetQueueAttributes, ListQueue, DeleteQueue")
    def queue_life():
        queue = new_queue(account, "life", visibility_timeout=45)
        meta = queue.get_attributes()
        expect_equal(meta.visibility_timeout, 45, "VisibilityTimeout")
        expect_equal(meta.active_messages, 0, "ActiveMessages")
        names, _marker = account.list_queue(prefix=f"py-{os.getpid()}-life")
        expect(any(name.endswith(f"/py-{os.getpid()}-life") for name in names), f"listed {names}")
        queue.delete()
        expect_equal(server_code(failure_of(queue.get_attributes)), "QueueNotExist", "after delete")

    @suite.check("smq: send, receive (Base64 body), change visibility, delete")
    def message_life():
        queue = new_queue(account, "msg")
        sent = queue.send_message(Message("hello <vod> & co"))
        expect(sent.message_id, "MessageId")
        received = queue.receive_message(1)
        expect_equal(text(received.message_body), "hello <vod> & co", "body")
        expect_equal(received.dequeue_count, 1, "DequeueCount")
        changed = queue.change_message_visibility(received.receipt_handle, 10)
        expect(changed.receipt_handle != received.receipt_handle, "a new handle")
        stale = failure_of(lambda: queue.delete_message(received.receipt_handle))
        expect_equal(server_code(stale), "MessageNotExist", "old handle")
        queue.delete_message(changed.receipt_handle)
        expect_equal(queue.get_attributes().inactive_messages, 0, "nothing left in flight")
        queue.delete()

    @suite.check("smq: batch send, peek, batch receive, batch delete")
    def batches():
        queue = new_queue(account, "batch")
        queue.batch_send_message([Message(f"m{i}") for i in range(5)])
        expect_equal(len(queue.batch_peek_message(16)), 5, "peeked")
        received = queue.batch_receive_message(16, 1)
        expect_equal(sorted(text(m.message_body) for m in received), [f"m{i}" for i in range(5)], "bodies")
        queue.batch_delete_message([m.receipt_handle for m in received])
        expect_equal(queue.get_attributes().inactive_messages, 0, "all deleted")
        queue.delete()

    @suite.check("smq: priority 1 is received first")
    def priority():
        queue = new_queue(account, "prio")
        queue.send_message(Message("low", priority=16))
        queue.send_message(Message("high", priority=1))
        expect_equal(text(queue.receive_message(1).message_body), "high", "first received")
        queue.delete()

    @suite.check("smq: an expired visibility timeout makes the message receivable again")
    def visibility_expiry():
        queue = new_queue(account, "vis", visibility_timeout=1)
        queue.send_message(Message("again"))
        first = queue.receive_message(0)
        second = queue.receive_message(3)
        expect_equal(second.message_id, first.message_id, "same message")
        expect_equal(second.dequeue_count, 2, "DequeueCount")
        queue.delete()

    @suite.check("smq: errors: empty receive, missing queue, bad handle, wrong secret")
    def errors():
        queue = new_queue(account, "err")
        expect_equal(server_code(failure_of(lambda: queue.receive_message(0))), "MessageNotExist", "empty")
        missing = account.get_queue("py-no-such-queue")
        expect_equal(server_code(failure_of(missing.get_attributes)), "QueueNotExist", "missing queue")
        bad = failure_of(lambda: queue.delete_message("not-a-handle"))
        expect_equal(server_code(bad), "ReceiptHandleError", "bad handle")
        stranger = Account(env.smq_endpoint, env.access_key_id, "wrong-secret").get_queue(queue.queue_name)
        expect_equal(server_code(failure_of(stranger.get_attributes)), "SignatureDoesNotMatch", "wrong secret")
        queue.delete()

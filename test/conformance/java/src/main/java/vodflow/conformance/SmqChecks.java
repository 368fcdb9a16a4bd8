package vodflow.conformance;

import static vodflow.conformance.CheckRunner.expect;
import static vodflow.conformance.CheckRunner.expectEqual;
import static vodflow.conformance.CheckRunner.failureOf;

import com.aliyun.mns.client.CloudAccount;
import com.aliyun.mns.client.CloudQueue;
import com.aliyun.mns.client.MNSClient;
import com.aliyun.mns.common.ServiceException;
import com.aliyun.mns.model.Message;
import com.aliyun.mns.model.QueueMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** SMQ queue operations through the official Java MNS SDK against the SMQ emulator. */
final class SmqChecks {
    private final MNSClient client;
    private final Env env;
    private final String prefix = "java-" + ProcessHandle.current().pid() + "-";

    SmqChecks(Env env) {
        this.env = env;
        this.client = new CloudAccount(env.accessKeyId(), env.accessKeySecret(), env.smqEndpoint()).getMNSClient();
    }

    void close() {
        client.close();
    }

    private CloudQueue newQueue(String suffix, long visibilityTimeout) {
        QueueMeta meta = new QueueMeta();
        meta.setQueueName(prefix + suffix);
        meta.setVisibilityTimeout(visibilityTimeout);
        return client.createQueue(meta);
    }

    /** The SMQ error code the SDK parsed out of the Error document ("Unknown" when it could not). */
    private static String code(Exception error) {
        expect(error instanceof ServiceException, "expected a ServiceException, got " + error);
        return ((ServiceException) error).getErrorCode();
    }

    private static Message text(String body) {
        Message message = new Message();
        message.setMessageBody(body, Message.MessageBodyType.RAW_STRING);
        return message;
    }

    void register(CheckRunner runner) {
        runner.add("smq: createQueue, getAttributes, listQueue, delete", () -> {
            CloudQueue queue = newQueue("life", 45);
            expectEqual(queue.getAttributes().getVisibilityTimeout(), 45L, "VisibilityTimeout");
            List<String> names = client.listQueue(prefix + "life", null, 10).getResult().stream()
                    .map(QueueMeta::getQueueName)
                    .collect(Collectors.toList());
            expectEqual(names, List.of(prefix + "life"), "listed");
            queue.delete();
            expectEqual(code(failureOf(queue::getAttributes)), "QueueNotExist", "after delete");
        });

        runner.add("smq: putMessage, popMessage, changeMessageVisibility, deleteMessage", () -> {
            CloudQueue queue = newQueue("msg", 30);
            expect(queue.putMessage(text("hello <vod> & co")).getMessageId() != null, "MessageId");
            Message popped = queue.popMessage(1);
            expectEqual(popped.getMessageBodyAsRawString(), "hello <vod> & co", "body");
            expectEqual(popped.getDequeueCount(), 1, "DequeueCount");
            Message changed = queue.changeMessageVisibility(popped.getReceiptHandle(), 10);
            expect(!changed.getReceiptHandle().equals(popped.getReceiptHandle()), "a new handle");
            String stale = popped.getReceiptHandle();
            expectEqual(code(failureOf(() -> queue.deleteMessage(stale))), "MessageNotExist", "old handle");
            queue.deleteMessage(changed.getReceiptHandle());
            expectEqual(queue.getAttributes().getInactiveMessages(), 0L, "nothing in flight");
            queue.delete();
        });

        runner.add("smq: batchPutMessage, batchPeekMessage, batchPopMessage, batchDeleteMessage", () -> {
            CloudQueue queue = newQueue("batch", 30);
            List<Message> batch = new ArrayList<>();
            for (int i = 0; i < 5; i++) batch.add(text("m" + i));
            queue.batchPutMessage(batch);
            expectEqual(queue.batchPeekMessage(16).size(), 5, "peeked");
            List<Message> popped = queue.batchPopMessage(16, 1);
            List<String> bodies = popped.stream().map(Message::getMessageBodyAsRawString).sorted().toList();
            expectEqual(bodies, List.of("m0", "m1", "m2", "m3", "m4"), "bodies");
            queue.batchDeleteMessage(popped.stream().map(Message::getReceiptHandle).toList());
            expectEqual(queue.getAttributes().getInactiveMessages(), 0L, "all deleted");
            queue.delete();
        });

        runner.add("smq: an expired visibility timeout makes the message receivable again", () -> {
            CloudQueue queue = newQueue("vis", 1);
            queue.putMessage(text("again"));
            Message first = queue.popMessage(0);
            Message second = queue.popMessage(3);
            expectEqual(second.getMessageId(), first.getMessageId(), "same message");
            expectEqual(second.getDequeueCount(), 2, "DequeueCount");
            queue.delete();
        });

        runner.add("smq: empty popMessage is null, not an error (Error documents parse)", () -> {
            CloudQueue queue = newQueue("empty", 30);
            expectEqual(queue.popMessage(0), null, "popMessage");
            expectEqual(queue.batchPopMessage(16, 0), null, "batchPopMessage");
            queue.delete();
        });

        runner.add("smq: errors carry their codes: missing queue, bad handle, wrong secret", () -> {
            CloudQueue missing = client.getQueueRef(prefix + "no-such-queue");
            expectEqual(code(failureOf(missing::getAttributes)), "QueueNotExist", "missing queue");
            expectEqual(code(failureOf(() -> missing.popMessage(0))), "QueueNotExist", "pop from missing");
            CloudQueue queue = newQueue("err", 30);
            expectEqual(code(failureOf(() -> queue.deleteMessage("not-a-handle"))), "ReceiptHandleError", "handle");
            MNSClient stranger = new CloudAccount(env.accessKeyId(), "wrong-secret", env.smqEndpoint()).getMNSClient();
            try {
                CloudQueue theirs = stranger.getQueueRef(queue.getAttributes().getQueueName());
                expectEqual(code(failureOf(theirs::getAttributes)), "SignatureDoesNotMatch", "wrong secret");
            } finally {
                stranger.close();
            }
            queue.delete();
        });

        runner.add("smq: VOD's events, written by the VOD emulator, decode from Base64", () -> {
            CloudQueue events = client.getQueueRef(env.vodEventsQueue());
            boolean found = false;
            // Bounded: the events were written before this process started.
            for (int round = 0; round < 10 && !found; round++) {
                List<Message> batch = events.batchPopMessage(16, 1);
                if (batch == null) continue;
                for (Message message : batch) {
                    String json = message.getMessageBodyAsString();
                    found |= json.contains("\"EventType\":\"FileUploadComplete\"") && json.contains(env.videoId());
                    events.deleteMessage(message.getReceiptHandle());
                }
            }
            expect(found, "FileUploadComplete of " + env.videoId() + " in " + env.vodEventsQueue());
        });
    }
}

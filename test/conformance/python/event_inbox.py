"""VOD events read back from an SMQ queue with the MNS SDK, as a consumer would."""

import json
import time

from mns.mns_exception import MNSServerException

from checks import CheckFailed


class EventInbox:
    def __init__(self, queue):
        self.queue = queue
        self.events = []

    def _drain_once(self):
        try:
            messages = self.queue.batch_receive_message(16, 1)
        except MNSServerException as error:
            if error.type == "MessageNotExist":
                return
            raise
        # The SDK has already undone the Base64 of the body.
        self.events.extend(json.loads(message.message_body) for message in messages)
        self.queue.batch_delete_message([message.receipt_handle for message in messages])

    def wait_for(self, event_type, media_id, count=1, timeout_seconds=15):
        """The `count` events of that type and media, once they have all arrived."""
        deadline = time.monotonic() + timeout_seconds
        while True:
            found = [
                event
                for event in self.events
                if event.get("EventType") == event_type
                and media_id in (event.get("VideoId"), event.get("MediaId"))
            ]
            if len(found) >= count:
                return found
            if time.monotonic() > deadline:
                raise CheckFailed(f"{len(found)} of {count} {event_type} for {media_id} after {timeout_seconds}s")
            self._drain_once()

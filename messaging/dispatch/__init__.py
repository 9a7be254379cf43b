"""The dispatcher: sends due feedback requests, once each, whatever crashes.

Celery beat wakes dispatch_tick every minute; the database is the schedule
(no Celery ETA). A row moves through:

    scheduled --claim--> claimed --about to send--> sending --> sent
                                                            \\-> skipped / failed
                                                            \\-> scheduled (retry later)

- claim: UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) with a
  claim token and a lease, committed at once: two dispatchers never hold the
  same row.
- Before any send the row is re-checked against every exclusion (the same
  SQL as planning) and skipped with the reason when it no longer qualifies.
- "sending" is committed before the message leaves, "sent" right after; a
  crash between the two leaves a "sending" row whose lease runs out.
- leases_resolve: an expired claim was never sent → back to scheduled. An
  expired send: Amazon is asked again (the action gone = it was sent); an
  email is marked uncertain and never re-sent automatically — the owner
  decides (messaging.views.outbox_attention).

The modules: outcomes (what one send comes to), rows (the state changes),
channels (email, Amazon), tick (claim and send), leases (expired leases).
"""

from .channels import EmailChannel
from .rows import MAX_ATTEMPTS
from .tick import dispatch_tick

__all__ = ["MAX_ATTEMPTS", "EmailChannel", "dispatch_tick"]

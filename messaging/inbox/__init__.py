"""The buyer-message inbox: mail in (IMAP polling, inbound webhooks), parsed
and threaded by order; the VA's replies out through SMTP with the outbox's
guarantees; opt-out detection. The models live in messaging.inbox.models and
are part of the messaging app."""

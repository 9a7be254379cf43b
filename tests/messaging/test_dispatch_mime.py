"""The dispatcher's SMTP fast path (channels.MimeSkeleton) writes the message
Django's backend would: same headers and the same two parts once parsed, and
it leaves any message of another shape to Django."""

import email
from email.policy import default

import pytest
from django.core.mail import EmailMessage, EmailMultiAlternatives

from messaging.dispatch.channels import MimeSkeleton

SENDER = "service@seller.example"


def message(subject, body, html, to="abc123@marketplace.amazon.com"):
    return EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=SENDER,
        to=[to],
        headers={"Message-ID": "<1.2@feedbackhub.invalid>"},
        alternatives=[(html, "text/html")],
    )


def parsed(data):
    parsed = email.message_from_bytes(data, policy=default)
    parts = {part.get_content_type(): part.get_content() for part in parsed.iter_parts()}
    headers = {name: str(parsed[name]) for name in ("Subject", "From", "To", "Message-ID", "MIME-Version")}
    return headers, parts, parsed.get_content_type()


CASES = [
    ("Your order 112-1234567-1234567", "Hi Alex,\n\nThanks.\n.\nBye", "<p>Hi Alex,</p>\n<p>Thanks.</p>"),
    ("Ihre Bestellung – Größe", "Grüße, Jürgen 😀\n\nDanke", "<p>Grüße &amp; Dank</p>"),
    ("ご注文について " * 20, "お客様\n" + "長い行" * 400, "<p>" + "x" * 2000 + "</p>"),
    ("A" * 300, "line\r\nwith crlf\rand cr", "<p>html</p>"),
]


@pytest.mark.parametrize(("subject", "body", "html"), CASES, ids=["ascii", "umlauts", "japanese-long", "long-subject"])
def test_the_fast_bytes_parse_as_what_django_writes(subject, body, html):
    expected = message(subject, body, html)
    data = MimeSkeleton(SENDER).fill(message(subject, body, html))
    assert data is not None
    ours, django = parsed(data), parsed(expected.message().as_bytes(linesep="\r\n"))
    # Django's folding moves the spaces of a long subject around; ours keeps it as written.
    assert ours[0]["Subject"] == subject
    assert {**ours[0], "Subject": " ".join(subject.split())} == {
        **django[0],
        "Subject": " ".join(django[0]["Subject"].split()),
    }
    assert ours[2] == django[2] == "multipart/alternative"

    def texts(parts):  # line ends as the parser gives them, and Django's final newline
        return {kind: text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n") for kind, text in parts.items()}

    assert texts(ours[1]) == texts(django[1])
    assert all(len(line) <= 998 for line in data.split(b"\r\n"))


@pytest.mark.parametrize(
    "other",
    [
        EmailMessage(subject="s", body="b", from_email=SENDER, to=["a@b.example"]),
        message("two\nlines", "b", "<p>b</p>"),
        message("s", "b", "<p>b</p>", to="Buyer <a@b.example>"),
        message("s", "b", "<p>b</p>", to="bad\r\nBcc: x@y.example"),
    ],
)
def test_any_other_shape_is_left_to_django(other):
    assert MimeSkeleton(SENDER).fill(other) is None


def test_a_sender_with_a_display_name_is_left_to_django():
    assert MimeSkeleton("Seller <service@seller.example>").fill(message("s", "b", "<p>b</p>")) is None

"""Reading one buyer email as Amazon relays it: who (the anonymised relay
address and its marketplace), about which order (the 3-7-7 id in the subject
or the body), in which language, the text and the sanitised HTML, the
attachments worth keeping.

Pure: bytes in, a ParsedMessage out, no database. Nothing here raises on bad
mail: what could not be read is said in `problems`, in plain words, and the
message is still returned so a person can see it.
"""

import email
import email.policy
import re
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime

import nh3

# Amazon's relay: <random>@marketplace.amazon.<marketplace domain>.
RELAY_ADDRESS = re.compile(r"[\w.+-]+@marketplace\.(amazon\.[a-z.]+)", re.IGNORECASE)
ORDER_ID = re.compile(r"(?<!\d)(\d{3}-\d{7}-\d{7})(?!\d)")

# A whole message over this size is recorded without its body or attachments.
MAX_MESSAGE_BYTES = 25 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ALLOWED_ATTACHMENT_TYPES = frozenset({"application/pdf", "text/plain"})
ALLOWED_ATTACHMENT_PREFIXES = ("image/",)
# Images a browser shows that cannot carry script (SVG can).
REFUSED_ATTACHMENT_TYPES = frozenset({"image/svg+xml"})

# Words of Amazon's relay subjects that tell the buyer's language
# ("Inquiry from Amazon customer … (Order: …)", "Anfrage von Amazon-Kunde … (Bestellung: …)").
SUBJECT_LANGUAGE_WORDS = (
    ("de", ("bestellung", "anfrage von", "kunde")),
    ("fr", ("commande", "demande de", "client amazon")),
    ("es", ("pedido", "consulta de", "cliente de amazon")),
    ("it", ("ordine", "richiesta da", "cliente amazon")),
    ("ja", ("注文", "お問い合わせ", "購入者")),
    ("en", ("order:", "inquiry from", "amazon customer")),
)
# The relay domain's language when the subject says nothing.
DOMAIN_LANGUAGES = {
    "amazon.de": "de",
    "amazon.fr": "fr",
    "amazon.it": "it",
    "amazon.es": "es",
    "amazon.com.mx": "es",
    "amazon.co.jp": "ja",
    "amazon.com": "en",
    "amazon.co.uk": "en",
    "amazon.ca": "en",
}


@dataclass
class ParsedAttachment:
    filename: str
    content_type: str
    size_bytes: int
    content: bytes | None  # None: not kept (see skipped_reason)
    skipped_reason: str = ""


@dataclass
class ParsedMessage:
    message_id: str = ""
    in_reply_to: str = ""
    references: str = ""
    subject: str = ""
    from_address: str = ""
    relay_address: str = ""
    relay_domain: str = ""  # e.g. "amazon.de": the marketplace's domain
    amazon_order_id: str = ""
    language: str = ""
    sent_at: datetime | None = None
    body_text: str = ""
    body_html: str = ""  # sanitised
    size_bytes: int = 0
    attachments: list[ParsedAttachment] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def problem(self):
        return "; ".join(self.problems)[:300]


def message_parse(raw: bytes, *, size_bytes: int | None = None) -> ParsedMessage:
    """Parse one RFC 5322 message (policy=email.policy.default). `size_bytes`:
    the whole message's size when only its headers were fetched (too big)."""
    parsed = ParsedMessage(size_bytes=size_bytes if size_bytes is not None else len(raw))
    too_big = parsed.size_bytes > MAX_MESSAGE_BYTES
    if too_big:
        # Only the headers are read: the body of a 25 MB+ message is never kept.
        head, _, _ = raw.partition(b"\r\n\r\n") if b"\r\n\r\n" in raw else raw.partition(b"\n\n")
        raw = head + b"\r\n\r\n"
        parsed.problems.append(
            f"The message is {_size_text(parsed.size_bytes)}, over the 25 MB limit:"
            " its body and attachments were not kept"
        )
    message = email.message_from_bytes(raw, policy=email.policy.default)
    _read_headers(message, parsed)
    if not too_big:
        _read_body(message, parsed)
    if message.defects:
        parsed.problems.append("The message's MIME structure is broken (" + _defect_names(message.defects) + ")")
    parsed.amazon_order_id = _order_id(parsed.subject) or _order_id(parsed.body_text)
    if not parsed.amazon_order_id:
        parsed.problems.append("No order id found: threaded by the buyer's address")
    parsed.language = _language(parsed.subject, parsed.relay_domain)
    return parsed


def _size_text(size):
    return f"{size / (1024 * 1024):.1f} MB"


def _header(message, name):
    """A header as text; a header that cannot be decoded is read as raw text."""
    try:
        value = message.get(name)
    except (ValueError, LookupError, TypeError, IndexError):
        value = message.get_all(name, failobj=[""])[0] if hasattr(message, "get_all") else ""
    return str(value or "").strip()


def _read_headers(message, parsed):
    parsed.message_id = _header(message, "Message-ID")[:998]
    parsed.in_reply_to = _header(message, "In-Reply-To")[:998]
    parsed.references = _header(message, "References")
    parsed.subject = " ".join(_header(message, "Subject").split())[:300]
    senders = getaddresses([_header(message, "From"), _header(message, "Reply-To")])
    addresses = [address for _, address in senders if address]
    parsed.from_address = addresses[0] if addresses else ""
    for address in addresses:
        relay = RELAY_ADDRESS.fullmatch(address)
        if relay:
            parsed.relay_address = address.lower()
            parsed.relay_domain = relay.group(1).lower()
            break
    date = _header(message, "Date")
    if date:
        try:
            parsed.sent_at = parsedate_to_datetime(date)
        except (TypeError, ValueError, IndexError):
            parsed.problems.append("The Date header could not be read")
        if parsed.sent_at is not None and parsed.sent_at.tzinfo is None:
            parsed.sent_at = None


def _read_body(message, parsed):
    texts, htmls = [], []
    for part in message.walk():
        if part.is_multipart():
            continue
        content_type = part.get_content_type()
        disposition = part.get_content_disposition()
        filename = _filename(part)
        if disposition == "attachment" or filename or content_type not in ("text/plain", "text/html"):
            if content_type == "message/rfc822" or content_type.startswith("multipart/"):
                continue
            parsed.attachments.append(_attachment(part, content_type, filename))
            continue
        text = _text_of(part, parsed)
        (htmls if content_type == "text/html" else texts).append(text)
    parsed.body_text = "\n\n".join(t for t in texts if t).strip()
    if htmls:
        parsed.body_html = nh3.clean("\n".join(htmls))
        if not parsed.body_text:
            parsed.body_text = _text_from_html(parsed.body_html)


def _filename(part):
    try:
        return (part.get_filename() or "")[:255]
    except (ValueError, LookupError, TypeError, IndexError):
        return ""


def _text_of(part, parsed):
    """A text part in Unicode; an unknown or wrong charset is read as UTF-8 with
    replacement characters, and said."""
    payload = part.get_payload(decode=True) or b""
    charset = part.get_content_charset() or "us-ascii"
    try:
        return payload.decode(charset)
    except LookupError:
        parsed.problems.append(f"Unknown charset {charset[:40]!r}: read as UTF-8, some characters may be wrong")
    except UnicodeDecodeError:
        parsed.problems.append(f"Text not valid in its charset {charset[:40]!r}: some characters may be wrong")
    return payload.decode("utf-8", errors="replace")


def _attachment(part, content_type, filename):
    content = part.get_payload(decode=True) or b""
    attachment = ParsedAttachment(
        filename=filename, content_type=content_type[:100], size_bytes=len(content), content=content
    )
    allowed = content_type in ALLOWED_ATTACHMENT_TYPES or (
        content_type.startswith(ALLOWED_ATTACHMENT_PREFIXES) and content_type not in REFUSED_ATTACHMENT_TYPES
    )
    if not allowed:
        attachment.content = None
        attachment.skipped_reason = f"Not kept: {content_type} files are not accepted (images, PDF and text only)"
    elif len(content) > MAX_ATTACHMENT_BYTES:
        attachment.content = None
        attachment.skipped_reason = (
            f"Not kept: {_size_text(len(content))} is over the {_size_text(MAX_ATTACHMENT_BYTES)} limit"
        )
    return attachment


def _text_from_html(html):
    without_tags = nh3.clean(html, tags=set())
    return re.sub(r"\n\s*\n+", "\n\n", without_tags).strip()


def _order_id(text):
    found = ORDER_ID.search(text or "")
    return found.group(1) if found else ""


def _language(subject, relay_domain):
    lowered = subject.lower()
    for language, words in SUBJECT_LANGUAGE_WORDS:
        if any(word in lowered for word in words):
            return language
    return DOMAIN_LANGUAGES.get(relay_domain, "")


def _defect_names(defects):
    names = sorted({type(defect).__name__ for defect in defects})
    return ", ".join(names)[:120]


def message_build(
    *,
    subject: str,
    body: str,
    from_address: str,
    to_address: str,
    message_id: str,
    sent_at: datetime,
    attachments: tuple[tuple[str, str, bytes], ...] = (),
) -> bytes:
    """An RFC 5322 message shaped like Amazon's relay mail (for the demo and
    tests): attachments are (filename, content type, content)."""
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = from_address
    message["To"] = to_address
    message["Subject"] = subject
    message["Message-ID"] = message_id
    message["Date"] = email.utils.format_datetime(sent_at)
    message.set_content(body)
    for filename, content_type, content in attachments:
        maintype, subtype = content_type.split("/", 1)
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes()

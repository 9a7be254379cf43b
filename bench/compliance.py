"""Compliance checker speed: check_message over every labelled message the tests hold
(the tuned corpus, the blind corpora and the published messages), against the work
every outgoing email costs anyway, measured in the same run: building the same subject
and body into a MIME message with Django (EmailMessage(...).message().as_bytes()).
The rules alone (check_message(..., learned_check=False)) are timed too, so what the learned
check adds per message is its own figure; the model's load, once per process, is timed apart.

Prints ms per message for both and their ratio, then one JSON line. Pure Python: no
database, no network. `--repeat N` passes over the messages (default 20).
"""

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "feedbackhub.settings")

from messaging.compliance import check_message  # noqa: E402
from messaging.compliance.learned import load_model  # noqa: E402
from tests.messaging.test_compliance_corpus import corpus_message  # noqa: E402

CORPORA = sorted((ROOT / "tests" / "messaging").glob("compliance_corpus*.json"))


def load_messages():
    return [corpus_message(item) for path in CORPORA for item in json.loads(path.read_text(encoding="utf-8"))]


def per_message_ms(function, messages, repeat):
    for message in messages[:50]:  # warm the regex caches and the cached properties' code paths
        function(message)
    started = time.perf_counter()
    for _ in range(repeat):
        for message in messages:
            function(message)
    return (time.perf_counter() - started) * 1000 / (repeat * len(messages))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.mail import EmailMessage

    def build(message):
        return (
            EmailMessage(message.subject, message.body, "seller@example.com", ["buyer@example.com"])
            .message()
            .as_bytes()
        )

    messages = load_messages()
    started = time.perf_counter()
    load_model()
    load_ms = (time.perf_counter() - started) * 1000
    check_ms = per_message_ms(check_message, messages, args.repeat)
    rules_ms = per_message_ms(lambda message: check_message(message, learned_check=False), messages, args.repeat)
    build_ms = per_message_ms(build, messages, args.repeat)
    longest = max(messages, key=lambda message: len(message.body))
    longest_ms = per_message_ms(check_message, [longest], args.repeat * 20)
    print(f"{len(messages)} messages from {len(CORPORA)} corpora, {args.repeat} passes")
    print(
        f"check_message: {check_ms:.3f} ms per message (longest body, {len(longest.body)} chars: {longest_ms:.3f} ms)"
    )
    print(f"  of which the rules: {rules_ms:.3f} ms, the learned check: {check_ms - rules_ms:.3f} ms")
    print(f"  loading the learned check's model, once per process: {load_ms:.0f} ms")
    print(f"Django MIME build of the same message: {build_ms:.3f} ms")
    print(f"ratio check / build: {check_ms / build_ms:.2f}")
    figures = {
        "bench": "compliance",
        "messages": len(messages),
        "check_ms_per_message": round(check_ms, 4),
        "check_ms_longest": round(longest_ms, 4),
        "rules_ms_per_message": round(rules_ms, 4),
        "learned_ms_per_message": round(check_ms - rules_ms, 4),
        "model_load_ms": round(load_ms, 1),
        "mime_build_ms_per_message": round(build_ms, 4),
        "ratio_check_vs_mime_build": round(check_ms / build_ms, 3),
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
    }
    print(json.dumps(figures), flush=True)


if __name__ == "__main__":
    main()

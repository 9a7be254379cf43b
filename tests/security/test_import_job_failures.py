"""An import that meets input it was not written for ends failed, with a
clear message, and writes nothing: never stuck in "Running" (issue 15, item 4)."""

import json
import logging

import pytest

from orders.imports import batches, claims
from orders.models import ImportStatus
from tests.orders.reports import CLAIMS_HEADER, all_orders_file, all_orders_row, health_document
from tests.orders.test_imports import snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_in_tmp")]


def nested(depth):
    return '{"performanceMetrics": ' + "[" * depth + "]" * depth + "}"


def with_every_side(**changes):
    """The documented example with fields of every ODR side replaced by raw
    JSON text (json.dumps cannot write a number like 1e400)."""
    document = health_document()
    for side in document["performanceMetrics"][0]["orderDefectRate"].values():
        side.update({name: f"@{name}@" for name in changes})
    text = json.dumps(document)
    for name, raw in changes.items():
        text = text.replace(f'"@{name}@"', raw)
    return text


# The probe's payloads: what each raised, and what the message must name.
BAD_DOCUMENTS = {
    "deeply nested JSON (RecursionError)": (nested(100_000), "nested too deeply"),
    "orderCount 1e400 (OverflowError)": (with_every_side(orderCount="1e400"), "orderCount not a whole number"),
    "orderCount lots (ValueError)": (
        with_every_side(orderCount='"lots"'),
        'orderCount not a whole number of 0 or more "lots"',
    ),
    "performanceMetrics [1, x] (AttributeError)": (
        json.dumps({"performanceMetrics": [1, "x"]}),
        "performanceMetrics[0] is not an object",
    ),
}


@pytest.fixture
def before(importer):
    importer(all_orders_file([all_orders_row(order_id="999-9999999-9999999")]))
    return snapshot()


@pytest.mark.parametrize("case", BAD_DOCUMENTS, ids=list(BAD_DOCUMENTS))
def test_a_bad_account_health_document_fails_the_job_and_writes_nothing(importer, before, case):
    content, named = BAD_DOCUMENTS[case]
    job = importer(content, name="health.json")
    assert job.status == ImportStatus.FAILED, job.error
    assert named in job.error
    assert job.finished_at is not None and not job.rejections.exists()
    assert snapshot() == before


@pytest.mark.parametrize("amount", ["NaN", "sNaN", "Infinity", "-inf"])
def test_a_claim_amount_that_is_not_a_number_is_a_rejected_row(importer, before, amount):
    content = "\n".join(
        [
            CLAIMS_HEADER,
            f"112-0000001-0000001,a-to-z,open,2026-11-03,,{amount},USD,Item not received",
            "112-0000002-0000002,a-to-z,open,2026-11-03,,12.50,USD,Item not received",
        ]
    )
    job = importer(content, name="claims.csv")
    assert job.status == ImportStatus.SUCCEEDED, job.error
    assert [(r.line_no, r.column, r.value, r.reason) for r in job.rejections.all()] == [
        (2, "amount", amount, "not a number")
    ]
    assert job.created == 1


def test_any_unexpected_error_ends_the_job_failed_and_logs_no_buyer_data(importer, before, monkeypatch, caplog):
    """The runner's catch-all: an error no importer anticipated (here one whose
    message quotes a buyer) marks the job failed, rolls back what the file
    wrote so far, and logs the error's type and place, not its message."""
    parse_row = claims.parse_row
    calls = []

    def failing(row, now=None):
        calls.append(row)
        if len(calls) == 2:
            raise AttributeError("'NoneType' has no attribute for jane.buyer@example.com")
        return parse_row(row, now)

    monkeypatch.setattr(claims, "parse_row", failing)
    monkeypatch.setattr(batches, "BATCH_ROWS", 1)  # the first claim is written before the error
    content = "\n".join(
        [
            CLAIMS_HEADER,
            "112-0000001-0000001,a-to-z,open,2026-11-03,,1.00,USD,",
            "112-0000002-0000002,a-to-z,open,2026-11-03,,1.00,USD,jane.buyer@example.com",
        ]
    )
    with caplog.at_level(logging.INFO):
        job = importer(content, name="claims.csv")
    assert job.status == ImportStatus.FAILED
    assert job.error == (
        "The import stopped on an unexpected error (AttributeError) while reading A-to-z claims and chargebacks "
        "(CSV); nothing was written. The file does not have the shape this report type should have."
    )
    assert snapshot() == before
    assert "AttributeError" in caplog.text and "test_import_job_failures.py" in caplog.text
    assert "jane.buyer" not in caplog.text

"""The feedback list as a streamed CSV download."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from feedback.models import FeedbackState
from feedbackhub.tenancy.models import Role
from tests.factories import FeedbackFactory, OrderFactory, marketplace


def download(client, **params):
    response = client.get(reverse("feedback:export"), params)
    assert response.status_code == 200
    assert response.streaming, "a million rows must not be built in memory"
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="feedback-')
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


@pytest.mark.django_db
def test_the_columns_and_a_row(account, client_for):
    order = OrderFactory(account=account, amazon_order_id="112-0000001-0000001", buyer_name="Erika Mustermann")
    FeedbackFactory(
        order=order, rating=2, comment="Late, but fine", seller_response="Sorry!", feedback_date=date(2026, 11, 2)
    )
    header, *rows = download(client_for(account))
    assert header == ["date", "rating", "marketplace", "order id", "comment", "your response", "state"]
    assert rows == [["2026-11-02", "2", "US", "112-0000001-0000001", "Late, but fine", "Sorry!", "Live"]]


@pytest.mark.django_db
def test_the_lists_filters_apply(account, client_for):
    FeedbackFactory(order__account=account, rating=1, comment="US negative")
    FeedbackFactory(order__account=account, rating=5, comment="US positive")
    FeedbackFactory(order__account=account, order__marketplace=marketplace("UK"), rating=1, comment="UK negative")
    FeedbackFactory(order__account=account, rating=1, comment="US removed", state=FeedbackState.REMOVED_BY_AMAZON)
    client = client_for(account)

    def comments(**params):
        return sorted(row[4] for row in download(client, **params)[1:])

    assert comments() == ["UK negative", "US negative", "US positive"]
    assert comments(sentiment="negative") == ["UK negative", "US negative"]
    assert comments(sentiment="negative", marketplace="US") == ["US negative"]
    assert comments(sentiment="negative", marketplace="US", include_removed="1") == ["US negative", "US removed"]


@pytest.mark.django_db
@pytest.mark.parametrize("comment", ["=1+1", "+x", "-x", "@x", "\tx", "\rx"])
def test_a_comment_that_would_run_as_a_formula_is_quoted(account, client_for, comment):
    FeedbackFactory(order__account=account, rating=1, comment=comment, seller_response=comment)
    [row] = download(client_for(account))[1:]
    assert (row[4], row[5]) == (f"'{comment}", f"'{comment}")


@pytest.mark.django_db
def test_other_text_is_written_as_it_is(account, client_for):
    comment = 'Paket kam beschädigt an, "nie wieder"; 2 = zu wenig\nzweite Zeile ★'
    FeedbackFactory(order__account=account, rating=2, comment=comment)
    [row] = download(client_for(account))[1:]
    assert row[4] == comment


@pytest.mark.django_db
def test_another_accounts_feedback_and_buyer_details_never_appear(account, other_account, client_for):
    FeedbackFactory(order__account=other_account, rating=1, comment="Another seller's complaint")
    mine = FeedbackFactory(order__account=account, rating=1, comment="Our own complaint")
    response = client_for(account).get(reverse("feedback:export"), {"include_removed": "1"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Our own complaint" in body and "Another seller" not in body
    assert mine.order.buyer_name not in body and mine.order.buyer_email not in body


@pytest.mark.django_db
def test_a_va_may_not_download(account, client_for):
    assert client_for(account, Role.VA).get(reverse("feedback:export")).status_code == 403


@pytest.mark.django_db
def test_the_list_links_to_the_download_with_its_filters(account, client_for):
    body = client_for(account).get(reverse("feedback:list"), {"sentiment": "negative", "marketplace": "UK"})
    html = body.content.decode()
    assert f'href="{reverse("feedback:export")}?sentiment=negative&amp;marketplace=UK"' in html

"""The queue's pages: what the VA sees, what a forged POST cannot do, and a
query count that does not grow with the queue."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from feedback.models import CaseMessage, CaseState, ResolutionCase
from feedback.services import case_message_send, case_resolve, cases_open
from feedbackhub.tenancy.models import Role

from ..factories import FeedbackFactory, OrderFactory
from .test_cases import FIRST_CONTACT, REMOVAL, negative_case

pytestmark = pytest.mark.django_db


def post(client, name, case, data):
    return client.post(reverse(name, args=[case.pk]), data)


def test_the_queue_lists_open_cases_nearest_deadline_first_with_days_left(account, client_for):
    today = timezone.localdate()
    for days_ago, comment in ((5, "recent"), (55, "urgent"), (30, "middle")):
        order = OrderFactory(account=account)
        FeedbackFactory(order=order, rating=1, comment=comment, feedback_date=today - timedelta(days=days_ago))
    cases_open(account=account)
    page = client_for(account, Role.VA).get(reverse("feedback:queue"))
    assert page.status_code == 200
    rows = [case.feedback.comment for case in page.context["page"]]
    assert rows == ["urgent", "middle", "recent"]
    html = page.content.decode()
    assert html.count('text-bg-danger" data-testid="days-left"') == 1  # 7 or fewer days left: red


def test_filters_and_my_cases(account, client_for, member_of):
    va = member_of(account, Role.VA)
    mine = negative_case(account, comment="mine")
    negative_case(account, comment="theirs", rating=2)
    client = client_for(account, Role.OWNER)
    ResolutionCase.objects.filter(pk=mine.pk).update(assignee=va)
    assert [c.pk for c in client.get(reverse("feedback:queue"), {"assignee": va.pk}).context["page"]] == [mine.pk]
    assert len(client.get(reverse("feedback:queue"), {"rating": "2"}).context["page"]) == 1
    assert len(client.get(reverse("feedback:queue"), {"eligibility": "eligible"}).context["page"]) == 0
    client.force_login(va)
    assert [c.pk for c in client.get(reverse("feedback:queue"), {"assignee": "me"}).context["page"]] == [mine.pk]


def _bulk_cases(account, count, first=1):
    """`count` orders, 1-star feedback and open cases, inserted set-based."""
    today = timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH o AS (
              INSERT INTO orders_order (account_id, marketplace_id, amazon_order_id, merchant_order_id, purchase_date,
                     last_updated, status, fulfillment_channel, sales_channel, ship_service_level, currency,
                     is_business_order, is_prime, is_replacement_order, ship_country, buyer_name, buyer_email, ship_to,
                     buyer_key, created_at, updated_at)
              SELECT %(account)s, 'ATVPDKIKX0DER', '114-' || lpad(n::text, 7, '0') || '-0000001', '', now(), now(),
                     'Shipped', 'AFN', '', '', 'USD', false, false, false, 'US', '', '', '', '', now(), now()
                FROM generate_series(%(first)s, %(first)s + %(count)s - 1) n RETURNING id, amazon_order_id
            ), f AS (
              INSERT INTO feedback_feedback (account_id, marketplace_id, order_id, amazon_order_id, rating, comment,
                     feedback_date, seller_response, state, created_at, updated_at)
              SELECT %(account)s, 'ATVPDKIKX0DER', o.id, o.amazon_order_id, 1, 'Slow answers', %(today)s, '', 'live',
                     now(), now() FROM o RETURNING id
            )
            INSERT INTO feedback_resolutioncase (account_id, feedback_id, marketplace_id, state, deadline, eligible,
                   verdict_outcome, verdict_reasons, removal_request_text, verdict_channel, resolution,
                   resolution_note, amazon_reason, amazon_case_id, public_response_draft, opened_at, updated_at)
            SELECT %(account)s, f.id, 'ATVPDKIKX0DER', 'new', %(deadline)s, false, 'not_eligible', '[]', '', 'AFN',
                   '', '', '', '', '', now(), now() FROM f
            """,
            {
                "account": account.pk,
                "count": count,
                "first": first,
                "today": today,
                "deadline": today + timedelta(days=60),
            },
        )


def test_the_queue_query_count_is_the_same_for_20_or_20000_cases(account, client_for):
    client = client_for(account, Role.VA)
    _bulk_cases(account, 20)
    client.get(reverse("feedback:queue"))  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as small:
        page = client.get(reverse("feedback:queue"))
    assert len(page.context["page"]) == 20
    _bulk_cases(account, 19980, first=21)
    with CaptureQueriesContext(connection) as large:
        page = client.get(reverse("feedback:queue"))
    assert page.context["page"].paginator.count == 20000 and len(page.context["page"]) == 50
    assert len(large.captured_queries) == len(small.captured_queries)


def test_comment_markup_renders_as_text_in_queue_and_case(account, client_for):
    case = negative_case(account, comment='<script>alert("x")</script><b>bold</b>')
    client = client_for(account, Role.VA)
    for url in (reverse("feedback:queue"), reverse("feedback:case", args=[case.pk])):
        html = client.get(url).content.decode()
        assert '<script>alert("x")</script>' not in html and "<b>bold</b>" not in html
        assert "&lt;script&gt;" in html


def test_a_forged_post_cannot_ask_for_removal_before_the_resolution(account, client_for):
    case = negative_case(account)
    client = client_for(account, Role.VA)
    response = post(
        client,
        "feedback:case_message",
        case,
        {"kind": "removal_request", "subject": "x", "body": REMOVAL, "language": "en"},
    )
    assert response.status_code == 302 and mail.outbox == [] and not CaseMessage.objects.exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("only after the problem is resolved" in m for m in messages)


def test_a_forged_post_cannot_send_a_removal_ask_as_first_contact(account, client_for):
    case = negative_case(account)
    body = FIRST_CONTACT + "\nPlease remove the negative feedback."
    response = post(
        client_for(account, Role.VA),
        "feedback:case_message",
        case,
        {"kind": "first_contact", "subject": "x", "body": body, "language": "en", "send": "email"},
    )
    assert response.status_code == 302 and mail.outbox == []
    case.refresh_from_db()
    assert case.state == CaseState.NEW


def test_a_forged_post_cannot_tie_the_refund_to_removal_nor_jump_states(account, client_for, member_of):
    va = member_of(account, Role.VA)
    case = negative_case(account)
    case_message_send(case=case, kind="first_contact", subject="x", body=FIRST_CONTACT, language="en", actor=va)
    client = client_for(account, Role.VA)
    client.force_login(va)
    post(client, "feedback:case_resolve", case, {"resolution": "refund", "note": "Refund if you remove the feedback"})
    for state in (CaseState.EXPIRED, CaseState.REMOVED_BY_AMAZON, "nonsense"):
        post(client, "feedback:case_move", case, {"to_state": state})
    case.refresh_from_db()
    assert case.state == CaseState.BUYER_CONTACTED
    # a second removal request, forged after a real one
    case_resolve(case=case, resolution="refund", note="Refunded.", actor=va)
    case_message_send(case=case, kind="removal_request", subject="x", body=REMOVAL, language="en", actor=va)
    post(
        client,
        "feedback:case_message",
        case,
        {"kind": "removal_request", "subject": "x", "body": REMOVAL, "language": "en"},
    )
    assert CaseMessage.objects.filter(kind="removal_request").count() == 1 and len(mail.outbox) == 2


def test_the_va_cannot_assign_cases_the_owner_can(account, client_for, member_of):
    va = member_of(account, Role.VA)
    case = negative_case(account)
    data = {"cases": [case.pk], "assignee": va.pk}
    assert client_for(account, Role.VA).post(reverse("feedback:queue_assign"), data).status_code == 403
    assert client_for(account, Role.OWNER).post(reverse("feedback:queue_assign"), data).status_code == 302
    case.refresh_from_db()
    assert case.assignee == va


def test_the_case_page_shows_only_what_is_allowed_now(account, client_for):
    case = negative_case(account, comment="The zipper broke after two days, poor quality.")
    page = client_for(account, Role.VA).get(reverse("feedback:case", args=[case.pk]))
    context = page.context
    assert context["can_message"] and context["can_file_amazon"] and not context["can_request_removal"]
    assert not context["can_resolve"]
    assert [state for state, _ in context["moves"]] == [
        CaseState.INVESTIGATING,
        CaseState.REMOVED_BY_BUYER,
        CaseState.CLOSED,
    ]
    html = page.content.decode()
    assert '<mark class="text-bg-warning"' in html  # the verdict's text highlighted


def test_the_owner_sees_outcomes(account, client_for, member_of):
    va = member_of(account, Role.VA)
    case = negative_case(account)
    case_message_send(case=case, kind="first_contact", subject="x", body=FIRST_CONTACT, language="en", actor=va)
    page = client_for(account, Role.OWNER).get(reverse("feedback:queue_outcomes"))
    outcomes = page.context["outcomes"]
    assert outcomes.opened == 1 and outcomes.open_now == 1
    assert outcomes.median_hours_to_contact is not None
    assert [(w.name, w.cases, w.contacted) for w in outcomes.workers] == [(va.username, 1, 1)]

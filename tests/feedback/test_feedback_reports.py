"""Seller feedback reports as Amazon writes them: "Your Response", headers
localised per marketplace, and feedback that a later report no longer lists."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from feedback.models import CaseState, Feedback, FeedbackState, ResolutionCase
from feedbackhub.tenancy.models import Role, SellerMarketplace
from orders.models import ImportJob
from tests.factories import marketplace

pytestmark = pytest.mark.django_db

HEADERS = {
    "US": "Date\tRating\tComments\tYour Response\tOrder ID\tRater Email",
    "DE": "Datum\tBewertung\tKommentare\tIhre Antwort\tBestellnummer\tE-Mail-Adresse des Bewerters",
    "FR": "Date\tÉvaluation\tCommentaires\tVotre réponse\tNuméro de commande\tAdresse e-mail de l'évaluateur",
    "ES": "Fecha\tValoración\tComentarios\tTu respuesta\tNúmero de pedido\tCorreo electrónico del evaluador",
    "IT": "Data\tValutazione\tCommenti\tLa tua risposta\tNumero ordine\tE-mail del valutatore",
    "JP": "日付\t評価\tコメント\tあなたの返信\t注文番号\t評価者のEメール",
}
DATES = {"US": "11/02/26", "DE": "02.11.26", "FR": "02/11/26", "ES": "02/11/26", "IT": "02/11/26", "JP": "26/11/02"}


def report(header, rows):
    lines = [header] + ["\t".join([*map(str, row), "x@marketplace.amazon.example"]) for row in rows]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("code", list(HEADERS))
def test_headers_in_each_language_are_read(importer, code):
    job = importer(
        report(HEADERS[code], [(DATES[code], 1, "Schlecht", "Sorry", "302-0000001-0000001")]), marketplace_code=code
    )
    assert job.status == "succeeded", job.error
    assert job.report_type == "seller_feedback"
    feedback = Feedback.objects.get()
    assert (str(feedback.feedback_date), feedback.rating, feedback.seller_response) == ("2026-11-02", 1, "Sorry")


def test_an_unknown_header_language_is_recognised_by_its_content(importer):
    header = "Datum\tBetyg\tKommentarer\tDitt svar\tOrder-ID\tE-post"  # Swedish: no alias knows it
    rows = [
        ("02.11.26", 2, "Sen leverans", "", "302-0000001-0000001"),
        ("03.11.26", 1, "Trasig", "", "302-0000002-0000002"),
    ]
    job = importer(report(header, rows), marketplace_code="DE")
    assert (job.status, job.report_type, job.created) == ("succeeded", "seller_feedback", 2), job.error


def test_a_header_that_is_neither_is_refused_clearly(importer):
    job = importer("Alpha\tBeta\tGamma\n1\t2\t3\n", marketplace_code="DE")
    assert job.status == "failed" and "unknown report type" in job.error


def test_feedback_a_later_report_no_longer_lists_was_removed_by_the_buyer(importer, account):
    first = [
        ("11/02/26", 1, "Never arrived", "", "112-0000001-0000001"),
        ("11/03/26", 2, "Seller rude", "", "112-0000002-0000002"),
        ("11/20/26", 1, "Outside the next report", "", "112-0000003-0000003"),
    ]
    importer(report(HEADERS["US"], first), marketplace_code="US")
    gone = Feedback.objects.get(amazon_order_id="112-0000001-0000001")
    later = [
        ("11/01/26", 3, "Meh", "", "112-0000004-0000004"),
        ("11/03/26", 2, "Seller rude", "", "112-0000002-0000002"),
        ("11/05/26", 1, "Broken", "", "112-0000005-0000005"),
    ]
    importer(report(HEADERS["US"], later), marketplace_code="US")
    states = dict(Feedback.objects.values_list("amazon_order_id", "state"))
    assert states["112-0000001-0000001"] == FeedbackState.REMOVED_BY_BUYER
    assert states["112-0000002-0000002"] == FeedbackState.LIVE
    assert states["112-0000003-0000003"] == FeedbackState.LIVE  # its day is not in the later report
    case = ResolutionCase.objects.get(feedback=gone)
    assert case.state == CaseState.REMOVED_BY_BUYER
    assert "removed or changed by the buyer" in case.events.last().note
    assert not Feedback.objects.for_account(account).counted().filter(pk=gone.pk).exists()


def _upload(client, content, marketplace_id=""):
    data = {
        "file": SimpleUploadedFile("feedback.txt", content.encode()),
        "report_type": "",
        "marketplace": marketplace_id,
    }
    return client.post(reverse("orders:import_upload"), data)


def test_the_upload_asks_for_the_marketplace_before_the_upload(account, client_for, media_in_tmp):
    client = client_for(account, Role.OWNER)
    content = report(HEADERS["US"], [("11/02/26", 1, "Late", "", "112-0000001-0000001")])
    assert account.marketplaces.count() > 1
    response = _upload(client, content)
    assert response.status_code == 200 and not ImportJob.objects.exists()
    assert "choose the marketplace it covers" in response.content.decode()
    assert _upload(client, content, marketplace("US").pk).status_code == 302
    SellerMarketplace.objects.filter(account=account).exclude(marketplace_id=marketplace("US").pk).delete()
    assert _upload(client, content).status_code == 302  # one marketplace: detected
    assert ImportJob.objects.count() == 2

"""Opt-out detection: the phrase lexicon measured on a corpus in six
languages (a tuned part, and a blind part written before the lexicon and
reported apart), and the proposal -> do-not-solicit services."""

import json
from pathlib import Path

import pytest

from feedbackhub.crypto import blind_index
from messaging.inbox.models import Mailbox, OptOutProposal, OptOutState
from messaging.inbox.opt_out import LANGUAGES, opt_out_confirm, opt_out_dismiss, opt_out_match
from messaging.inbox.store import inbound_message_store
from messaging.models import DoNotSolicit, DoNotSolicitReason

from ...factories import OrderFactory
from .mail import relay_mail

HERE = Path(__file__).parent


def corpus(name):
    return json.loads((HERE / f"opt_out_corpus_{name}.json").read_text(encoding="utf-8"))


def figures(name):
    data = corpus(name)
    true_positives = sum(1 for entry in data["positives"] if opt_out_match(entry["text"]))
    false_positives = [entry["text"] for entry in data["negatives"] if opt_out_match(entry["text"])]
    missed = [entry["text"] for entry in data["positives"] if not opt_out_match(entry["text"])]
    flagged = true_positives + len(false_positives)
    precision = true_positives / flagged if flagged else 0.0
    recall = true_positives / len(data["positives"])
    return precision, recall, missed, false_positives


@pytest.mark.parametrize("name", ["tuned", "blind"])
def test_the_corpus_covers_six_languages_both_ways(name):
    data = corpus(name)
    for side in ("positives", "negatives"):
        assert {entry["language"] for entry in data[side]} == set(LANGUAGES), (name, side)


def test_tuned_corpus_is_all_right():
    precision, recall, missed, false_positives = figures("tuned")
    print(f"opt-out corpus, tuned part: precision {precision:.2f}, recall {recall:.2f}")
    assert not missed and not false_positives


def test_blind_corpus_precision_and_recall():
    """Written before the lexicon; a floor, not a target to tune against."""
    precision, recall, missed, false_positives = figures("blind")
    print(f"opt-out corpus, blind part: precision {precision:.2f}, recall {recall:.2f}")
    assert precision >= 0.95, false_positives
    assert recall >= 0.85, missed


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("please stop emailing me", "en"),
        ("Bitte keine Nachrichten mehr!", "de"),
        ("Merci de ne plus m’envoyer de messages", "fr"),
        ("メールを送らないでください", "ja"),
    ],
)
def test_the_match_names_the_phrase_and_its_language(text, language):
    found = opt_out_match(text)
    assert found is not None and found.language == language and found.phrase


def test_words_only_in_the_quoted_history_do_not_count():
    assert opt_out_match("Thanks, all good!\n> please stop emailing me") is None
    assert opt_out_match("Fine.\n\nOn Tue, 4 Nov 2025, Seller wrote:\nTo unsubscribe, reply STOP") is None


@pytest.mark.django_db
def test_an_opt_out_message_is_proposed_then_confirmed_onto_the_do_not_solicit_list(account, member_of, media_in_tmp):
    order = OrderFactory(account=account, amazon_order_id="112-0000031-0000031")
    message = inbound_message_store(
        account=account, raw=relay_mail(31, order_id=order.amazon_order_id, body="Please don't contact me again.")
    ).message
    proposal = OptOutProposal.objects.get(message=message)
    assert proposal.state == OptOutState.PROPOSED and "contact me again" in proposal.matched_phrase
    assert proposal.buyer_key == blind_index("test-buyer-00031@marketplace.amazon.com") and proposal.language == "en"
    assert not DoNotSolicit.objects.exists()

    owner = member_of(account)
    opt_out_confirm(proposal=proposal, user=owner)
    opt_out_confirm(proposal=proposal, user=owner)  # twice: still one entry
    entry = DoNotSolicit.objects.get()
    assert (entry.account, entry.buyer_key, entry.reason) == (account, proposal.buyer_key, DoNotSolicitReason.OPTED_OUT)
    assert entry.added_by == owner
    proposal.refresh_from_db()
    assert proposal.state == OptOutState.CONFIRMED and proposal.decided_by == owner


@pytest.mark.django_db
def test_auto_confirm_puts_the_buyer_on_the_list_at_once(account, media_in_tmp):
    Mailbox.objects.create(account=account, auto_confirm_opt_outs=True)
    message = inbound_message_store(account=account, raw=relay_mail(32, body="Keine E-Mails mehr, danke.")).message
    assert message.opt_out.state == OptOutState.CONFIRMED
    assert DoNotSolicit.objects.filter(account=account, buyer_key=message.opt_out.buyer_key).exists()


@pytest.mark.django_db
def test_a_dismissed_proposal_leaves_the_buyer_askable(account, member_of, media_in_tmp):
    message = inbound_message_store(account=account, raw=relay_mail(33, body="unsubscribe")).message
    proposal = opt_out_dismiss(proposal=message.opt_out, user=member_of(account))
    assert proposal.state == OptOutState.DISMISSED and not DoNotSolicit.objects.exists()


@pytest.mark.django_db
def test_a_message_that_only_mentions_email_proposes_nothing(account, media_in_tmp):
    inbound_message_store(account=account, raw=relay_mail(34, body="I didn't get your email with the invoice."))
    assert not OptOutProposal.objects.exists()

from django.shortcuts import render

from feedbackhub.tenancy.access import account_view


def _coming_soon(request, title, what):
    return render(request, "coming_soon.html", {"title": title, "what": what})


@account_view("messaging.view_inbox")
def inbox(request, account):
    return _coming_soon(
        request,
        "Buyer messages",
        "Buyer messages will arrive here from Amazon's relay, threaded by order, with a 24-hour reply clock.",
    )


@account_view("messaging.manage_campaigns")
def campaigns(request, account):
    return _coming_soon(
        request,
        "Campaigns",
        "Feedback-request campaigns (Amazon Request a Review or buyer-seller email) with triggers, send windows, "
        "exclusions, a daily cap and A/B results will be set up here.",
    )


@account_view("messaging.manage_templates")
def templates(request, account):
    return _coming_soon(
        request,
        "Templates",
        "Message templates with placeholders, a live preview and Amazon's communication-guideline checks "
        "will be edited here.",
    )

from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from feedbackhub.rules import zone

from .access import current_account, current_membership


class CurrentAccountMiddleware:
    """Puts request.account and request.membership (lazily) on every request,
    and shows times in the current seller account's time zone (a seller in
    Los Angeles reads 18:28, not the server's 02:28 UTC)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.account = SimpleLazyObject(lambda: current_account(request))
        request.membership = SimpleLazyObject(lambda: current_membership(request))
        account = request.account if request.user.is_authenticated else None
        if account:
            timezone.activate(zone(account.time_zone))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()

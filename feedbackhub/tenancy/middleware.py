from django.utils.functional import SimpleLazyObject

from .access import current_account, current_membership


class CurrentAccountMiddleware:
    """Puts request.account and request.membership (lazily) on every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.account = SimpleLazyObject(lambda: current_account(request))
        request.membership = SimpleLazyObject(lambda: current_membership(request))
        return self.get_response(request)

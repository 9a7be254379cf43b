from django.utils.cache import add_never_cache_headers


class NoStoreForSignedInMiddleware:
    """Every answer to a signed-in user may hold buyer data (orders, feedback,
    cases, the inbox, CSV exports): no browser or proxy may keep a copy
    (Cache-Control: no-store, private), so Back after log-out or a shared
    computer shows nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
        return response

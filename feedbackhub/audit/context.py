"""The client address of the request being served, for audit rows written
by services that never see the request (a contextvar, set by middleware)."""

from contextvars import ContextVar

current_ip: ContextVar[str | None] = ContextVar("audit_current_ip", default=None)


def request_ip(request):
    """REMOTE_ADDR: behind a proxy, the proxy sets it (gunicorn's forwarded-allow-ips)."""
    return request.META.get("REMOTE_ADDR") or None


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_ip.set(request_ip(request))
        try:
            return self.get_response(request)
        finally:
            current_ip.reset(token)

"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live_server.

Playwright's own browser download (`playwright install`) is never used: the
tests launch /usr/bin/chromium. Without it the browser tests are skipped
locally, but fail when CI=true, so CI cannot go green by skipping them.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an asyncio event loop in the test thread, and
# Django then refuses ORM calls there (pytest-django's flush at teardown, the
# demo seed). Nothing here is really async, so allow them.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
MISSING_REASON = f"Chromium missing at {CHROMIUM}; CI must install it"
DEMO_ORDER_COUNT = 300


def _in_ci():
    return os.environ.get("CI") == "true"


def _is_browser_test(item):
    return item.get_closest_marker("browser") is not None


def pytest_collection_modifyitems(config, items):
    # A skip marker is evaluated before any fixture, so the session-scoped
    # `browser` fixture never tries to launch a Chromium that is not there.
    if CHROMIUM.exists() or _in_ci():
        return
    for item in items:
        if _is_browser_test(item):
            item.add_marker(pytest.mark.skip(reason=MISSING_REASON))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if _is_browser_test(item) and _in_ci() and not CHROMIUM.exists():
        pytest.fail(MISSING_REASON, pytrace=False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI=true a skipped browser test is a failed one, whatever skipped it."""
    report = yield
    if _in_ci() and report.skipped and _is_browser_test(item) and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"browser test skipped under CI=true, which counts as a failure: {reason}"
    return report


@pytest.fixture(scope="session")
def browser_type_launch_args():
    """Overrides pytest-playwright's fixture: Debian's Chromium, headless, no downloads."""
    return {"executable_path": str(CHROMIUM), "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture
def demo(live_server):
    """The demo accounts and users (owner / admin / va), seeded for the live server.

    live_server runs each test in a transactional database that is flushed
    afterwards, and the flush also empties the marketplaces a data migration
    loaded. Serialized rollback cannot put them back here: while Playwright's
    event loop runs in the test thread, Django hands out a different
    connection object than the one that holds the serialized contents. So the
    migration's own loader reloads them (it is idempotent).
    """
    from feedback.demo import demo_seed
    from feedbackhub.tenancy.marketplace_data import marketplaces_load
    from feedbackhub.tenancy.models import Marketplace

    marketplaces_load(Marketplace)
    return demo_seed(order_count=DEMO_ORDER_COUNT)

"""Start the app the way `make run` does, check it serves, stop it like Ctrl-C."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get_status(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


def leftovers(var_dir, pgid):
    found = []
    for process in psutil.process_iter(["pid", "cmdline"]):
        try:
            cmdline = " ".join(process.info["cmdline"] or [])
            if str(var_dir) in cmdline or os.getpgid(process.pid) == pgid:
                found.append(f"{process.pid}: {cmdline}")
        except (psutil.Error, ProcessLookupError):
            continue
    return found


@pytest.mark.slow
def test_make_run_path_serves_healthz_and_stops_clean(tmp_path):
    var_dir = tmp_path / "var"
    port = free_port()
    env = {
        key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL", "FEEDBACKHUB_VAR")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="feedbackhub.settings.local", FEEDBACKHUB_PORT=str(port), FEEDBACKHUB_DEMO_ORDERS="300"
    )
    command = [sys.executable, "-m", "feedbackhub.embedded", "--var", str(var_dir), "--setup", "--"]
    command += [str(ROOT / ".venv/bin/honcho"), "start", "-f", "Procfile"]
    log = open(tmp_path / "run.log", "w")  # noqa: SIM115 - closed in finally
    launcher = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    pgid = os.getpgid(launcher.pid)
    try:
        deadline = time.monotonic() + 180
        status = None
        while time.monotonic() < deadline and launcher.poll() is None:
            status = get_status(f"http://127.0.0.1:{port}/healthz")
            if status == 200:
                break
            time.sleep(0.5)
        assert status == 200, f"/healthz never answered 200; log:\n{(tmp_path / 'run.log').read_text()[-3000:]}"
        assert get_status(f"http://127.0.0.1:{port}/orders/") == 200  # the login page after a redirect
        # Ctrl-C in a terminal signals the whole foreground process group.
        os.killpg(pgid, signal.SIGINT)
        assert launcher.wait(timeout=60) == 0
    finally:
        if launcher.poll() is None:
            os.killpg(pgid, signal.SIGKILL)
        log.close()
    deadline = time.monotonic() + 10
    while leftovers(var_dir, pgid) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert leftovers(var_dir, pgid) == []
    assert "embedded services stopped" in (tmp_path / "run.log").read_text()

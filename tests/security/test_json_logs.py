"""Production logs are one JSON object per line (issue 15, item 16), from
the web process and from a Celery worker alike."""

import json
import subprocess
import sys

from ..messaging.real_processes import CELERY, ROOT, process_env
from ..smtp_sink import free_port

LOG_A_LINE_AND_A_TRACEBACK = """
import logging
import django
django.setup()
log = logging.getLogger("feedbackhub.check")
log.warning("import %s: %s rows", 7, 12)
try:
    1 / 0
except ZeroDivisionError:
    log.exception("two\\nlines")
"""


def json_lines(text):
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def test_production_logs_one_json_object_per_line(transactional_db):
    env = process_env(smtp_port=free_port())
    result = subprocess.run(
        [sys.executable, "-c", LOG_A_LINE_AND_A_TRACEBACK],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2, lines  # a traceback stays inside its line
    first, second = map(json.loads, lines)
    assert first["level"] == "WARNING" and first["logger"] == "feedbackhub.check"
    assert first["message"] == "import 7: 12 rows" and first["time"].endswith("+00:00")
    assert second["message"] == "two\nlines" and "ZeroDivisionError" in second["exception"]


def test_a_production_worker_logs_json(transactional_db):
    # Nothing answers on port 1: the worker logs that it cannot connect, then is stopped.
    env = process_env(smtp_port=free_port(), broker_url="redis://127.0.0.1:1/0")
    command = [str(CELERY), "-A", "feedbackhub", "worker", "--pool", "solo", "--loglevel", "INFO", "--queues", "none"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        output, _ = process.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        process.terminate()
        output, _ = process.communicate(timeout=30)
    records = json_lines(output)
    assert records, output[-2000:]
    assert any(record["logger"].startswith("celery") for record in records), records

"""The container files (Dockerfile, .dockerignore, docker-compose.yml) keep
their production shape.

Structural checks only: no database, no Docker engine. If a compose CLI is
installed, `config -q` also checks the file the way compose itself reads it.
"""

import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from cryptography.fernet import Fernet

from feedbackhub.celery import QUEUE_NAMES

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"

APP_SERVICES = ("web", "worker", "imports", "beat")
# Sends and imports on workers of their own: tests/security/test_worker_queues.py.
WORKER_QUEUES = {"worker": {"dispatch"}, "imports": {"imports", "sync"}, "tasks": {"default"}}
REQUIRED_SECRETS = ("SECRET_KEY", "FIELD_ENCRYPTION_KEYS")
MAIL_CATCHER_IMAGES = ("mailpit", "mailhog", "mailcatcher", "maildev", "smtp4dev")
DUMMY_FERNET_KEY = Fernet.generate_key().decode()


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load(COMPOSE_FILE.read_text())


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


@pytest.fixture(scope="module")
def dockerfile():
    """Dockerfile instructions as (KEYWORD, arguments), continuation lines joined."""
    instructions = []
    pending = ""
    for raw in DOCKERFILE.read_text().splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):
            continue  # a comment inside a continued instruction
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        keyword, _, arguments = (pending + line).strip().partition(" ")
        instructions.append((keyword.upper(), arguments.strip()))
        pending = ""
    return instructions


def _words(command):
    """A compose `command` / healthcheck `test` as one list of words."""
    if isinstance(command, str):
        return shlex.split(command)
    return [word for part in command for word in shlex.split(str(part))]


def _environment(service):
    environment = service.get("environment", {})
    if isinstance(environment, list):
        environment = dict(item.split("=", 1) for item in environment)
    return environment


def _depends_on(service):
    depends_on = service.get("depends_on", {})
    if isinstance(depends_on, list):
        return dict.fromkeys(depends_on, {"condition": "service_started"})
    return depends_on


# docker-compose.yml


def test_compose_has_no_obsolete_version_key(compose):
    assert "version" not in compose


def test_compose_backing_services(services):
    assert services["postgres"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")
    assert "pg_isready" in " ".join(_words(services["postgres"]["healthcheck"]["test"]))
    assert "ping" in _words(services["redis"]["healthcheck"]["test"])
    redis_command = " ".join(_words(services["redis"]["command"]))
    assert "--appendonly yes" in redis_command


def test_compose_has_a_mail_catcher(services):
    catchers = [
        name
        for name, service in services.items()
        if any(catcher in service.get("image", "") for catcher in MAIL_CATCHER_IMAGES)
    ]
    assert catchers, "no mail-catcher service (e.g. axllent/mailpit)"
    for service in APP_SERVICES:
        assert _environment(services[service])["EMAIL_HOST"] in catchers


def test_compose_app_services_share_the_image(services):
    for name in APP_SERVICES:
        assert name in services, f"service {name!r} missing"
        service = services[name]
        assert service.get("build") in (".", {"context": "."}), f"{name} is not built from this directory"
        assert _environment(service)["DJANGO_SETTINGS_MODULE"] == "feedbackhub.settings.production"
    assert len({services[name].get("image") for name in APP_SERVICES}) == 1


def test_compose_web_healthcheck_hits_healthz(services):
    test = " ".join(_words(services["web"]["healthcheck"]["test"]))
    assert "http://127.0.0.1:8000/healthz" in test


def test_compose_web_migrates_then_serves_with_gunicorn(services):
    command = " ".join(_words(services["web"]["command"]))
    assert "manage.py migrate --noinput" in command
    assert "gunicorn feedbackhub.wsgi --bind 0.0.0.0:8000" in command
    assert command.index("migrate") < command.index("gunicorn")
    depends_on = _depends_on(services["web"])
    for backing in ("postgres", "redis"):
        assert depends_on[backing]["condition"] == "service_healthy"


def test_compose_workers_consume_every_queue(services):
    consumed = set()
    for name, expected in WORKER_QUEUES.items():
        words = _words(services[name]["command"])
        assert words[:4] == ["celery", "-A", "feedbackhub", "worker"]
        queues = set(words[words.index("--queues") + 1].split(","))
        assert queues == expected, name
        consumed |= queues
    # A queue added in feedbackhub/celery.py needs a consumer here too.
    assert set(QUEUE_NAMES) <= consumed


def test_compose_beat_command(services):
    words = _words(services["beat"]["command"])
    assert words[:4] == ["celery", "-A", "feedbackhub", "beat"]


@pytest.mark.parametrize("name", ["worker", "imports", "tasks", "beat"])
def test_compose_celery_waits_for_a_healthy_web(services, name):
    assert _depends_on(services[name])["web"]["condition"] == "service_healthy"


@pytest.mark.parametrize("secret", REQUIRED_SECRETS)
def test_compose_secrets_are_required_from_the_host(services, secret):
    for name in APP_SERVICES:
        value = str(_environment(services[name])[secret])
        assert re.fullmatch(r"\$\{" + secret + r":\?[^}]+\}", value), f"{name}: {secret}={value!r}"


def _compose_cli():
    """The first compose CLI that answers `version`, as an argv prefix, or None."""
    for prefix in (["docker", "compose"], ["docker-compose"]):
        if shutil.which(prefix[0]) is None:
            continue
        try:
            result = subprocess.run([*prefix, "version"], capture_output=True, timeout=30, check=False)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if result.returncode == 0:
            return prefix
    return None


def test_compose_config_validates_with_the_cli():
    cli = _compose_cli()
    if cli is None:
        pytest.skip("no compose CLI here: neither `docker compose version` nor `docker-compose version` works")
    base_env = {key: value for key, value in os.environ.items() if key not in REQUIRED_SECRETS}
    config = [*cli, "-f", str(COMPOSE_FILE), "config", "-q"]

    with_secrets = base_env | {"SECRET_KEY": "dummy-secret", "FIELD_ENCRYPTION_KEYS": DUMMY_FERNET_KEY}
    result = subprocess.run(config, cwd=ROOT, env=with_secrets, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr

    # The ${VAR:?message} form: compose refuses to run without the secrets.
    result = subprocess.run(config, cwd=ROOT, env=base_env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr or "FIELD_ENCRYPTION_KEYS" in result.stderr


# Dockerfile and .dockerignore


def test_dockerfile_base_image(dockerfile):
    froms = [arguments for keyword, arguments in dockerfile if keyword == "FROM"]
    assert froms and froms[0].startswith("python:3.11")


def test_dockerfile_installs_requirements(dockerfile):
    runs = [arguments for keyword, arguments in dockerfile if keyword == "RUN"]
    assert any("pip install" in run and "requirements.txt" in run for run in runs)


def test_dockerfile_uses_production_settings(dockerfile):
    envs = " ".join(arguments for keyword, arguments in dockerfile if keyword == "ENV")
    assert "DJANGO_SETTINGS_MODULE=feedbackhub.settings.production" in envs


def test_dockerfile_collects_static_with_build_only_values(dockerfile):
    collect = [args for keyword, args in dockerfile if keyword == "RUN" and "collectstatic --noinput" in args]
    assert len(collect) == 1
    run = collect[0]
    for name in ("SECRET_KEY", "DATABASE_URL", "REDIS_URL", "FIELD_ENCRYPTION_KEYS"):
        assert f"{name}=" in run, f"collectstatic needs a build-time {name}"
    # Settings would refuse a malformed key only at first use: check it here.
    key = re.search(r"FIELD_ENCRYPTION_KEYS=(\S+)", run).group(1)
    Fernet(key.encode())
    # The dummies must not outlive the build step.
    envs = " ".join(arguments for keyword, arguments in dockerfile if keyword in ("ENV", "ARG"))
    assert "SECRET_KEY" not in envs and "FIELD_ENCRYPTION_KEYS" not in envs


def test_dockerfile_does_not_run_as_root(dockerfile):
    users = [arguments.split(":")[0] for keyword, arguments in dockerfile if keyword == "USER"]
    assert users, "no USER instruction: the container would run as root"
    assert users[-1] not in ("root", "0")


def test_dockerfile_default_command_is_gunicorn(dockerfile):
    cmd = [arguments for keyword, arguments in dockerfile if keyword == "CMD"][-1]
    words = json.loads(cmd) if cmd.startswith("[") else shlex.split(cmd)
    assert words == ["gunicorn", "feedbackhub.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]


def test_dockerignore_keeps_local_state_out_of_the_image():
    ignored = {line.strip().rstrip("/") for line in DOCKERIGNORE.read_text().splitlines()}
    ignored.discard("")
    # var/ holds local.env with the embedded run's secrets.
    for entry in (".venv", "var", ".git", "staticfiles", "bench/out", "test-results"):
        assert entry in ignored, f".dockerignore lacks {entry}"
    assert "__pycache__" in ignored or "**/__pycache__" in ignored


def test_compose_web_and_imports_share_the_media_volume_for_uploads(compose, services, dockerfile):
    """web saves an uploaded import file under MEDIA_ROOT, the imports worker
    opens it: the same named volume at MEDIA_ROOT in both, owned by the app user."""
    media_root = compose["x-app"]["environment"]["MEDIA_ROOT"]
    for name in ("web", "imports"):
        assert f"media:{media_root}" in services[name].get("volumes", []), name
    assert "media" in compose["volumes"]
    assert any(keyword == "RUN" and f"chown app:app {media_root}" in arguments for keyword, arguments in dockerfile)

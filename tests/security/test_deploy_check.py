"""`manage.py check --deploy` with the production settings reports nothing,
both with their defaults and with docker-compose's environment; HTTPS holds
(HSTS a year with subdomains, a redirect by Django or by the proxy in front)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent.parent
BUILD_ONLY_ENV = {
    "DJANGO_SETTINGS_MODULE": "feedbackhub.settings.production",
    # 50 random characters: check --deploy also judges the key's strength.
    "SECRET_KEY": "k3Xq9vLm2Rt8Wz5Yp7Nb4Hc6Jd1Fg0Ss-Aa_Ee3Ii5Oo7Uu9Qq2",
    "DATABASE_URL": "postgres://x@localhost/x",
    "REDIS_URL": "redis://localhost",
    "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
}
SETTINGS_SHOWN = (
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SILENCED_SYSTEM_CHECKS",
)


def _environment(**overrides):
    """The test run's environment without anything that would pick other settings."""
    kept = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "PYTHONPATH")}
    # FEEDBACKHUB_VAR at an empty place: no var/local.env slips values in.
    return {**kept, "FEEDBACKHUB_VAR": "/nonexistent-feedbackhub-var", **BUILD_ONLY_ENV, **overrides}


def _deploy_check(**environment):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_environment(**environment),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _settings(**environment):
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {SETTINGS_SHOWN!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=_environment(**environment), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _compose_environment():
    """What docker-compose gives the app containers, apart from secrets and URLs."""
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    environment = compose["services"]["web"]["environment"]
    return {
        name: str(value)
        for name, value in environment.items()
        if name not in BUILD_ONLY_ENV and name not in ("SECRET_KEY", "FIELD_ENCRYPTION_KEYS")
    }


def test_deploy_check_is_clean_with_production_defaults():
    result = _deploy_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_deploy_check_is_clean_with_docker_compose_environment():
    compose_environment = _compose_environment()
    # Compose says outright that a TLS-terminating proxy redirects to https.
    assert compose_environment.get("HTTPS_REDIRECT_BY_PROXY") == "true"
    result = _deploy_check(**compose_environment)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_switching_off_the_redirect_without_a_proxy_that_redirects_is_reported():
    result = _deploy_check(SECURE_SSL_REDIRECT="false")
    assert result.returncode != 0
    assert "security.W008" in result.stderr + result.stdout


def test_https_defaults_a_year_of_hsts_with_subdomains_and_preload():
    shown = _settings()
    assert shown["SECURE_SSL_REDIRECT"] is True
    assert shown["SECURE_HSTS_SECONDS"] == 365 * 24 * 3600
    assert shown["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert shown["SECURE_HSTS_PRELOAD"] is True
    assert shown["SILENCED_SYSTEM_CHECKS"] == []


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"SECURE_HSTS_SECONDS": "600"}, {"SECURE_HSTS_SECONDS": 600}),
        ({"SECURE_HSTS_PRELOAD": "false"}, {"SECURE_HSTS_PRELOAD": False}),
        (
            {"HTTPS_REDIRECT_BY_PROXY": "true"},
            {"SECURE_SSL_REDIRECT": False, "SILENCED_SYSTEM_CHECKS": ["security.W008"]},
        ),
        (
            {"HTTPS_REDIRECT_BY_PROXY": "true", "SECURE_SSL_REDIRECT": "true"},
            {"SECURE_SSL_REDIRECT": True, "SILENCED_SYSTEM_CHECKS": []},
        ),
    ],
    ids=["hsts-seconds", "no-preload", "proxy-redirects", "proxy-and-django-redirect"],
)
def test_https_settings_follow_the_environment(environment, expected):
    shown = _settings(**environment)
    assert {name: shown[name] for name in expected} == expected

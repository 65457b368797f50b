"""Each environment's settings behave as documented."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 60 + "production-secret-for-the-deploy-check",
    "ALLOWED_HOSTS": "exchange.example.org",
}


def run(code_or_args, env, module="cop.settings.production"):
    base_env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": module,
        "DATABASE_URL": "postgres://user:pass@db.invalid:5432/cop",
    }
    base_env.update(env)
    args = (
        [sys.executable, "-c", code_or_args]
        if isinstance(code_or_args, str)
        else [sys.executable, *code_or_args]
    )
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, env=base_env, timeout=120)


SHOW = "import django; django.setup(); from django.conf import settings as s; print({})"


def test_production_refuses_to_start_without_secret_key():
    result = run(SHOW.format("s.DEBUG"), {"ALLOWED_HOSTS": "exchange.example.org"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run(SHOW.format("s.DEBUG"), {"SECRET_KEY": PRODUCTION_ENV["SECRET_KEY"]})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_passes_the_deploy_check_with_no_warnings():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_uses_database_url_and_smtp():
    result = run(
        SHOW.format(
            "s.DATABASES['default']['ENGINE'], s.DEBUG, s.EMAIL_BACKEND, s.SECURE_HSTS_SECONDS"
        ),
        PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert "django.db.backends.postgresql False django.core.mail.backends.smtp.EmailBackend" in (
        result.stdout
    )


def test_development_without_database_url_uses_the_embedded_server_and_console_mail():
    result = run(
        SHOW.format("s.DATABASES['default']['ENGINE'], s.DEBUG, s.EMAIL_BACKEND"),
        {"DATABASE_URL": ""},
        module="cop.settings.dev",
    )
    assert result.returncode == 0, result.stderr
    assert "cop.db.embedded True django.core.mail.backends.console.EmailBackend" in result.stdout


def test_base_settings_have_debug_off_and_no_secret():
    from cop.settings import base

    assert base.DEBUG is False
    assert not hasattr(base, "SECRET_KEY")


def test_production_sends_through_govuk_notify_when_its_key_is_set():
    env = {**PRODUCTION_ENV, "GOVUK_NOTIFY_API_KEY": "key-" + "0" * 70}
    result = run(SHOW.format("s.EMAIL_BACKEND"), env)
    assert result.returncode != 0
    assert "GOVUK_NOTIFY_TEMPLATE_ID must be set" in result.stderr
    result = run(SHOW.format("s.EMAIL_BACKEND"), {**env, "GOVUK_NOTIFY_TEMPLATE_ID": "t-1"})
    assert result.returncode == 0, result.stderr
    assert "cop.mail.NotifyEmailBackend" in result.stdout

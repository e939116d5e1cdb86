"""Production e-mail: SMTP from the environment, and a workflow notification that reaches a
real (local) SMTP server. Production used to send every mail to the console."""

import json

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

from django.test import override_settings

from editorial.setup import BOARD
from editorial.tests.conftest import make_user
from editorial.tests.test_workflow import submit_as
from kenniscentrum.settings import env
from tests.test_settings import PRODUCTION_ENV, run_production


class Inbox(Message):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


@pytest.fixture
def smtp_server():
    import socket

    with socket.socket() as probe:  # a free port for the server
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield controller, inbox
    finally:
        controller.stop()


def test_production_reads_smtp_from_the_environment():
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, "
        "s.EMAIL_USE_TLS, s.DEFAULT_FROM_EMAIL]))"
    )
    result = run_production(
        code,
        **PRODUCTION_ENV,
        EMAIL_HOST="smtp.example.be",
        EMAIL_HOST_USER="kenniscentrum",
        EMAIL_HOST_PASSWORD="geheim",
        DEFAULT_FROM_EMAIL="Kenniscentrum <redactie@example.be>",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.be",
        587,
        "kenniscentrum",
        True,
        "Kenniscentrum <redactie@example.be>",
    ]


def test_production_without_email_host_says_so():
    result = run_production("import django; django.setup()", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "EMAIL_HOST is not set" in result.stderr


def test_a_workflow_notification_reaches_the_board_over_smtp(
    client, redacteur, tree, smtp_server, monkeypatch
):
    controller, inbox = smtp_server
    make_user("raadslid", BOARD)  # raadslid@example.org
    for name, value in {
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(controller.port),
        "EMAIL_USE_TLS": "0",
        "DEFAULT_FROM_EMAIL": "redactie@example.be",
    }.items():
        monkeypatch.setenv(name, value)
    with override_settings(**env.email()):
        submit_as(client, redacteur, tree.research)
    recipients = [m["To"] for m in inbox.messages]
    assert "raadslid@example.org" in recipients
    message = next(m for m in inbox.messages if m["To"] == "raadslid@example.org")
    assert message["From"] == "redactie@example.be"
    assert "Cyberpesten bij Vlaamse jongeren" in message["Subject"]

"""Email delivery against a real SMTP server (aiosmtpd) started in the test on localhost."""

from __future__ import annotations

import email
import json
import socket
import ssl
import subprocess
from dataclasses import replace
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.config import EmailConfig, load_config
from summarizer.deliver import AlreadySent, DeliveryError, deliver
from summarizer.pipeline import brief
from tests.conftest import FakeBackend, write_article

REPLY = "HEADLINE: Café owners <b>protest</b> in Zürich\nSUMMARY: Café owners in Zürich protested on Monday."


class Mailbox:
    """aiosmtpd handler: keeps messages; can refuse recipients or fail DATA a few times."""

    def __init__(self, refuse_code: int = 0, temporary_failures: int = 0) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse_code = refuse_code
        self.temporary_failures = temporary_failures

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if self.refuse_code:
            return f"{self.refuse_code} 5.1.1 <{address}>: mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.temporary_failures:
            self.temporary_failures -= 1
            return "451 4.3.0 try again later"
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))  # type: ignore[arg-type]
        return "250 Message accepted"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    day = tmp_path / "day"
    day.mkdir()
    write_article(
        day,
        "a.txt",
        "Café owners in Zürich protested on Monday against new rules. "
        "“We will not accept <script>this</script> plan,” said Jürg Müller, who leads the owners’ group.",
        title="Zürich café owners <b>protest</b>",
    )
    result = brief([day], load_config(), backend=FakeBackend([REPLY]))
    assert result.run_dir is not None
    return result.run_dir


def _settings(port: int, **changes: Any) -> EmailConfig:
    values = {
        "host": "127.0.0.1",
        "port": port,
        "sender": "briefing@example.org",
        "backoff_seconds": 0.0,
        "timeout_seconds": 5.0,
        **changes,
    }
    return replace(load_config().email, **values)


def _deliveries(run: Path) -> list[dict[str, Any]]:
    return json.loads((run / "manifest.json").read_text())["deliveries"]


def test_message_arrives_with_both_parts_and_the_attachment(run_dir: Path) -> None:
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        delivery = deliver(run_dir, ["reader@example.org"], _settings(controller.port))
    finally:
        controller.stop()
    assert delivery.status == "sent"
    (message,) = box.messages
    assert message["To"] == "reader@example.org" and message["From"] == "briefing@example.org"
    assert message["Message-ID"] and message["Date"]
    assert "Zürich" in message["Subject"]
    plain = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    html = message.get_body(("html",)).get_content()
    assert plain == (run_dir / "briefing.md").read_text()
    assert "Zürich" in html and "<style" not in html and 'style="' in html
    assert "<script>" not in html and "<b>protest" not in html and "&lt;b&gt;protest" in html
    (attachment,) = list(message.iter_attachments())
    content = attachment.get_content()
    text = content.decode() if isinstance(content, bytes) else content
    assert attachment.get_filename().startswith("briefing-") and text.replace("\r\n", "\n") == plain
    assert _deliveries(run_dir)[-1]["status"] == "sent"


def test_sending_twice_needs_again(run_dir: Path) -> None:
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        deliver(run_dir, ["a@example.org"], _settings(controller.port))
        with pytest.raises(AlreadySent, match="--again"):
            deliver(run_dir, ["a@example.org"], _settings(controller.port))
        deliver(run_dir, ["a@example.org"], _settings(controller.port), again=True)
    finally:
        controller.stop()
    assert len(box.messages) == 2


def test_permanent_refusal_is_not_retried_and_is_recorded(run_dir: Path) -> None:
    controller = Controller(Mailbox(refuse_code=550), hostname="127.0.0.1", port=_free_port())
    controller.start()
    sleeps: list[float] = []
    try:
        with pytest.raises(DeliveryError, match="550"):
            deliver(run_dir, ["nobody@example.org"], _settings(controller.port), sleep=sleeps.append)
    finally:
        controller.stop()
    assert sleeps == []
    failed = _deliveries(run_dir)[-1]
    assert failed["status"] == "failed" and "550" in failed["error"]
    assert (run_dir / "briefing.md").is_file()


def test_server_down_is_retried_then_reported(run_dir: Path) -> None:
    sleeps: list[float] = []
    settings = _settings(_free_port(), retries=2, backoff_seconds=0.5)
    with pytest.raises(DeliveryError, match=r"cannot reach 127\.0\.0\.1"):
        deliver(run_dir, ["a@example.org"], settings, sleep=sleeps.append)
    assert sleeps == [0.5, 1.0]
    assert _deliveries(run_dir)[-1]["status"] == "failed"


def test_temporary_failure_is_retried_and_then_succeeds(run_dir: Path) -> None:
    box = Mailbox(temporary_failures=1)
    controller = Controller(box, hostname="127.0.0.1", port=_free_port())
    controller.start()
    sleeps: list[float] = []
    try:
        delivery = deliver(run_dir, ["a@example.org"], _settings(controller.port), sleep=sleeps.append)
    finally:
        controller.stop()
    assert delivery.status == "sent" and len(box.messages) == 1 and len(sleeps) == 1


def test_starttls_and_auth(run_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(cert), str(key))
    seen: list[tuple[bytes, bytes]] = []

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        assert isinstance(auth_data, LoginPassword)
        login, password = (
            x.decode() if isinstance(x, bytes) else x for x in (auth_data.login, auth_data.password)
        )
        seen.append((login, password))
        return AuthResult(success=password == "s3cret")

    box = Mailbox()
    controller = Controller(
        box,
        hostname="127.0.0.1",
        port=_free_port(),
        tls_context=context,
        require_starttls=True,
        authenticator=authenticator,
        auth_require_tls=True,
    )
    controller.start()
    settings = _settings(controller.port, security="starttls", username="editor", ca_file=str(cert))
    try:
        monkeypatch.delenv("SUMMARIZER_SMTP_PASSWORD", raising=False)
        with pytest.raises(DeliveryError, match="no password for editor"):
            deliver(run_dir, ["a@example.org"], settings)
        monkeypatch.setenv("SUMMARIZER_SMTP_PASSWORD", "s3cret")
        deliver(run_dir, ["a@example.org"], settings)
    finally:
        controller.stop()
    assert seen[-1] == ("editor", "s3cret") and len(box.messages) == 1
    assert "s3cret" not in (run_dir / "manifest.json").read_text()


def test_dry_run_writes_a_parseable_eml_and_cli_errors_are_one_line(run_dir: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["send", str(run_dir), "--to", "a@example.org", "--dry-run"])
    assert result.exit_code == 0, result.output
    message = email.message_from_bytes((run_dir / "message.eml").read_bytes(), policy=policy.default)
    assert message.get_body(("plain",)) is not None and message.get_body(("html",)) is not None
    assert _deliveries(run_dir)[-1]["status"] == "dry-run"
    port = _free_port()
    result = runner.invoke(
        app,
        ["send", str(run_dir), "--to", "a@example.org"],
        env={
            "SUMMARIZER_EMAIL_HOST": "127.0.0.1",
            "SUMMARIZER_EMAIL_PORT": str(port),
            "SUMMARIZER_EMAIL_RETRIES": "0",
        },
    )
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"error: {run_dir}: cannot reach 127.0.0.1:{port}")


def test_the_subject_and_attachment_are_dated_by_the_news(tmp_path: Path) -> None:
    from summarizer.deliver import build_message

    day = tmp_path / "dated"
    day.mkdir()
    text = "Café owners in Zürich protested on Monday against new rules, the city said."
    (day / "a.txt").write_text(f"title: Café owners protest\ndate: 2023-06-18\n\n{text}", encoding="utf-8")
    (day / "b.txt").write_text(
        f"title: Owners protest\ndate: Mon, 19 Jun 2023 08:00:00 GMT\n\n{text} More.", encoding="utf-8"
    )
    result = brief([day], load_config(), backend=FakeBackend([REPLY] * 2))
    assert result.run_dir is not None
    message = build_message(result.run_dir, ["a@example.org"], _settings(25))
    assert str(message["Subject"]).startswith("Briefing 2023-06-18/19: ")
    (attachment,) = [p for p in message.iter_attachments()]
    assert attachment.get_filename() == "briefing-2023-06-18_19.md"

"""Email a finished briefing: Markdown and HTML in one message, over SMTP, nothing lost.

The briefing is already written when sending starts; a failed send leaves it in place and is
recorded, like a successful one, in the run's manifest (`deliveries`). The password comes from
the environment (SUMMARIZER_SMTP_PASSWORD) or the system keyring, and is never written to the
manifest, a log or an error message.
"""

from __future__ import annotations

import json
import os
import re
import smtplib
import ssl
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses, make_msgid
from pathlib import Path
from typing import Any

from summarizer.config import EmailConfig
from summarizer.errors import SummarizerError
from summarizer.models import Briefing
from summarizer.runs import RunNotFound, dump_json, read_briefing, write_atomic

PASSWORD_ENV = "SUMMARIZER_SMTP_PASSWORD"


class DeliveryError(SummarizerError):
    """The message could not be sent (after the retries a temporary failure gets)."""


class AlreadySent(SummarizerError):
    """The run was sent before; sending again needs --again."""


@dataclass(frozen=True, slots=True)
class Delivery:
    to: list[str]
    time: str
    status: str  # "sent" | "failed" | "dry-run"
    message_id: str
    error: str = ""


def build_message(
    run_dir: Path,
    to: Sequence[str],
    settings: EmailConfig,
    sender: str | None = None,
    subject: str | None = None,
) -> EmailMessage:
    """The message for `run_dir`: text/plain (the Markdown) and text/html (the HTML with its CSS
    inlined) as alternatives, and the Markdown attached."""
    try:
        briefing = read_briefing(run_dir / "briefing.json")
    except RunNotFound as exc:
        raise DeliveryError(str(exc)) from None
    markdown = _view(run_dir, briefing, "md")
    html = _inline_css(_view(run_dir, briefing, "html"))
    date = briefing.day
    stories = briefing.stories
    default_subject = f"Briefing {date}" + (f": {stories[0].title}" if stories else "")

    message = EmailMessage()
    message["Subject"] = subject or default_subject
    message["From"] = sender or settings.sender
    message["To"] = ", ".join(to)
    message["Date"] = format_datetime(datetime.now(timezone.utc))
    domain = (sender or settings.sender).rpartition("@")[2] or "summarizer.local"
    message["Message-ID"] = make_msgid(idstring=briefing.run_id, domain=domain)
    if settings.list_unsubscribe:
        message["List-Unsubscribe"] = settings.list_unsubscribe
    message.set_content(markdown, subtype="plain", charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    attachment = settings.attachment_name.format(date=date.replace("/", "_") or "undated")
    message.add_attachment(markdown, subtype="markdown", charset="utf-8", filename=attachment)
    return message


def _view(run_dir: Path, briefing: Briefing, fmt: str) -> str:
    """The run's rendered view, or a fresh render from its JSON when the run skipped it."""
    path = run_dir / f"briefing.{fmt}"
    if path.is_file():
        return path.read_text(encoding="utf-8")
    from summarizer.render import render

    return render(briefing.to_dict(), fmt)


def _inline_css(html: str) -> str:
    """CSS moved into style attributes (mail clients drop <style>), by css-inline."""
    import css_inline

    return str(css_inline.inline(html))


def smtp_password(username: str) -> str | None:
    """From the environment, else the system keyring (service "summarizer"), else none."""
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    if not username:
        return None
    try:
        import keyring
    except ImportError:
        return None
    try:
        value = keyring.get_password("summarizer", username)
    except Exception:  # a keyring without a backend is the same as no keyring
        return None
    return str(value) if value else None


def send_message(
    message: EmailMessage,
    settings: EmailConfig,
    password: str | None,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Send over SMTP; retry temporary failures (4xx, refused or dropped connection) with
    backoff; a permanent failure (5xx, bad address) raises at once."""
    attempts = settings.retries + 1
    for attempt in range(1, attempts + 1):
        try:
            _send_once(message, settings, password)
            return
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            reason = "; ".join(f"{addr}: {code} {_text(msg)}" for addr, (code, msg) in exc.recipients.items())
            if all(400 <= code < 500 for code in codes) and attempt < attempts:
                sleep(settings.backoff_seconds * 2 ** (attempt - 1))
                continue
            raise DeliveryError(f"recipient refused: {reason}") from None
        except smtplib.SMTPAuthenticationError as exc:
            raise DeliveryError(f"authentication failed: {exc.smtp_code} {_text(exc.smtp_error)}") from None
        except smtplib.SMTPResponseException as exc:
            if 400 <= exc.smtp_code < 500 and attempt < attempts:
                sleep(settings.backoff_seconds * 2 ** (attempt - 1))
                continue
            kind = "temporary failure, gave up" if exc.smtp_code < 500 else "refused"
            raise DeliveryError(f"server {kind}: {exc.smtp_code} {_text(exc.smtp_error)}") from None
        except (OSError, smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError) as exc:
            if attempt < attempts:
                sleep(settings.backoff_seconds * 2 ** (attempt - 1))
                continue
            where = f"{settings.host}:{settings.port}"
            raise DeliveryError(f"cannot reach {where} after {attempts} attempt(s): {exc}") from None


def _send_once(message: EmailMessage, settings: EmailConfig, password: str | None) -> None:
    context = ssl.create_default_context(cafile=settings.ca_file or None)
    smtp: smtplib.SMTP
    if settings.security == "ssl":
        smtp = smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=settings.timeout_seconds, context=context
        )
    else:
        smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout_seconds)
    with smtp:
        smtp.ehlo()
        if settings.security == "starttls":
            smtp.starttls(context=context)
            smtp.ehlo()
        if settings.username:
            if password is None:
                raise DeliveryError(
                    f"no password for {settings.username}: set {PASSWORD_ENV} or use the keyring"
                )
            smtp.login(settings.username, password)
        smtp.send_message(message)


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


_ADDRESS = re.compile(r"[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+")


def check_address(address: str) -> None:
    """DeliveryError unless `address` is one email address ("ann@example.org",
    "Ann <ann@example.org>")."""
    found = getaddresses([address])
    bare = found[0][1] if len(found) == 1 else ""
    if not bare or not _ADDRESS.fullmatch(bare) or bare.endswith((".", "@")):
        raise DeliveryError(f"not one email address: {address!r}")


def deliver(
    run_dir: Path,
    to: Sequence[str],
    settings: EmailConfig,
    *,
    sender: str | None = None,
    subject: str | None = None,
    dry_run: bool = False,
    again: bool = False,
    sleep: Callable[[float], None] = time.sleep,
) -> Delivery:
    """Build and send (or, with `dry_run`, write as message.eml) the run's briefing, and record
    the attempt in the run's manifest. Raises DeliveryError after recording a failure."""
    if not to:
        raise DeliveryError("no recipient: give --to ADDRESS")
    for address in [*to, sender or settings.sender]:
        check_address(address)
    if not dry_run and not settings.host:
        raise DeliveryError(
            "no mail server set: set host (and sender, port, security, username) in the [email]"
            " section of the config, or SUMMARIZER_EMAIL_HOST; the password in SUMMARIZER_SMTP_PASSWORD"
            " or the keyring (or use --dry-run)"
        )
    if not (run_dir / "briefing.json").is_file():
        raise DeliveryError(f"{run_dir}: no briefing.json (not a run folder)")
    manifest_path = run_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.is_file() else {}
    if not dry_run and not again and any(d.get("status") == "sent" for d in manifest.get("deliveries", [])):
        raise AlreadySent(f"{run_dir.name} was sent already; use --again to send it again")
    message = build_message(run_dir, to, settings, sender, subject)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    if dry_run:
        write_atomic(run_dir / "message.eml", message.as_bytes())
        delivery = Delivery(list(to), now, "dry-run", str(message["Message-ID"]))
    else:
        try:
            send_message(message, settings, smtp_password(settings.username), sleep)
            delivery = Delivery(list(to), now, "sent", str(message["Message-ID"]))
        except (TimeoutError, DeliveryError) as exc:
            _record(
                manifest_path,
                manifest,
                Delivery(list(to), now, "failed", str(message["Message-ID"]), str(exc)),
            )
            raise DeliveryError(str(exc)) from None
    _record(manifest_path, manifest, delivery)
    return delivery


def _record(path: Path, manifest: dict[str, Any], delivery: Delivery) -> None:
    manifest.setdefault("deliveries", []).append(
        {
            "to": delivery.to,
            "time": delivery.time,
            "status": delivery.status,
            "message_id": delivery.message_id,
            "error": delivery.error or None,
        }
    )
    write_atomic(path, dump_json(manifest))

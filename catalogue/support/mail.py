"""E-mail through an SMTP server (the standard library's ``smtplib``): the server's settings from the environment,
and one message sent at a time, plain text in UTF-8."""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from catalogue.errors import MailError

SECURITY = ("none", "starttls", "tls")
"""How the connection is protected: not at all (a relay on this machine), STARTTLS, or TLS from the start."""
VARIABLES = {"host": "CATALOGUE_SMTP_HOST", "port": "CATALOGUE_SMTP_PORT", "security": "CATALOGUE_SMTP_SECURITY",
             "user": "CATALOGUE_SMTP_USER", "password": "CATALOGUE_SMTP_PASSWORD", "sender": "CATALOGUE_MAIL_FROM"}
"""The environment variables of the settings (a password is never an option of a command: others see those)."""


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int
    sender: str
    """The address messages come from (``From``)."""
    security: str = "none"
    user: str | None = None
    password: str | None = None
    timeout: float = 15.0

    @classmethod
    def from_environment(cls, environment: Mapping[str, str] = os.environ) -> MailSettings | None:
        """The settings the environment gives (``None``: no SMTP host, so no mail is sent)."""
        host = environment.get(VARIABLES["host"], "").strip()
        if not host:
            return None
        security = environment.get(VARIABLES["security"], "none").strip().lower() or "none"
        if security not in SECURITY:
            raise MailError(f"{VARIABLES['security']} is '{security}': one of {', '.join(SECURITY)}")
        default_port = {"none": 25, "starttls": 587, "tls": 465}[security]
        port_text = environment.get(VARIABLES["port"], "").strip() or str(default_port)
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise MailError(f"{VARIABLES['port']} is '{port_text}': a port number")
        sender = environment.get(VARIABLES["sender"], "").strip()
        if "@" not in sender:
            raise MailError(f"{VARIABLES['sender']} is not an address messages may come from")
        return cls(host, int(port_text), sender, security, environment.get(VARIABLES["user"]) or None,
                   environment.get(VARIABLES["password"]) or None)


def send_mail(settings: MailSettings, to: str, subject: str, body: str, sender_name: str | None = None) -> None:
    """Send one plain-text message; ``MailError`` when the server cannot be reached or refuses it."""
    message = EmailMessage()
    message["From"] = formataddr((sender_name, settings.sender)) if sender_name else settings.sender
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or None)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office reply to it
    message.set_content(body, charset="utf-8")
    try:
        if settings.security == "tls":
            connection: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                                        context=ssl.create_default_context())
        else:
            connection = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        with connection:
            if settings.security == "starttls":
                connection.starttls(context=ssl.create_default_context())
            if settings.user and settings.password:
                connection.login(settings.user, settings.password)
            connection.send_message(message)
    except (OSError, smtplib.SMTPException) as error:  # refused, unreachable, timed out, TLS failed
        raise MailError(f"the mail server {settings.host}:{settings.port} did not take the message: "
                        f"{type(error).__name__}") from None

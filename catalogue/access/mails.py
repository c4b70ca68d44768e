"""The e-mails a researcher's account sends, in the researcher's language: the link that confirms an address, the
notice to an address registered already, the link to choose a new password."""

from __future__ import annotations

from dataclasses import dataclass

from catalogue.i18n import translations

CONFIRM = ("Confirm your e-mail address for %(catalogue)s",
           "Hello,\n\nTo confirm this address and open your account at %(catalogue)s, follow this link "
           "within 48 hours:\n\n%(link)s\n\nIf you did not ask for an account, ignore this message: without "
           "confirmation, none is opened.")
NOTICE = ("Your account at %(catalogue)s",
          "Hello,\n\nSomeone asked to register this address at %(catalogue)s, where it has an account already.\n\n"
          "To sign in: %(sign_in)s\nTo choose a new password: %(link)s\n\nIf it was not you, ignore this message: "
          "nothing has changed.")
RESET = ("Choose a new password for %(catalogue)s",
         "Hello,\n\nTo choose a new password for your account at %(catalogue)s, follow this link within "
         "one hour:\n\n%(link)s\n\nIf you did not ask for it, ignore this message: your password has not changed.")
KINDS = {"confirm": CONFIRM, "notice": NOTICE, "reset": RESET}


@dataclass(frozen=True)
class Mail:
    subject: str
    body: str


def account_mail(kind: str, language: str, catalogue: str, link: str, sign_in: str) -> Mail:
    """One of the account's e-mails (``kind``: confirm, notice or reset) in ``language``. It holds nothing a
    registering stranger wrote (no name): a message from the office's own address is no one's to write."""
    subject, body = KINDS[kind]
    gettext = translations(language).gettext
    values = {"catalogue": catalogue, "link": link, "sign_in": sign_in}
    return Mail(" ".join(str(gettext(subject) % values).split()), str(gettext(body) % values))

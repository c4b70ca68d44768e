"""Messages said to people in their language: English text that keeps its gettext id and parameters.

A check, a refusal or an error is made once, in English, where it is found (``Message("unknown %(what)s")``);
it is an ``str`` there, for the command line, the logs and the API. The editor says it in the reader's language
with ``said(message, translations)``: the id through gettext, then the parameters, those that are messages too
(a noun such as ``Message("licence")``) said the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol


class Gettext(Protocol):
    def gettext(self, message: str) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int) -> str: ...


class Message(str):
    """An English message (``%(name)s`` parameters, as gettext's python-format) that can be said in another
    language."""

    msgid: str
    plural: str | None
    params: Mapping[str, Any]

    def __new__(cls, msgid: str, /, **params: Any) -> Message:
        return cls._made(msgid, None, params)

    @classmethod
    def counted(cls, singular: str, plural: str, /, count: int, **params: Any) -> Message:
        """A message with plural forms, chosen by ``count`` (a parameter like the others)."""
        return cls._made(singular, plural, {"count": count, **params})

    @classmethod
    def _made(cls, msgid: str, plural: str | None, params: Mapping[str, Any]) -> Message:
        english = plural if plural is not None and params["count"] != 1 else msgid
        made = super().__new__(cls, english % dict(params) if params else english)
        made.msgid, made.plural, made.params = msgid, plural, params
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return Message._made, (self.msgid, self.plural, dict(self.params))

    def said(self, translations: Gettext) -> str:
        """The message in the language of ``translations`` (English where it has no translation)."""
        if self.plural is not None:
            template = translations.ngettext(self.msgid, self.plural, int(self.params["count"]))
        else:
            template = translations.gettext(self.msgid)
        if not self.params:
            return str(template)
        values = {name: said(value, translations) if isinstance(value, Message) else value
                  for name, value in self.params.items()}
        try:
            return str(template) % values
        except (KeyError, TypeError, ValueError):  # a translation (an office's own) that does not fit: English
            return str(self)


def said(text: object, translations: Gettext) -> str:
    """A message, or an exception made with one, in the language of ``translations``; any other text as it is."""
    if isinstance(text, BaseException):
        text = text.args[0] if len(text.args) == 1 and isinstance(text.args[0], Message) else str(text)
    return text.said(translations) if isinstance(text, Message) else str(text)

"""What every route of the editor shares: templates in the catalogue's language, the signed-in officer from the
session cookie, and the CSRF check of forms (a hidden field, or the ``X-CSRF-Token`` header; the sign-in form's
token is signed with the store's secret)."""

from __future__ import annotations

import hashlib
import re
import hmac
import secrets
import threading
from collections.abc import Callable
from functools import partial
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from babel.core import negotiate_locale
from jinja2 import Environment, PackageLoader, select_autoescape

from catalogue.choices import choice_names
from catalogue.formats.text import pick
from catalogue.vocab import vocabulary
from catalogue.i18n import INTERFACE_LANGUAGES, TextOnly, autonym, direction, translations
from catalogue.messages import said
from catalogue.editing.formdata import MAX_PATH
from catalogue.store import Store
from catalogue.store.accounts import Accounts, Session
from catalogue.errors import BadForm

MAX_FIELDS = 100_000
"""Fields of a form at most (a dataset of 2,000 variables in six languages takes about 60,000)."""
MAX_NAME = 200
"""Characters of a field's name at most."""
_SURROGATE = re.compile("[\ud800-\udfff]")
SESSION_COOKIE = "catalogue_session"
CSRF_FIELD, CSRF_HEADER = "csrf_token", "X-CSRF-Token"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
NO_STORE = {"Cache-Control": "no-store"}


def _environment(language: str, folder: str) -> Environment:
    """The templates of a folder of the package in one interface language (an environment per language: requests
    in different languages are answered at once, and translations installed in a shared one would reach the wrong
    page)."""
    env = Environment(loader=PackageLoader("catalogue", folder), autoescape=select_autoescape(["html"]),
                      extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(TextOnly(translations(language)), newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(direction=direction, autonym=autonym, choice_names=choice_names(vocabulary()))
    env.filters["said"] = partial(said, translations=translations(language))
    return env


async def form_fields_of(request: Request) -> dict[str, str]:
    """A form's text fields, urlencoded or multipart (a form that sends a file); a field sent more than once (a
    multiple select) has its values one per line, as a list field reads them."""
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        form = await request.form(max_fields=MAX_FIELDS)
        return _named({name: "\n".join(v for v in form.getlist(name) if isinstance(v, str)) for name in form.keys()})
    if not content_type.startswith("application/x-www-form-urlencoded"):
        return {}
    body = (await request.body()).decode("utf-8", "replace")
    return await run_in_threadpool(_fields, body)


def _fields(body: str) -> dict[str, str]:
    """The fields of an urlencoded form (off the event loop: a large form takes a while), at most ``MAX_FIELDS``,
    each name of a few parts (``variables.2.label.fr``): the rest is refused, not read."""
    try:
        fields = parse_qs(body, keep_blank_values=True, max_num_fields=MAX_FIELDS)
    except ValueError:
        raise BadForm(f"the form has more than {MAX_FIELDS:,} fields") from None
    return _named({name: "\n".join(values) for name, values in fields.items()})


def _named(fields: dict[str, str]) -> dict[str, str]:
    if any(name.count(".") >= MAX_PATH or len(name) > MAX_NAME for name in fields):
        raise BadForm("a field's name is not that of a field of the form")
    if any(_SURROGATE.search(text) for item in fields.items() for text in item):  # a charset such as
        # unicode_escape decodes to lone surrogates: no text a store, a hash or a page can take
        raise BadForm("a field holds text that is not Unicode")
    return fields


async def uploaded_file(request: Request, name: str) -> tuple[str, bytes] | None:
    """The file sent in a multipart form's field ``name``: (its name, its bytes), or ``None``."""
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        return None
    value = (await request.form()).get(name)
    if value is None or isinstance(value, str) or not value.filename:
        return None
    return value.filename, await value.read()


def same_token(expected: str, given: str) -> bool:
    """Whether a token sent equals the one expected, in constant time (any text may be sent: compared as bytes)."""
    return secrets.compare_digest(expected.encode("utf-8", "surrogatepass"), given.encode("utf-8", "surrogatepass"))


def cross_site(request: Request) -> bool:
    """Whether the browser says the form was sent from another site: by ``Sec-Fetch-Site`` (the browser's own
    judgement, right behind a proxy that rewrites ``Host``), else, from a browser that does not send it, by an
    ``Origin`` whose host is not the one the request is addressed to. Such a form is refused whatever its token."""
    fetched_from = request.headers.get("sec-fetch-site")
    if fetched_from is not None:
        return fetched_from not in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is None:
        return False
    return origin == "null" or urlsplit(origin).netloc != request.headers.get("host", "")


def secure(request: Request) -> bool:
    """Cookies are ``Secure`` everywhere but on the machine itself (where the editor may run over plain HTTP)."""
    return request.url.hostname not in LOCAL_HOSTS


def _csrf_given(request: Request, form: dict[str, str]) -> str:
    return form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER, "")


class EditorPages:
    """What every editor route needs: the store's accounts, the templates in the catalogue's language, the
    signed-in officer and the CSRF check of their forms."""

    templates = "editor_templates"
    """The package's folder of the pages' templates."""

    def __init__(self, store: Store, clock: Callable[[], datetime], info: Callable[[], Any],
                 files: Callable[[], Path]) -> None:
        self.store, self.clock, self.info, self.files = store, clock, info, files
        """``files``: the folder where the store's files are written out (what pages link and measure)."""
        self.accounts = Accounts(store.engine)
        self.sign_in_key = hmac.new(self.accounts.signing_secret(), b"sign-in form", hashlib.sha256).digest()
        """What signs the sign-in form's token (``signin.form_token``)."""
        self._environments: dict[str, Environment] = {}
        self._lock = threading.Lock()

    def env(self, language: str) -> Environment:
        with self._lock:
            if language not in self._environments:
                self._environments[language] = _environment(language, self.templates)
            return self._environments[language]

    def language(self, request: Request) -> str:
        """The interface language: the officer's browser's first choice among the interface languages
        (Accept-Language), else the catalogue's default language."""
        preferred = [tag.split(";")[0].strip().replace("-", "_")
                     for tag in request.headers.get("accept-language", "").split(",") if tag.strip()]
        chosen = negotiate_locale(preferred, list(INTERFACE_LANGUAGES), sep="_") if preferred else None
        if chosen is None:
            chosen = next((tag.split("_")[0] for tag in preferred if tag.split("_")[0] in INTERFACE_LANGUAGES), None)
        return chosen or str(self.info().default_language)

    def page(self, request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        catalogue = self.info()
        language = self.language(request)
        html = self.env(language).get_template(template).render(lang=language, dir=direction(language),
                                                      catalogue_title=pick(catalogue.title, language), **values)
        return HTMLResponse(html, status_code=status, headers={**NO_STORE, "Content-Language": language,
                                                                 "Vary": "Accept-Language, Cookie"})

    def gettext(self, request: Request, text: str) -> str:
        return str(translations(self.language(request)).gettext(text))

    def session_of(self, request: Request) -> tuple[str, Session] | None:
        token = request.cookies.get(SESSION_COOKIE)
        session = self.accounts.session(token, self.clock()) if token else None
        return (token, session) if token and session else None

    async def signed_in_post(self, request: Request) -> tuple[str, Session, dict[str, str]] | Response:
        """The session and fields of a form sent by a signed-in officer, or the refusal (403 without a valid CSRF
        token)."""
        signed_in = await run_in_threadpool(self.session_of, request)
        if signed_in is None:  # no body is read for someone not signed in
            return RedirectResponse("/editor/login", status_code=303, headers=NO_STORE)
        form = await form_fields_of(request)
        if not same_token(signed_in[1].csrf_token, _csrf_given(request, form)) or cross_site(request):
            return Response("the form's CSRF token is missing or wrong\n", status_code=403, headers=NO_STORE,
                            media_type="text/plain")
        return signed_in[0], signed_in[1], form

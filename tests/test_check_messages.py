"""The check messages in the reader's language: every ``Message`` the package makes has a translation in each
interface language, with the same parameters; the editor's checks say them in Spanish while their text stays the
English one."""

from __future__ import annotations

import ast
import io
import re
from functools import lru_cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from pydantic import ValidationError

from catalogue.editing.checks import check_record
from catalogue.i18n import translations
from catalogue.messages import Message, said
from catalogue.model import Concept, ConceptScheme
from catalogue.model.dataset import Dialect
from catalogue.records.loader import read_catalogue
from catalogue.records.model_errors import pydantic_message
from catalogue.vocab import vocabulary

from .conftest import EXAMPLE, REPO

PACKAGE = REPO / "catalogue"
LOCALE = PACKAGE / "locale"
LANGUAGES = ("fr", "es", "ar", "ru", "zh")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _is_message(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "Message"


@lru_cache(maxsize=1)
def made_messages() -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """Every msgid given literally to ``Message(...)`` and every (singular, plural) to ``Message.counted(...)`` in
    the package, with the module that makes it."""
    singles: dict[str, str] = {}
    plurals: dict[tuple[str, str], str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        where = str(path.relative_to(REPO))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=where)):
            if not isinstance(node, ast.Call):
                continue
            if _is_message(node.func) and node.args and (msgid := _literal(node.args[0])) is not None:
                singles.setdefault(msgid, where)
            elif isinstance(node.func, ast.Attribute) and node.func.attr == "counted" \
                    and _is_message(node.func.value) and len(node.args) >= 2:
                singular, plural = _literal(node.args[0]), _literal(node.args[1])
                if singular is not None and plural is not None:
                    plurals.setdefault((singular, plural), where)
    return singles, plurals


@lru_cache(maxsize=None)
def catalog(language: str) -> Catalog:
    return read_po(io.BytesIO((LOCALE / f"{language}.po").read_bytes()))


def names(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def test_the_walk_finds_the_check_messages():
    singles, plurals = made_messages()
    assert "unknown %(what)s '%(ref)s' (known: %(choices)s)" in singles
    assert "licence" in singles and "a time dimension" in singles
    assert ("String should have at least %(count)s character",
            "String should have at least %(count)s characters") in plurals


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_with_the_same_parameters(language):
    singles, plurals = made_messages()
    found = catalog(language)
    untranslated, unfit = [], []
    for msgid, where in singles.items():
        entry = found.get(msgid)
        text = entry.string if entry is not None and isinstance(entry.string, str) else ""
        if not text:
            untranslated.append(f"{where}: {msgid}")
        elif names(text) != names(msgid):
            unfit.append(f"{where}: {msgid!r} → {text!r}")
        elif names(msgid):
            try:
                text % dict.fromkeys(names(msgid), 1)
            except (KeyError, TypeError, ValueError) as error:
                unfit.append(f"{where}: {text!r} ({error})")
    for (singular, plural), where in plurals.items():
        entry = found.get(singular)
        forms = entry.string if entry is not None and isinstance(entry.string, tuple) else ()
        if len(forms) != found.num_plurals or not all(forms) or entry.id != (singular, plural):
            untranslated.append(f"{where}: {singular}")
            continue
        expected = names(singular) - {"count"}  # a form for one (or two) may say the number in words
        assert names(plural) - {"count"} == expected, singular
        for form in forms:
            if names(form) - {"count"} != expected or not names(form) <= names(singular) | {"count"}:
                unfit.append(f"{where}: {singular!r} → {form!r}")
    assert not untranslated, f"{language}: no translation of {untranslated}"
    assert not unfit, f"{language}: other parameters than the msgid's in {unfit}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_translations_are_found_by_gettext(language):
    gettext = translations(language)
    assert said(Message("unknown %(what)s '%(ref)s' (known: %(choices)s)", what=Message("licence"), ref="X",
                        choices="A, B"), gettext) != "unknown licence 'X' (known: A, B)"
    assert said(Message.counted("String should have at least %(count)s character",
                                "String should have at least %(count)s characters", count=2), gettext) \
        != "String should have at least 2 characters"


@pytest.fixture(scope="module")
def shared():
    return read_catalogue(EXAMPLE)


def dataset(**changes):
    data = {"id": "DS_NEW", "status": "draft", "title": {"en": "Births", "fr": "Naissances"},
            "description": {"en": "Live births by region.", "fr": "Naissances vivantes par région."},
            "publisher": "BSO", "terms": "OPEN"}
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def test_the_editors_checks_speak_spanish_and_stay_english(shared):
    vocab = vocabulary()
    spanish = translations("es")
    record, issues = check_record("dataset", dataset(issued="30/06/2021", terms=None), shared, vocab)
    assert record is None
    by_field = {issue.path: issue.message for issue in issues}
    assert str(by_field["issued"]) == "'30/06/2021' is not an ISO 8601 date: write YYYY-MM-DD, e.g. 2021-06-30"
    assert said(by_field["issued"], spanish) == \
        "'30/06/2021' no es una fecha ISO 8601: escriba YYYY-MM-DD, por ejemplo 2021-06-30"
    assert str(by_field["terms"]) == "required field 'terms' is missing"
    assert said(by_field["terms"], spanish) == "falta el campo obligatorio «terms»"

    record, issues = check_record("dataset", dataset(licence="NO-SUCH-LICENCE"), shared, vocab)
    assert record is not None
    [unknown] = [issue for issue in issues if issue.path == "licence"]
    known = ", ".join(sorted(shared.licences))
    assert str(unknown.message) == f"unknown licence 'NO-SUCH-LICENCE' (known: {known})"
    assert said(unknown.message, spanish) == \
        f"licencia: identificador «NO-SUCH-LICENCE» desconocido (conocidos: {known})"
    assert said(unknown.message, translations("fr")) == \
        f"licence : identifiant « NO-SUCH-LICENCE » inconnu (connus : {known})"


def test_plain_data_problems_speak_spanish(shared):
    _, issues = check_record("dataset", dataset(title={"en": "Births\x07"}), shared, vocabulary())
    [issue] = issues
    assert str(issue.message) == ("control character U+0007 is not allowed (XML 1.0, and so DCAT and SDMX, cannot "
                                  "carry it)")
    assert said(issue.message, translations("es")).startswith("el carácter de control U+0007 no está permitido")


def errors_of(model, data, **context):
    with pytest.raises(ValidationError) as raised:
        model.model_validate(data, context=context)
    return raised.value.errors()


def test_pydantics_own_errors_keep_its_words_in_english():
    """pydantic's ``msg``, byte for byte, with plural forms where it has them ("1 character", "2 characters")."""
    errors = errors_of(Dialect, {"delimiter": "", "quote_char": "ab"})
    errors += errors_of(ConceptScheme, {"id": "CS", "agency": "BSO", "name": "Concepts", "concepts": []},
                        default_language="en")
    errors += errors_of(Concept, {"id": ["x"], "name": "Sex"}, default_language="en")
    spanish = translations("es")
    seen = set()
    for error in errors:
        message = pydantic_message(error)
        assert isinstance(message, Message), error
        assert str(message) == error["msg"]
        assert said(message, spanish) != error["msg"], error
        seen.add(error["type"])
    assert {"string_too_short", "string_too_long", "too_short", "string_type"} <= seen


def test_a_translation_that_does_not_fit_falls_back_to_english():
    class Broken:
        def gettext(self, message: str) -> str:
            return "%(other)s"

        def ngettext(self, singular: str, plural: str, n: int) -> str:
            return singular

    message = Message("no '%(language)s' translation", language="fr")
    assert said(message, Broken()) == "no 'fr' translation"


def test_an_unknown_pydantic_error_is_told_as_pydantic_says_it():
    error = {"type": "some_new_type", "msg": "Something new", "ctx": {}}
    assert pydantic_message(error) == "Something new"
    assert not isinstance(pydantic_message(error), Message)


def test_the_check_translations_module_is_the_one_the_po_files_were_made_from():
    import sys

    sys.path.insert(0, str(Path(REPO / "tools")))
    try:
        from check_translations import CHECK_PLURALS, CHECKS
    finally:
        sys.path.remove(str(Path(REPO / "tools")))
    french = catalog("fr")
    for msgid, texts in CHECKS.items():
        assert french.get(msgid) is not None and french.get(msgid).string == texts[0], msgid
    for (singular, _), forms in CHECK_PLURALS.items():
        assert tuple(french.get(singular).string) == forms[0], singular

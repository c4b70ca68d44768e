"""Issue 11.25–11.27: right-to-left pages, the interface in the six UN languages through gettext (with
the office's own overrides), autonyms in the language switch, and known licences in any catalogue language."""

from __future__ import annotations

import io
import json
from datetime import datetime, timezone
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from lxml import html

from catalogue.i18n import INTERFACE_LANGUAGES, autonym, direction, translations
from catalogue.records.loader import load_catalogue
from catalogue.formats.calendar import STATUS_NAMES
from catalogue.editing.fields import field_texts
from catalogue.access.mails import KINDS as MAIL_TEXTS
from catalogue.access.application import APPLICATION_MESSAGES
from catalogue.access.profile import PROFILE_MESSAGES
from catalogue.access.requests import ACTIONS, DECISION_MESSAGES, REQUEST_MESSAGES, STATES
from catalogue.server.account.applying import APPLYING_MESSAGES
from catalogue.server.account.routes import MESSAGES as ACCOUNT_MESSAGES
from catalogue.server.editor.signin import MESSAGES as EDITOR_MESSAGES
from catalogue.server.editor.labels import KIND_LABELS, MOVE_LABELS, STAGE_LABELS
from catalogue.server.editor.previews import PREVIEW_BANNERS
from catalogue.choices import ROLE_NAMES, choice_names
from catalogue.store.accounts import ROLES
from catalogue.vocab import vocabulary

from .conftest import ALMARA, REPO, run

TEMPLATES = REPO / "catalogue" / "site_templates"
EDITOR_TEMPLATES = REPO / "catalogue" / "editor_templates"
ACCOUNT_TEMPLATES = REPO / "catalogue" / "account_templates"
LOCALE = REPO / "catalogue" / "locale"


def interface_msgids() -> set[str]:
    """Every string the pages ask gettext for: templates, variable roles, and controlled values' labels."""
    found = {message[2] for folder in (TEMPLATES, EDITOR_TEMPLATES, ACCOUNT_TEMPLATES)
             for message in extract_from_dir(str(folder), [("**.html", "jinja2")]) if isinstance(message[2], str)}
    found |= set(ROLES) | {"draft", "published"} | set(EDITOR_MESSAGES)
    found |= {*ACCOUNT_MESSAGES, *PROFILE_MESSAGES, *(text for texts in MAIL_TEXTS.values() for text in texts)}
    found |= {*APPLICATION_MESSAGES, *APPLYING_MESSAGES, *STATES.values(), *ACTIONS.values(), *REQUEST_MESSAGES,
              *DECISION_MESSAGES}
    found |= {*KIND_LABELS.values(), *STAGE_LABELS.values(), *MOVE_LABELS.values(), *PREVIEW_BANNERS}
    found |= field_texts()  # the editor's field labels and help
    vocab = vocabulary()
    labels = {entry.label["en"] for table in (vocab.frequencies, vocab.access_levels, vocab.access_types,
                                              vocab.file_formats) for entry in table.values()}
    names = {label for label in labels if label.isupper()}  # format names such as CSV or SDMX-ML stay as they are
    choices = {name for names in choice_names(vocab).values() for name in names.values()}
    return found | set(ROLE_NAMES.values()) | set(STATUS_NAMES.values()) | (labels - names) | {"Access"} | choices


@pytest.mark.parametrize("language", [lang for lang in INTERFACE_LANGUAGES if lang != "en"])
def test_every_interface_string_is_translated(language):
    catalog = read_po(io.BytesIO((LOCALE / f"{language}.po").read_bytes()))
    translated = {message.id for message in catalog if message.id and message.string}
    missing = sorted(interface_msgids() - translated)
    assert not missing, f"{language}: {missing}"


def test_the_templates_have_no_untranslated_text():
    for template in [*TEMPLATES.glob("*.html"), *EDITOR_TEMPLATES.glob("*.html"), *ACCOUNT_TEMPLATES.glob("*.html")]:
        text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|<script.*?</script>|<[^>]+>", " ", template.read_text(encoding="utf-8"),
                      flags=re.S)
        words = [w for w in re.findall(r"[A-Za-z]{3,}", text)]
        assert not words, f"{template.name}: {words}"


def test_direction_and_autonyms_come_from_cldr():
    assert [direction(t) for t in ("ar", "he", "fa", "ur", "es", "zh", "ru", "en")] == ["rtl"] * 4 + ["ltr"] * 4
    assert [autonym(t) for t in ("es", "ar", "zh", "ru", "fr", "en")] == [
        "Español", "العربية", "中文", "Русский", "Français", "English"]
    assert autonym("x-private") == "x-private"


def test_physical_directions_are_not_in_the_style_sheet():
    css = (TEMPLATES / "site.css").read_text(encoding="utf-8")
    rules = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    assert not re.search(r"\b(left|right)\b", rules)
    assert "margin-left" not in rules and "padding-left" not in rules


@pytest.fixture(scope="module")
def almara_site(tmp_path_factory) -> Path:
    from typer.testing import CliRunner

    site = tmp_path_factory.mktemp("almara") / "site"
    result = run(CliRunner(), "build", str(ALMARA), "--out", str(site), "--quiet")
    assert result.exit_code == 0, result.output
    return site


def page(site: Path, relative: str):
    return html.fromstring((site / relative).read_bytes())


def test_arabic_pages_are_right_to_left(almara_site):
    for relative in ("ar/index.html", "ar/datasets/DS_POB_MUNICIPIO/index.html"):
        root = page(almara_site, relative)
        assert (root.get("lang"), root.get("dir")) == ("ar", "rtl")
    for relative in ("index.html", "en/index.html", "datasets/DS_POB_MUNICIPIO/index.html"):
        assert page(almara_site, relative).get("dir") == "ltr"


def test_the_interface_speaks_each_language(almara_site):
    spanish = (almara_site / "datasets" / "DS_POB_MUNICIPIO" / "index.html").read_text(encoding="utf-8")
    arabic = (almara_site / "ar" / "datasets" / "DS_POB_MUNICIPIO" / "index.html").read_text(encoding="utf-8")
    english = (almara_site / "en" / "datasets" / "DS_POB_MUNICIPIO" / "index.html").read_text(encoding="utf-8")
    assert "Cada diez años" in spanish and "Every ten years" not in spanish and "Público" in spanish
    assert "كل عشر سنوات" in arabic and "المتغيرات" in arabic and "Variables" not in arabic
    assert "Every ten years" in english
    index = (almara_site / "index.html").read_text(encoding="utf-8")
    assert "Filtrar los conjuntos de datos" in index and "Filter the datasets" not in index


def test_the_language_switch_names_each_language_in_itself(almara_site):
    root = page(almara_site, "ar/index.html")
    names = [element.text for element in root.xpath('//ul[@class="languages"]//*[@lang]')]
    assert names == ["Español", "العربية", "English"]


def test_codes_nest_at_any_depth(tmp_path, cli):
    records = tmp_path / "almara"
    shutil.copytree(ALMARA, records)
    codelist = records / "codelists" / "CL_TERRITORIO.yaml"
    deeper = "".join(f"  - {{id: AL11019{n}, name: {{es: B{n}, ar: ح{n}, en: B{n}}}, parent: "
                     f"{'AL1101' if n == 1 else f'AL11019{n - 1}'}}}\n" for n in range(1, 5))
    codelist.write_text(codelist.read_text(encoding="utf-8") + deeper, encoding="utf-8")
    site = tmp_path / "site"
    assert run(cli, "build", str(records), "--out", str(site), "--quiet").exit_code == 0
    root = page(site, "datasets/DS_POB_MUNICIPIO/index.html")
    depths = {li.xpath("string(code)"): li.get("style") for li in root.xpath('//ul[@class="codes"]/li')}
    assert depths["AL"] == "--depth: 0" and depths["AL1101"] == "--depth: 3" and depths["AL110194"] == "--depth: 7"


def test_an_office_overrides_and_adds_interface_languages(tmp_path, cli):
    records = tmp_path / "almara"
    shutil.copytree(ALMARA, records)
    (records / "i18n").mkdir()
    (records / "i18n" / "es.po").write_text('msgid "Filter the datasets"\nmsgstr "Buscar en el catálogo"\n',
                                            encoding="utf-8")
    site = tmp_path / "site"
    assert run(cli, "build", str(records), "--out", str(site), "--quiet").exit_code == 0
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "Buscar en el catálogo" in index and "Filtrar los conjuntos" not in index
    assert "Palabras clave" in (site / "datasets" / "DS_POB_MUNICIPIO" / "index.html").read_text(encoding="utf-8")
    (records / "i18n" / "pt.po").write_text('msgid "Keywords"\nmsgstr "Palavras-chave"\n', encoding="utf-8")
    assert translations("pt-BR", records).gettext("Keywords") == "Palavras-chave"
    assert translations("pt-BR").gettext("Keywords") == "Keywords"


def test_a_known_licence_needs_nothing_in_a_spanish_catalogue():
    result = load_catalogue(ALMARA)
    assert result.ok and not [p for p in result.problems if p.file.endswith("CC-BY-4.0.yaml")]
    licence = result.catalogue.licences["CC-BY-4.0"]
    assert licence.title == {"en": vocabulary().licences["CC-BY-4.0"].title["en"]}


def test_a_licence_title_an_office_writes_is_checked_as_usual(tmp_path):
    records = tmp_path / "almara"
    shutil.copytree(ALMARA, records)
    (records / "licences" / "CC-BY-4.0.yaml").write_text("id: CC-BY-4.0\ntitle: {en: Attribution}\n",
                                                           encoding="utf-8")
    messages = [p.message for p in load_catalogue(records).errors]
    assert any("no text in the default language 'es'" in m for m in messages)


def test_codes_keep_their_direction_on_right_to_left_pages(almara_site):
    """Issue 30, point 13: on an Arabic page a missing-value code '-9' must read '-9', not '9-': every code is
    isolated from the text around it, left to right."""
    root = page(almara_site, "ar/datasets/DS_ENCUESTA_HOGARES/index.html")
    missing = [element for element in root.iter("bdi") if element.text == "-9"]
    assert missing and all(element.get("dir") == "ltr" for element in missing)
    assert all(code.find("bdi") is not None for code in root.iter("code") if code.text_content().strip())


def test_counts_take_the_plural_form_of_each_language(tmp_path):
    """Issue 30, point 14: "(126 رموز)" was one form for every count; Arabic has six."""
    from catalogue.i18n import TextOnly, translations

    forms = {language: [str(TextOnly(translations(language)).ngettext("%(num)d code", "%(num)d codes", n))
                        % {"num": n} for n in (0, 1, 2, 5, 11, 126)] for language in ("ar", "ru", "fr")}
    assert forms["ar"] == ["لا رموز", "رمز واحد", "رمزان", "5 رموز", "11 رمزًا", "126 رمزًا"]
    assert forms["ru"] == ["0 кодов", "1 код", "2 кода", "5 кодов", "11 кодов", "126 кодов"]
    assert forms["fr"] == ["0 code", "1 code", "2 codes", "5 codes", "11 codes", "126 codes"]


def test_data_types_and_history_messages_speak_the_page_language(tmp_path):
    """Issue 30, point 14: the variables table showed 'integer' on a Spanish page, the history 'saved'."""
    from catalogue.i18n import translations
    from catalogue.choices import DATA_TYPE_NAMES
    from catalogue.editing.service import HISTORY_MESSAGES

    spanish = translations("es")
    for message in (*DATA_TYPE_NAMES.values(), *HISTORY_MESSAGES):
        assert spanish.gettext(message) != message, message
    site = tmp_path / "site"
    from typer.testing import CliRunner
    assert run(CliRunner(), "build", str(ALMARA), "--out", str(site), "--quiet").exit_code == 0
    table = page(site, "datasets/DS_ENCUESTA_HOGARES/index.html")
    cells = [cell.text_content() for cell in table.iter("td")]
    assert "número entero" in cells and "integer" not in cells


def test_the_data_package_of_a_restricted_dataset_says_access_in_the_catalogues_language(almara_site):
    """Issue 30, point 14: an English "Access:" paragraph inside a Spanish description."""
    descriptor = json.loads((almara_site / "datapackages" / "DS_ENCUESTA_HOGARES" / "datapackage.json").read_text())
    assert "\n\nAcceso: " in descriptor["description"] and "Access:" not in descriptor["description"]


def test_the_editors_choices_are_named_in_the_officers_language(tmp_path):
    """Issue 30, point 14: a select offered 'decennial' and 'observation' as they are stored; and two officers
    answered at once in two languages each get their own (the editor's templates were shared, translations
    installed in them per request)."""
    import concurrent.futures

    from fastapi.testclient import TestClient

    from catalogue.records.loader import read_catalogue
    from catalogue.server import create_app
    from catalogue.store import open_store
    from catalogue.store.accounts import Accounts

    store = open_store(f"sqlite:///{tmp_path / 'c.db'}")
    store.load(read_catalogue(ALMARA), ALMARA, "loader", "load")
    accounts = Accounts(store.engine)
    accounts.add_user("ed", None)
    accounts.set_role("ed", "INEA", "editor")
    client = TestClient(create_app(store), base_url="https://testserver")
    client.cookies.set("catalogue_session", accounts.open_session("ed", datetime.now(timezone.utc)))
    page = client.get("/editor/dataset/DS_ENCUESTA_HOGARES", headers={"Accept-Language": "es"})
    assert page.status_code == 200
    options = re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', page.text)
    assert ("decennial", "Cada diez años") in options and ("observation", "cada observación") in options
    assert not [value for value, text in options if value in ("decennial", "observation") and text == value]

    def language_of(language: str) -> tuple[str, bool]:
        answer = client.get("/editor/", headers={"Accept-Language": language})
        lang = re.search(r'<html lang="([^"]+)"', answer.text).group(1)
        return language, lang == language and {"fr": "Se déconnecter", "ar": "تسجيل الخروج"}[language] in answer.text

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(language_of, ["fr", "ar"] * 40))
    assert all(right for _, right in answers), [language for language, right in answers if not right][:5]
    store.engine.dispose()

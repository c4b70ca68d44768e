"""Hypothesis strategies that write whole record folders as an office would, with hostile but often
legal text, documentation-only datasets, datasets without keywords and data files in several
dialects. Unlike ``strategies.py`` they do not promise a valid catalogue: ``check`` decides."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st

HOSTILE_TEXTS = [
    "<!-- comment -->", "</script><script>alert(1)</script>", "a & b < c > d", "\"quoted\" 'single'",
    "line one\nline two", "carriage\rreturn", "tab\there", "bidi \u202eevil\u202c", "nbsp\u00a0space",
    "line\u2028separator", "null", "yes", "1.10", "- x", "a: b", "#hash", "{braces}", "[brackets]", "%25 encoded",
    "العربية", "中文 数据", "Ελληνικά", "emoji \U0001F600", "\\backslash\\", "]]> cdata", "&amp; entity",
]
"""Hostile but legal texts, from every class the hardening issue names."""
ILLEGAL_TEXTS = ["control \x01 char", "vertical\x0btab", "unit\x1fseparator", "noncharacter \ufffe", "nul\x00"]
URLS = ["https://example.org/a", "https://example.org/q?fields=a|b&c={d}^`e", "https://example.org/with%20space",
        "https://example.org/é/ü", "https://[::1]/ipv6", "http://localhost:8080/x"]
ILLEGAL_URLS = ["https://exa mple.org/", "javascript:alert(1)", "https://<x>.org/", "ftp://example.org/"]
EMAILS = ["stats@example.org", "o'neil@example.org", "a&b@example.org"]
ILLEGAL_EMAILS = ["census..office@example.org", "a{b}@example.org", "a<b>@example.org"]
IDS = ["POP", "HH_SIZE", "AREA-2"]
ILLEGAL_IDS = ["HH$SIZE", "1REF_AREA", "x@y"]
AGENCY_IDS = ["UNIT", "NSO.UNIT", "NSO.UNIT-2"]
ILLEGAL_AGENCY_IDS = ["OTHER.UNIT", "NSO.A.B"]
CODELIST_IDS = ["CL_X", "CL-X", "CLX2"]
ILLEGAL_CODELIST_IDS = ["1CL", "CL$X", "CL@X"]
DIALECTS = [(",", "utf-8", False), (";", "windows-1252", False), ("\t", "utf-8", True), ("|", "latin-1", False),
            (",", "utf-16", False)]


def yaml_string(text: str) -> str:
    """A double-quoted YAML scalar holding exactly ``text`` (escapes for what YAML would not keep)."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char.isprintable() and char not in "\u2028\u2029\x85":
            out.append(char)
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


TEXTS = st.one_of(st.sampled_from(HOSTILE_TEXTS),
                  st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Co", "Cn")), min_size=1,
                          max_size=20).filter(lambda s: s.strip() and "\ufffe" not in s and "\uffff" not in s))
POOLS = {"text": (TEXTS, st.sampled_from(ILLEGAL_TEXTS)), "url": (st.sampled_from(URLS), st.sampled_from(ILLEGAL_URLS)),
         "email": (st.sampled_from(EMAILS), st.sampled_from(ILLEGAL_EMAILS)),
         "id": (st.sampled_from(IDS), st.sampled_from(ILLEGAL_IDS)),
         "agency": (st.sampled_from(AGENCY_IDS), st.sampled_from(ILLEGAL_AGENCY_IDS)),
         "codelist": (st.sampled_from(CODELIST_IDS), st.sampled_from(ILLEGAL_CODELIST_IDS))}
"""Legal and illegal values of each class: a generated folder holds at most one illegal value."""


@dataclass
class Folder:
    """Files of a record folder: relative path → bytes."""

    files: dict[str, bytes] = field(default_factory=dict)

    def write(self, root: Path) -> None:
        for relative, data in self.files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


def _text_block(name: str, values: dict[str, str], indent: str = "") -> str:
    lines = [f"{indent}{name}:"] + [f"{indent}  {language}: {yaml_string(value)}" for language, value in values.items()]
    return "\n".join(lines) + "\n"


@st.composite
def record_folders(draw) -> Folder:
    languages = draw(st.sampled_from([["es", "ar", "en"], ["en"], ["fr", "en"], ["zh", "ru"]]))
    broken = draw(st.sampled_from([None, None, None, None, "text", "url", "email", "id", "agency", "codelist"]))
    """The class of the one illegal value of this folder, if any."""
    positions = {"text": 0, "url": 0, "email": 0, "id": 0, "agency": 0, "codelist": 0}
    chosen = {"text": draw(st.integers(0, 6)), "url": draw(st.integers(0, 1)), "email": 0, "id": draw(st.integers(0, 1)),
              "agency": 0, "codelist": 0}

    def value(kind: str) -> str:
        legal, illegal = POOLS[kind]
        positions[kind] += 1
        return draw(illegal if kind == broken and positions[kind] == chosen[kind] + 1 else legal)

    def texts() -> dict[str, str]:
        return {language: value("text") for language in languages}

    folder = Folder()
    folder.files["catalogue.yaml"] = (
        "id: CAT\nbase_uri: https://data.example.org/\n"
        f"default_language: {languages[0]}\nlanguages: [{', '.join(languages)}]\n"
        + _text_block("title", texts()) + _text_block("description", texts())
        + "publisher: NSO\nlicence: CC-BY-4.0\nhomepage: https://example.org/\n"
        + "themes:\n  - id: POP\n" + _text_block("name", texts(), "    ") + "    eu_theme: SOCI\n").encode()
    folder.files["agencies/NSO.yaml"] = (
        "id: NSO\n" + _text_block("name", texts()) + f"email: {yaml_string(value('email'))}\n"
        + "contacts:\n  - id: DESK\n" + _text_block("name", texts(), "    ")
        + f"    url: {yaml_string(value('url'))}\n").encode()
    unit = value("agency")
    folder.files[f"agencies/{unit}.yaml"] = (f"id: {yaml_string(unit)}\n" + _text_block("name", texts())).encode()
    folder.files["licences/CC-BY-4.0.yaml"] = b"id: CC-BY-4.0\n"
    folder.files["terms/OPEN.yaml"] = ("id: OPEN\n" + _text_block("name", texts())
                                       + "access_level: public\naccess_type: open\n").encode()
    concept = value("id")
    dimension = value("id")
    folder.files["concepts/CS.yaml"] = (
        "id: CS\nagency: NSO\n" + _text_block("name", texts())
        + "concepts:\n" + "".join(f"  - id: {yaml_string(c)}\n" + _text_block("name", texts(), "    ")
                                  for c in dict.fromkeys([concept, "OBS_VALUE", "TIME_PERIOD"]))).encode()
    codes = ["A", "B", "C"]
    codelist = value("codelist")
    folder.files[f"codelists/{codelist}.yaml"] = (
        f"id: {yaml_string(codelist)}\nagency: NSO\n" + _text_block("name", texts()) + "codes:\n"
        + "".join(f"  - id: {code}\n" + _text_block("name", texts(), "    ")
                  + (f"    parent: {codes[index - 1]}\n" if index else "") for index, code in enumerate(codes))).encode()
    for index in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["table", "documentation"]))
        dataset_id = f"DS_{index}"
        record = (f"id: {dataset_id}\nstatus: published\n" + _text_block("title", texts())
                  + _text_block("description", texts()) + "publisher: NSO\ncontact_point: DESK\n"
                  + "licence: CC-BY-4.0\nterms: OPEN\nthemes: [POP]\n"
                  + f"landing_page: {yaml_string(value('url'))}\n")
        if draw(st.booleans()):
            record += "keywords:\n" + "".join(f"  {language}: [{yaml_string(value('text'))}]\n" for language in languages)
        if kind == "documentation":
            folder.files[f"data/{dataset_id} guide #1.pdf"] = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n%%EOF\n"
            record += (f"distributions:\n  - id: PDF\n    path: {yaml_string(f'data/{dataset_id} guide #1.pdf')}\n"
                       "    format: PDF\n  - id: PAGE\n    access_url: https://example.org/guide\n    format: HTML\n")
        else:
            delimiter, encoding, declared_bom = draw(st.sampled_from(DIALECTS))
            declared = draw(st.booleans()) or (delimiter, encoding) != (",", "utf-8")
            rows = [[dimension, "TIME_PERIOD", "OBS_VALUE"]] + [
                [code, "2024", str(draw(st.integers(0, 10**6)))] for code in codes]
            text = "\n".join(delimiter.join(row) for row in rows) + "\n"
            data = (b"\xef\xbb\xbf" if declared_bom and encoding == "utf-8" else b"") + text.encode(encoding)
            name = f"data/{dataset_id} table.csv"
            folder.files[name] = data
            dialect = f"    dialect: {{delimiter: {yaml_string(delimiter)}, encoding: {encoding}}}\n" if declared else ""
            record += (f"distributions:\n  - id: CSV\n    path: {yaml_string(name)}\n    format: CSV\n{dialect}"
                       f"    byte_size: {len(data)}\n"
                       f"    checksum: {{algorithm: sha256, value: {hashlib.sha256(data).hexdigest()}}}\n"
                       "variables:\n"
                       f"  - id: {yaml_string(dimension)}\n" + _text_block("label", texts(), "    ")
                       + f"    role: dimension\n    data_type: string\n    codelist: {yaml_string(codelist)}\n"
                         f"    concept: {yaml_string(concept)}\n"
                       + "  - id: TIME_PERIOD\n" + _text_block("label", texts(), "    ")
                       + "    role: time_dimension\n    data_type: year\n    concept: TIME_PERIOD\n"
                       + "  - id: OBS_VALUE\n" + _text_block("label", texts(), "    ")
                       + "    role: measure\n    data_type: integer\n    concept: OBS_VALUE\n")
        folder.files[f"datasets/{dataset_id}.yaml"] = record.encode()
    if draw(st.booleans()):
        status = draw(st.sampled_from(["scheduled", "postponed", "cancelled"]))
        folder.files["releases/REL_1.yaml"] = (
            "id: REL_1\npublisher: NSO\n" + _text_block("title", texts()) + _text_block("description", texts())
            + "planned: 2030-03-01T10:00:00+01:00\nannounced: 2020-01-02T09:00:00Z\n" + f"status: {status}\n"
            + (_text_block("reason", texts()) if status != "scheduled" else "") + _text_block("series", texts())
            + "history:\n  - planned: 2029-12-01T10:00:00+01:00\n    changed: 2021-06-01T12:00:00+02:00\n"
            + _text_block("reason", texts(), "    ")).encode()
    return folder

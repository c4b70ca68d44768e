"""The generated pages of the documentation: ``docs/reference/records.md`` and ``docs/reference/commands.md``.

``records.md`` is written from the JSON Schemas in ``schemas/*.schema.json`` (one section per kind of record, a
table per object); ``commands.md`` from the command line itself (``from catalogue.cli import app``: every
command and sub-command with its usage line, help, arguments and options). The output depends on nothing but
those: no terminal width, no colours, no dates.

    python tools/docs_reference.py            # write both files
    python tools/docs_reference.py --check    # exit 1, naming the stale file(s), if they differ from what it would write

``tests/test_docs.py`` calls ``expected_files()`` and compares with the files on disk.
"""

from __future__ import annotations

import ast
import inspect
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from catalogue.model.kinds import KINDS

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = REPO / "schemas"
REFERENCE = REPO / "docs" / "reference"
RECORDS_PAGE = REFERENCE / "records.md"
COMMANDS_PAGE = REFERENCE / "commands.md"
REGENERATE = "python tools/docs_reference.py"

# --------------------------------------------------------------------------------------------------------------
# Markdown helpers

def code(text: str) -> str:
    """``text`` as a Markdown code span, whatever backticks it holds."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") else text
    return f"{fence}{padded}{fence}"


_INLINE_CODE = re.compile(r"(`+)(.+?)\1", re.S)


def prose(text: str) -> str:
    """Plain text (a description, a help text) safe in Markdown and in a table cell: code spans written with
    backticks are kept; elsewhere HTML and Markdown's special characters are escaped and lines are joined."""
    parts: list[str] = []
    last = 0
    for match in _INLINE_CODE.finditer(text):
        parts.append(_escape(text[last:match.start()]))
        parts.append(match.group(0))
        last = match.end()
    parts.append(_escape(text[last:]))
    return " ".join("".join(parts).split())


def _escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\*_\[\]|#])", r"\\\1", text)


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return lines


def slug(text: str) -> str:
    """The anchor Python-Markdown's ``toc`` (and GitHub) gives a heading of plain words."""
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", text).strip().lower())


# --------------------------------------------------------------------------------------------------------------
# Records, from the JSON Schemas

KIND_ORDER = tuple(KINDS)
KIND_FILES = {name: f"`{kind.folder}/<id>.yaml`" if kind.folder else "`catalogue.yaml`" for name, kind in KINDS.items()}
LANGUAGE_TAG = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"
TEXT_ANCHOR = "texts-in-several-languages"


def _schema_files(schemas: Path) -> list[tuple[str, Path]]:
    found = {path.name.removesuffix(".schema.json"): path for path in schemas.glob("*.schema.json")}
    ordered = [kind for kind in KIND_ORDER if kind in found] + sorted(set(found) - set(KIND_ORDER))
    return [(kind, found[kind]) for kind in ordered]


def _kind_title(kind: str) -> str:
    return kind.replace("_", " ").capitalize()


def _is_text(node: dict[str, Any]) -> bool:
    """A text of the model: a plain string, or {language tag: string}."""
    options = node.get("anyOf")
    if not isinstance(options, list) or len(options) != 2:
        return False
    plain, translated = options
    return (plain.get("type") == "string" and translated.get("type") == "object"
            and translated.get("additionalProperties", {}).get("type") == "string"
            and translated.get("propertyNames", {}).get("pattern") == LANGUAGE_TAG)


class _Describer:
    """Types and constraints of a schema's nodes, written for people; ``$ref`` becomes a link."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def anchor(self, ref: str) -> str:
        name = ref.rsplit("/", 1)[-1]
        return f"[{name}](#{slug(f'{_kind_title(self.kind)}: {name}')})"

    def type_of(self, node: dict[str, Any]) -> str:
        if _is_text(node):
            return f"[text](#{TEXT_ANCHOR})"
        if "$ref" in node:
            return self.anchor(node["$ref"])
        if "anyOf" in node:
            options = [option for option in node["anyOf"] if option.get("type") != "null"]
            written = " or ".join(self.type_of(option) for option in options)
            return written + (" or null" if len(options) < len(node["anyOf"]) else "")
        kind = node.get("type")
        if kind == "array":
            items = self.type_of(node.get("items", {}))
            return "list of " + (items + "s" if items in {"string", "integer", "number", "boolean", "object"} else items)
        if kind == "object":
            values = node.get("additionalProperties")
            if isinstance(values, dict):
                keys = node.get("propertyNames", {}).get("pattern")
                key = "language tag" if keys == LANGUAGE_TAG else (f"key matching {code(keys)}" if keys else "key")
                return f"{{{key}: {self.type_of(values)}}}"
            return "object"
        if isinstance(kind, list):
            return " or ".join(kind)
        if kind == "string" and "format" in node:
            return f"string ({node['format']})"
        return kind or "any"

    def constraints(self, node: dict[str, Any]) -> list[str]:
        if _is_text(node) or "$ref" in node:
            return []
        found: list[str] = []
        if "anyOf" in node:
            for option in node["anyOf"]:
                found += [item for item in self.constraints(option) if item not in found]
            return found
        if "enum" in node:
            found.append("one of " + ", ".join(code(json.dumps(value, ensure_ascii=False).strip('"'))
                                                 if isinstance(value, str) else code(json.dumps(value))
                                                 for value in node["enum"]))
        if "not" in node and "enum" in node["not"]:
            found.append("not one of " + ", ".join(code(str(value)) for value in node["not"]["enum"]))
        if "pattern" in node:
            found.append("matches " + code(node["pattern"]))
        for key, words in (("minLength", "at least {} character{}"), ("maxLength", "at most {} character{}"),
                           ("minimum", "≥ {}{}"), ("maximum", "≤ {}{}"), ("minItems", "at least {} item{}"),
                           ("maxItems", "at most {} item{}"), ("minProperties", "at least {} entr{}")):
            if key in node:
                plural = ("y" if node[key] == 1 else "ies") if key == "minProperties" else (
                    "" if node[key] == 1 or key in ("minimum", "maximum") else "s")
                found.append(words.format(node[key], plural))
        if node.get("type") == "array" and isinstance(node.get("items"), dict):
            found += [f"each item {item}" for item in self.constraints(node["items"])]
        return found


def _required_cell(name: str, node: dict[str, Any], required: set[str]) -> str:
    if name in required:
        return "**yes**"
    default = node.get("default")
    if default is None or default == [] or default == {}:
        return "no"
    return f"no (default {code(json.dumps(default, ensure_ascii=False))})"


def _object_section(describer: _Describer, heading: str, node: dict[str, Any]) -> list[str]:
    lines = [heading, ""] if heading else []
    if node.get("description"):
        lines += [prose(node["description"]), ""]
    required = set(node.get("required", []))
    rows = []
    for name, field in node.get("properties", {}).items():
        description = field.get("description") or ""
        if _is_text(field) and "A text:" in description:
            description = ""  # the generic text's own description: said once, at the top of the page
        if not description and "anyOf" in field:
            description = next((option.get("description", "") for option in field["anyOf"]
                                if "A text:" not in option.get("description", "")), "")
        rows.append([code(name), describer.type_of(field), _required_cell(name, field, required),
                     prose(description), "; ".join(describer.constraints(field))])
    lines += table(["field", "type", "required", "description", "allowed values"], rows)
    if node.get("additionalProperties") is False:
        lines += ["", "No other field is allowed."]
    condition = _conditional(node)
    if condition:
        lines += ["", condition]
    return lines + [""]


def _conditional(node: dict[str, Any]) -> str:
    """An ``if``/``then`` of required fields, in words."""
    if "if" not in node or "then" not in node:
        return ""
    tests = []
    for name, test in node["if"].get("properties", {}).items():
        if "not" in test and "enum" in test["not"]:
            tests.append(f"{code(name)} is not one of " + ", ".join(code(str(v)) for v in test["not"]["enum"]))
        elif "enum" in test:
            tests.append(f"{code(name)} is one of " + ", ".join(code(str(v)) for v in test["enum"]))
        else:
            tests.append(f"{code(name)} matches {code(json.dumps(test, sort_keys=True))}")
    needed = node["then"].get("required", [])
    if not tests or not needed:
        return f"Also: if {code(json.dumps(node['if'], sort_keys=True))} then {code(json.dumps(node['then'], sort_keys=True))}."
    return "When " + " and ".join(tests) + ", " + ", ".join(code(name) for name in needed) + " are required too."


def records_markdown(schemas: Path = SCHEMAS) -> str:
    """``docs/reference/records.md``: every kind of record file, from its JSON Schema."""
    files = _schema_files(schemas)
    lines = [
        "# Record files: reference",
        "",
        f"<!-- Generated from schemas/*.schema.json by `{REGENERATE}`: do not edit by hand. -->",
        "",
        "Every field of every kind of record file, as the JSON Schemas in `schemas/` say (they are generated "
        "from the model by `catalogue schema --out schemas`). How to write the files is told in "
        "[Record files](../record-files.md); the rules checked beyond these types in "
        "[Validation and quality](../validation.md).",
        "",
        "| kind | file | schema |",
        "|---|---|---|",
    ]
    schemas_loaded = {kind: json.loads(path.read_text(encoding="utf-8")) for kind, path in files}
    for kind, path in files:
        title = _kind_title(kind)
        lines.append(f"| [{title}](#{slug(title)}) | {KIND_FILES.get(kind, ' ')} | {code('schemas/' + path.name)} |")
    lines += [
        "",
        "## Texts in several languages",
        "",
        "A field of type **text** is either a plain string, in the catalogue's default language, or a map from "
        f"language tag (matching {code(LANGUAGE_TAG)}) to a non-empty string: `title: Households` or "
        "`title: {en: Households, fr: Ménages}`.",
        "",
    ]
    for kind, _path in files:
        schema = schemas_loaded[kind]
        describer = _Describer(kind)
        title = _kind_title(kind)
        where = f" One record per file: {KIND_FILES[kind]}." if kind in KIND_FILES else ""
        lines += [f"## {title}", "", f"Schema: {code('schemas/' + _path.name)}.{where}", ""]
        lines += _object_section(describer, "", schema)
        for name, definition in schema.get("$defs", {}).items():
            lines += _object_section(describer, f"### {title}: {name}", definition)
    return "\n".join(lines).rstrip("\n") + "\n"


# --------------------------------------------------------------------------------------------------------------
# Commands, from the command line

def _help_text(text: str | None) -> str:
    return inspect.cleandoc(text or "").replace("\b\n", "")


def _walk(command: Any, context: Any) -> Iterator[tuple[Any, Any]]:
    yield command, context
    if hasattr(command, "list_commands"):
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            if sub is None or getattr(sub, "hidden", False):
                continue
            yield from _walk(sub, sub.context_class(sub, info_name=name, parent=context))


def _default(parameter: Any) -> str:
    value = parameter.default
    if callable(value) or value is None or value == () or value == []:
        return ""
    if getattr(parameter, "is_flag", False) and value is False:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(code(str(getattr(item, "value", item))) for item in value)
    return code(str(getattr(value, "value", value)))


_DEFAULT_SUFFIX = re.compile(r"\s*\[[^\[\]]*\]\s*$")


def _parameter_row(parameter: Any, context: Any) -> list[str] | None:
    record = parameter.get_help_record(context)
    if record is None:
        return None
    shown = record[0]
    tokens = shown.split()
    if getattr(parameter, "param_type_name", "") == "argument":
        names = tokens[0] if tokens else parameter.name
        metavar = " ".join(tokens[1:])
    else:
        names = ", ".join(sorted(parameter.opts, key=lambda name: len(name) - len(name.lstrip("-/"))))
        if parameter.secondary_opts:
            names += " / " + ", ".join(parameter.secondary_opts)
        metavar = " ".join(token for token in tokens
                           if not token.rstrip(",;").startswith("-") and token not in {"/", ";"})
    help_text = getattr(parameter, "help", None)
    if help_text is None:  # no help of its own: what the help record says, without its [default ...] part
        help_text = _DEFAULT_SUFFIX.sub("", record[1])
    return [code(names), code(metavar) if metavar else " ", _default(parameter),
            "**yes**" if parameter.required else "no", prose(_help_text(help_text))]


def commands_markdown() -> str:
    """``docs/reference/commands.md``: every command of ``catalogue``, from its help."""
    import typer

    from catalogue.cli import app

    root = typer.main.get_command(app)
    root_context = root.context_class(root, info_name="catalogue")
    commands = list(_walk(root, root_context))
    lines = [
        "# Commands: reference",
        "",
        f"<!-- Generated from the command line (catalogue.cli) by `{REGENERATE}`: do not edit by hand. -->",
        "",
        "Every command of `catalogue`, with what `catalogue COMMAND --help` says of it (every command also takes "
        "`--help`). The commands at a glance "
        "are on the [home page](../index.md#the-commands-at-a-glance); each is explained in its own page.",
        "",
    ]
    summary = []
    for command, context in commands[1:]:
        first = _help_text(command.help).split("\n\n")[0]
        summary.append([f"[{code(context.command_path)}](#{slug(context.command_path)})", prose(first)])
    lines += table(["command", "what it does"], summary) + [""]
    for command, context in commands:
        level = "#" * max(2, min(1 + context.command_path.count(" "), 4))
        lines += [f"{level} {context.command_path}", ""]
        usage = f"{context.command_path} " + " ".join(command.collect_usage_pieces(context))
        lines += ["```text", usage.rstrip(), "```", ""]
        for paragraph in _help_text(command.help).split("\n\n"):
            if paragraph.strip():
                lines += [prose(paragraph), ""]
        rows = [row for row in (_parameter_row(p, context) for p in command.params) if row is not None]
        if rows:
            lines += table(["name", "metavar", "default", "required", "help"], rows) + [""]
        if hasattr(command, "list_commands"):
            names = [name for name in command.list_commands(context)
                     if not getattr(command.get_command(context, name), "hidden", False)]
            if names:
                lines += ["Commands: " + ", ".join(
                    f"[{code(name)}](#{slug(context.command_path + ' ' + name)})" for name in names) + ".", ""]
        if command.epilog:
            lines += [prose(_help_text(command.epilog)), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


# --------------------------------------------------------------------------------------------------------------

# --------------------------------------------------------------------------------------------------------------
# The folder map, from the package's docstrings

ARCHITECTURE_PAGE = REPO / "docs" / "architecture.md"
MAP_START, MAP_END = "<!-- module map: generated by tools/docs_reference.py -->", "<!-- end of the module map -->"


def _first_line(path: Path) -> str:
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    first = " ".join(doc.split("\n\n")[0].split())
    return first.split(". ")[0].rstrip(".") if first else ""


def module_map(package: Path = REPO / "catalogue") -> str:
    """Each folder of the package and each of its modules, with the first sentence of its docstring."""
    lines: list[str] = []
    folders = [package, *sorted(p for p in package.rglob("*") if p.is_dir() and (p / "__init__.py").is_file())]
    for folder in folders:
        relative = folder.relative_to(package.parent).as_posix()
        summary = _first_line(folder / "__init__.py") if folder != package else "the package's own modules"
        lines += ["", f"**`{relative}/`** — {summary}", ""]
        for module in sorted(folder.glob("*.py")):
            if module.name == "__init__.py":
                continue
            lines.append(f"- `{module.name}`: {_first_line(module)}")
    return "\n".join(lines).strip() + "\n"


def architecture_markdown() -> str:
    """The architecture page with its module map made again from the package."""
    text = ARCHITECTURE_PAGE.read_text(encoding="utf-8")
    head, rest = text.split(MAP_START, 1)
    _, tail = rest.split(MAP_END, 1)
    return f"{head}{MAP_START}\n{module_map()}{MAP_END}{tail}"


def expected_files() -> dict[Path, str]:
    """What each generated page must hold."""
    return {RECORDS_PAGE: records_markdown(), COMMANDS_PAGE: commands_markdown(), ARCHITECTURE_PAGE: architecture_markdown()}


def stale_files() -> list[Path]:
    """The generated pages that differ from what this script would write (or are missing)."""
    stale = []
    for path, text in expected_files().items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(path)
    return stale


def main(argv: list[str]) -> int:
    if argv not in ([], ["--check"]):
        print(__doc__, file=sys.stderr)
        return 2
    if argv == ["--check"]:
        stale = stale_files()
        for path in stale:
            print(f"{path.relative_to(REPO)} is stale: run `{REGENERATE}`", file=sys.stderr)
        return 1 if stale else 0
    for path, text in expected_files().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
            print(f"wrote {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main(sys.argv[1:]))

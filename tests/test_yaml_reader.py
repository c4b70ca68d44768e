"""Issue 18.1: record files are composed by libyaml, with the values and positions the YAML 1.2 reader
(ruamel.yaml) gives: a differential test on generated and hand-written documents."""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError as RuamelYAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from catalogue.records.yamlsource import NOT_IN_XML, dump_yaml, parse_yaml
from catalogue.errors import Position, YamlProblem

TRICKY = ["NO", "no", "on", "Off", "y", "001", "0x1F", "1_000", "1.10", "=", "<<", "~", "null", "Null", "", "true",
          "2024-01-01", "12:30", ".inf", "-.5", "#x", "a: b", "- a", "'q'", '"d"', "é ü 中", "line\nbreak", " x "]


def ruamel_reading(text: str) -> tuple[Any, dict, dict]:
    """What the YAML 1.2 reader gives: values (null or text) and the position of every key and value."""
    keys: dict = {}
    values: dict = {}

    def convert(node: Any, path: tuple) -> Any:
        if not isinstance(node, ScalarNode) or node.value != "" or node.style:  # an empty value: at its key
            values[path] = Position(node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, MappingNode):
            result = {}
            for key_node, value_node in node.value:
                key = str(key_node.value)
                keys[(*path, key)] = Position(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = convert(value_node, (*path, key))
            return result
        if isinstance(node, SequenceNode):
            return [convert(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return None if node.tag == "tag:yaml.org,2002:null" else str(node.value)

    return convert(YAML(typ="safe", pure=True).compose(text), ()), keys, values


def assert_same_reading(text: str) -> None:
    try:
        expected, keys, values = ruamel_reading(text)
    except RuamelYAMLError:
        # ruamel.yaml's dumper can write what no reader takes (`{_: ?0}`): then both refuse it
        with pytest.raises(YamlProblem):
            parse_yaml(text)
        return
    value, source_map = parse_yaml(text)
    assert value == expected
    assert source_map.keys == keys
    assert source_map.values == values


scalars = st.sampled_from(TRICKY) | st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=6)
documents = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) |
                         st.dictionaries(st.sampled_from(TRICKY[:12]) | st.from_regex(r"[a-z_]{1,6}", fullmatch=True),
                                         inner, min_size=1, max_size=3), max_leaves=10)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.from_regex(r"[a-z_]{1,6}", fullmatch=True), documents, min_size=1, max_size=4),
       st.sampled_from([None, True, False]))
@example({"_": "?0"}, None)  # ruamel.yaml dumps `{_: ?0}`, which neither reader takes
def test_generated_documents_read_alike(document: dict, flow: bool | None) -> None:
    writer = YAML()
    writer.default_flow_style = flow
    stream = io.StringIO()
    writer.dump(document, stream)
    assert_same_reading(stream.getvalue())


@pytest.mark.parametrize("text", [
    "a: NO\nb: on\nc: 001\nd: =\ne: ~\nf:\ng: 'null'\nh: \"~\"\n",
    "# comment\nid: X  # trailing\nlist: [a, 'b', \"c\", ~, null]\nmap: {k: v, n: }\n",
    "text: |\n  two\n  lines\nfolded: >-\n  one\n  line\nplain: multi\n  line plain\n",
    "---\n<<: x\nkey: !!str 12\nint: !!int 5\n...\n",
    "\ufeffid: BOM\n",
    "codes:\n  - id: A\n    name: {en: A, fr: 'Ä'}\n  -   id: B\n      name:\n        en: B\n",
])
def test_written_documents_read_alike(text: str) -> None:
    assert_same_reading(text)


@pytest.mark.parametrize("text, message", [
    ("a: !custom x\n", "the tag '!custom' is not allowed"),
    ("a: !!python/object:os.system x\n", "is not allowed"),
    ("a: &x 1\nb: *x\n", "aliases (*name) are not allowed"),
    ("a: 1\na: 2\n", "duplicate key 'a' (first at line 1)"),
    ("? [a]\n: 1\n", "a key must be a plain name"),
])
def test_what_is_refused_is_still_refused(text: str, message: str) -> None:
    with pytest.raises(YamlProblem) as raised:
        parse_yaml(text)
    assert message in raised.value.message


FORBIDDEN = "\x00\x01\x08\x0b\x0c\x0e\x1f\ufffe\uffff"
"""Some of the characters XML 1.0 cannot carry (``NOT_IN_XML``: a record may hold none)."""
TEXTS_WITH_ANY = st.text(st.one_of(st.sampled_from(FORBIDDEN + "\\\"'\t\n :#-"), st.characters(
    blacklist_categories=("Cs",))), max_size=8)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(TEXTS_WITH_ANY.filter(bool), st.one_of(TEXTS_WITH_ANY, st.lists(TEXTS_WITH_ANY, max_size=3)),
                       min_size=1, max_size=4))
def test_a_character_xml_cannot_carry_is_refused_wherever_it_comes_from(document):
    """Written as it is or as an escape, in a key or a value: refused. The reader searches the scalars only when
    the text holds such a character or a backslash (an escape needs one), so this holds either way."""
    text = dump_yaml(document)
    words = [*document, *(word for value in document.values() for word in (value if isinstance(value, list)
                                                                           else [value]))]
    if any(NOT_IN_XML.search(word) for word in words):
        with pytest.raises(YamlProblem, match="not allowed"):
            parse_yaml(text)
    else:
        assert parse_yaml(text)[0] == document


@pytest.mark.parametrize("text", ['a: "x\\u0001y"\n', '"k\\x1f": v\n', "a: 'x\x01y'\n", "a: x\x0by\n",
                                  "a:\n  - ok\n  - \"\\uFFFE\"\n"])
def test_a_character_xml_cannot_carry_is_refused_at_its_scalar(text):
    with pytest.raises(YamlProblem, match="not allowed") as raised:
        parse_yaml(text)
    assert raised.value.position is not None and raised.value.position.line == text.count("\n", 0, text.index(
        next(part for part in ("\\", "\x01", "\x0b") if part in text))) + 1

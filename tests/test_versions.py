"""SDMX versions and version queries: the order of versions, and the selection of a query, against an oracle
written from the SDMX-REST specification's table of queries (sdmx-rest ``doc/querying_versions.md``) with
python-semver ordering the versions."""

from __future__ import annotations

import re

import pytest
import semver
from hypothesis import given, settings
from hypothesis import strategies as st

from catalogue.model.versions import Version, VersionQuery, parse_queries, select

Item = tuple[str, str]  # (artefact, version)


def as_semver(text: str) -> semver.Version:
    core, _, extension = text.partition("-")
    numbers = [int(part) for part in core.split(".")] + [0, 0]
    return semver.Version(numbers[0], numbers[1], numbers[2], extension or None)


def oracle(query: str, items: list[Item]) -> set[Item]:
    """Each alternative read as the specification's table says, the latest taken with semver's order."""
    chosen: set[Item] = set()
    for alternative in query.split(","):
        exact = re.fullmatch(r"[0-9]+(\.[0-9]+){0,2}(-.+)?", alternative)
        if exact:
            chosen |= {item for item in items if as_semver(item[1]).compare(as_semver(alternative)) == 0}
            continue
        if alternative in ("+", "~", "*"):
            alternative = {"+": "1+.0.0", "~": "0~.0.0", "*": "0*.0.0"}[alternative]
        parts = alternative.split(".")
        position = next(i for i, part in enumerate(parts) if part[-1] in "+~*")
        operator = parts[position][-1]
        numbers = [int(part.rstrip("+~*") or 0) for part in parts] + [0, 0]
        numbers = numbers[:3]
        matching = []
        for item in items:
            version = as_semver(item[1])
            have = [version.major, version.minor, version.patch]
            if have[:position] != numbers[:position] or have[position:] < numbers[position:]:
                continue
            if operator == "+" and (version.prerelease or version.major == 0):
                continue  # "+": the latest *stable* semantic version, x > 0
            matching.append(item)
        if operator == "*":
            chosen |= set(matching)
            continue
        for artefact in {item[0] for item in matching}:
            own = [item for item in matching if item[0] == artefact]
            best = own[0]
            for item in own[1:]:
                if as_semver(item[1]).compare(as_semver(best[1])) > 0:
                    best = item
            chosen.add(best)
    return chosen


def selected(query: str, items: list[Item]) -> set[Item]:
    return set(select(parse_queries(query), items, lambda item: Version.parse(item[1]), lambda item: item[0]))


numbers = st.integers(min_value=0, max_value=3)
extensions = st.sampled_from(["draft", "rc.1", "rc.2", "1", "alpha"])


@st.composite
def versions(draw: st.DrawFn) -> str:
    form = draw(st.sampled_from(["legacy1", "legacy2", "semantic", "extended"]))
    major, minor, patch = draw(numbers), draw(numbers), draw(numbers)
    if form == "legacy1":
        return str(major)
    if form == "legacy2":
        return f"{major}.{minor}"
    if form == "semantic":
        return f"{major}.{minor}.{patch}"
    return f"{major}.{minor}.{patch}-{draw(extensions)}"


@st.composite
def queries(draw: st.DrawFn) -> str:
    def one() -> str:
        if draw(st.booleans()):
            return draw(versions())
        operator = draw(st.sampled_from("+~*"))
        if draw(st.booleans()):
            return operator
        parts = [str(draw(numbers)) for _ in range(3)]
        position = draw(st.integers(min_value=0, max_value=2))
        parts[position] = (parts[position] if draw(st.booleans()) else "") + operator
        return ".".join(parts)
    return ",".join(draw(st.lists(st.builds(lambda _: one(), st.none()), min_size=1, max_size=3)))


@st.composite
def catalogues(draw: st.DrawFn) -> list[Item]:
    items: dict[tuple[str, Version], Item] = {}
    for artefact in ("ECB:CL_FREQ", "SDMX:CL_FREQ", "ESTAT:CL_AREA"):
        for text in draw(st.lists(versions(), max_size=6)):
            items.setdefault((artefact, Version.parse(text)), (artefact, text))  # one version once per artefact
    return list(items.values())


@settings(max_examples=400, deadline=None)
@given(catalogues(), queries())
def test_selection_equals_the_specification(items: list[Item], query: str) -> None:
    assert selected(query, items) == oracle(query, items)


@settings(max_examples=200, deadline=None)
@given(st.lists(versions(), min_size=2, max_size=8))
def test_order_is_semantic_versioning(texts: list[str]) -> None:
    ours = sorted(texts, key=Version.parse)
    for lower, higher in zip(ours, ours[1:]):
        assert as_semver(lower).compare(as_semver(higher)) <= 0


ITEMS = [("A", "1.0"), ("A", "1.1.0"), ("A", "2.0.0-draft"), ("A", "0.9.0"), ("B", "2.3.1"), ("B", "2.4.0"),
         ("B", "3.0.0"), ("B", "2.5.0-draft")]


@pytest.mark.parametrize(("query", "expected"), [
    ("+", {("A", "1.1.0"), ("B", "3.0.0")}),  # stable only: no draft, no 0.x
    ("~", {("A", "2.0.0-draft"), ("B", "3.0.0")}),
    ("*", set(ITEMS)),
    ("1.0.0", {("A", "1.0")}),  # a legacy version is its semantic equal
    ("2.3+.1", {("B", "2.4.0")}),  # major fixed, minor.patch a floor, drafts left out
    ("2.3~.1", {("B", "2.5.0-draft")}),
    ("2.3*.1", {("B", "2.3.1"), ("B", "2.4.0"), ("B", "2.5.0-draft")}),
    ("2+.3.1", {("B", "3.0.0")}),
    ("1.+.0", {("A", "1.1.0")}),
    ("1.0.0,2.+.0", {("A", "1.0"), ("B", "2.4.0")}),
    ("9.9.9", set()),
    ("1.*.*", {("A", "1.0"), ("A", "1.1.0")}),
])
def test_the_specifications_examples(query: str, expected: set[Item]) -> None:
    assert selected(query, ITEMS) == expected


@pytest.mark.parametrize("text", ["1.2+.1-draft", "1.+.+", "+1", "01.0", "1.0.0.0", "a", "1.0-draft", "", "1+..0", "1.*.+"])
def test_what_is_not_a_query(text: str) -> None:
    with pytest.raises(ValueError):
        VersionQuery.parse(text)


def test_forms_of_one_version_are_equal() -> None:
    assert Version.parse("1") == Version.parse("1.0") == Version.parse("1.0.0")
    assert Version.parse("1.0.0-draft") < Version.parse("1.0.0") < Version.parse("1.0.1-draft")
    assert not Version.parse("1.0.0-draft").stable and not Version.parse("0.3.0").stable
    assert Version.parse("2.1").stable and Version.parse("2.1").semantic() == "2.1.0"

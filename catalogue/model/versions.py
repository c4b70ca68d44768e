"""SDMX versions of maintainable artefacts, their order, and the version queries of SDMX 3.0.

A version is legacy (``1``, ``1.0``, as SDMX 2.1 writes them) or semantic (``1.2.0``, with an extension for a
version still changing: ``1.2.0-draft``). This catalogue writes a legacy version as its semantic equal in SDMX 3.0
(``1.0`` is ``1.0.0``), so the two forms name one version: they compare, match and collide alike.

A *stable* version is semantic, without extension, with a major number above 0 (SDMX's semantic versioning:
``0.y.z`` is initial development). A version query (SDMX-REST 2 and SDMX-ML 3.0 references) is an exact version,
or one wildcard at one position of ``MAJOR.MINOR.PATCH``, the parts before it fixed and the parts from it on a
floor: ``+`` the latest stable version (``2.3+.1``: the latest stable ``2.y.z`` from ``2.3.1`` on), ``~`` the
latest version of any kind, ``*`` every version. A bare ``+``, ``~`` or ``*`` is ``0+.0.0``, ``0~.0.0`` or ``0*.0.0``
(``+`` keeping stable versions only, it is ``1+.0.0``). Queries may be combined with ``,``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import total_ordering
from typing import Literal, TypeVar

from catalogue.model.types import ARTEFACT_VERSION_PATTERN

NUMBER = r"(0|[1-9][0-9]{0,8})"
MAX_VERSION = 64
"""The longest version (or version query) read: longer text is refused before any pattern is tried on it."""
VERSION = re.compile(ARTEFACT_VERSION_PATTERN.strip("^$"))
"""Every version this catalogue reads: legacy (one or two numbers), semantic (three), semantic with extension (as
SDMX-ML 3.0's ``SemanticVersionNumberType`` and semantic versioning allow)."""
Wildcard = Literal["+", "~", "*"]
T = TypeVar("T")


@total_ordering
@dataclass(frozen=True, eq=False)
class Version:
    """A version as written, compared as SDMX orders versions (an extended version before its release)."""

    text: str
    numbers: tuple[int, int, int]
    extension: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> "Version":
        """The version ``text`` names; ``ValueError`` when it is not one."""
        if len(text) > MAX_VERSION or not VERSION.fullmatch(text):
            raise ValueError(f"'{text[:60]}' is not an SDMX version")
        core, _, extension = text.partition("-")
        numbers = [int(part) for part in core.split(".")]
        padded = (numbers + [0, 0])[:3]
        return cls(text, (padded[0], padded[1], padded[2]), tuple(extension.split(".")) if extension else ())

    @property
    def stable(self) -> bool:
        """Released for good: no extension, major above 0."""
        return not self.extension and self.numbers[0] > 0

    @property
    def key(self) -> tuple[tuple[int, int, int], int, tuple[tuple[int, int, str], ...]]:
        """Its place in the order: numbers, then a release after its extended versions, then the extension's
        identifiers (numeric ones by value, before alphanumeric ones, which compare as text)."""
        return self.numbers, 0 if self.extension else 1, tuple(
            (0, int(part), "") if part.isdigit() else (1, 0, part) for part in self.extension)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Version) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __lt__(self, other: "Version") -> bool:
        return self.key < other.key

    def __str__(self) -> str:
        return self.text

    def following(self) -> "Version":
        """The version a change of this one suggests: a draft's release (``1.3.0-draft`` → ``1.3.0``), else the
        next minor version in the same form (``1.0`` → ``1.1``, ``1.2.3`` → ``1.3.0``, ``2`` → ``3``)."""
        major, minor, _ = self.numbers
        if self.extension:
            return Version.parse(self.semantic().partition("-")[0])
        parts = self.text.count(".") + 1
        text = {1: f"{major + 1}", 2: f"{major}.{minor + 1}"}.get(parts, f"{major}.{minor + 1}.0")
        return Version.parse(text)  # ValueError past the largest number a version may hold

    def semantic(self) -> str:
        """As SDMX 3.0 writes it: three numbers, then the extension."""
        core = ".".join(str(number) for number in self.numbers)
        return f"{core}-{'.'.join(self.extension)}" if self.extension else core


def stable(text: str) -> bool:
    """Whether ``text`` is a stable version: once published, what it names never changes (a change is a new
    version)."""
    return is_version(text) and Version.parse(text).stable


def is_version(text: str) -> bool:
    """Whether ``text`` is a version this catalogue reads."""
    return len(text) <= MAX_VERSION and VERSION.fullmatch(text) is not None


@dataclass(frozen=True)
class VersionQuery:
    """One version query: an exact version, or a wildcard at ``position`` over a floor."""

    text: str
    wildcard: Wildcard | None
    position: int
    """Where the wildcard stands: 0 major, 1 minor, 2 patch (an exact version: 0)."""
    numbers: tuple[int, int, int]
    """The fixed numbers before ``position``, then the floor from it on."""
    exact: Version | None = None

    @classmethod
    def parse(cls, text: str) -> "VersionQuery":
        """The query ``text`` writes; ``ValueError`` when it is not one."""
        if len(text) > MAX_VERSION:
            raise ValueError(f"'{text[:60]}' is not an SDMX version query")
        if is_version(text):
            version = Version.parse(text)
            return cls(text, None, 0, version.numbers, version)
        if text in ("+", "~", "*"):
            return cls(text, text, 0, (0, 0, 0))  # type: ignore[arg-type]
        parts = text.split(".")
        marked = [i for i, part in enumerate(parts) if part[-1:] in ("+", "~", "*")]
        trailing = marked[1:] and parts[marked[0]][-1] == "*" and all(parts[i] == "*" for i in marked[1:])
        if not 1 <= len(parts) <= 3 or not marked or (len(marked) > 1 and not trailing):
            raise ValueError(f"'{text[:60]}' is not an SDMX version query")
        position = marked[0]  # '1.*.*' (every 1.y.z) is '1.*.0'
        wildcard = parts[position][-1]
        bare = [(part.rstrip("+~*") or "0") if i in marked else part for i, part in enumerate(parts)]
        if not all(re.fullmatch(NUMBER, part) for part in bare):
            raise ValueError(f"'{text[:60]}' is not an SDMX version query")
        numbers = [int(part) for part in bare] + [0] * (3 - len(bare))
        return cls(text, wildcard, position, (numbers[0], numbers[1], numbers[2]))  # type: ignore[arg-type]

    def matches(self, version: Version) -> bool:
        """Whether ``version`` is among those the query ranges over (before taking the latest)."""
        if self.exact is not None:
            return version == self.exact
        if self.wildcard == "+" and not version.stable:
            return False
        fixed = self.position
        return version.numbers[:fixed] == self.numbers[:fixed] and version.numbers[fixed:] >= self.numbers[fixed:]

    @property
    def latest(self) -> bool:
        """Whether the query keeps only the latest of its matches (``+``, ``~``)."""
        return self.wildcard in ("+", "~")


def parse_queries(text: str) -> tuple[VersionQuery, ...]:
    """A list of queries joined by ``,``; ``ValueError`` when one is not a query."""
    return tuple(VersionQuery.parse(part) for part in text.split(","))


def select(queries: Sequence[VersionQuery], items: Iterable[T], version_of: Callable[[T], Version],
           artefact_of: Callable[[T], object]) -> list[T]:
    """The items whose version one of ``queries`` selects, each query's latest taken per artefact; in the order
    given."""
    listed = list(items)
    chosen: set[int] = set()
    for query in queries:
        latest: dict[object, tuple[Version, int]] = {}
        for index, item in enumerate(listed):
            version = version_of(item)
            if not query.matches(version):
                continue
            if not query.latest:
                chosen.add(index)
                continue
            artefact = artefact_of(item)
            if artefact not in latest or latest[artefact][0] < version:
                latest[artefact] = (version, index)
        chosen.update(index for _, index in latest.values())
    return [item for index, item in enumerate(listed) if index in chosen]

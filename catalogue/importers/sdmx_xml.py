"""What every SDMX-ML reader needs of an element: its name, texts, children, place and references."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def local_name(element: Any) -> str:
    """An element's name without its namespace."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def texts_of(element: Any, name: str) -> dict[str, str]:
    """``com:Name`` (or another text) children in every language; a text without xml:lang is English, as
    SDMX-ML's schema defaults it."""
    found: dict[str, str] = {}
    for child in element:
        if local_name(child) == name and child.text is not None and child.text.strip():
            found.setdefault(child.get(XML_LANG) or "en", child.text.strip())
    return found


def children(element: Any, name: str) -> list[Any]:
    """The children of that name."""
    return [child for child in element if local_name(child) == name]


def path_of(element: Any) -> str:
    """Where an element is, by ids: ``Codelist[ECB:CL_FREQ(1.0)]/Code[A]``."""
    parts = []
    while element is not None and local_name(element) not in ("Structures", "Structure"):
        label = element.get("id")
        if element.get("agencyID"):
            label = f"{element.get('agencyID')}:{label}({element.get('version', '')})"
        parts.append(f"{local_name(element)}[{label}]" if label else local_name(element))
        element = element.getparent()
    return "/".join(reversed(parts))


@dataclass
class Reference:
    """A reference to a maintainable artefact or to an item of one (2.1 ``Ref`` or 3.0 URN)."""

    agency: str
    id: str
    version: str
    item: str | None = None

    def written(self) -> str:
        """As a record names the artefact: ``AGENCY:ID(VERSION)``."""
        return f"{self.agency}:{self.id}({self.version})"


def reference_of(element: Any) -> Reference | None:
    """The reference an element holds: a 2.1 ``Ref`` child or a 3.0 URN text."""
    ref = next((child for child in element if local_name(child) == "Ref"), None)
    if ref is not None:
        parent = ref.get("maintainableParentID")
        if parent:
            return Reference(ref.get("agencyID", ""), parent, ref.get("maintainableParentVersion", "1.0"),
                              ref.get("id"))
        return Reference(ref.get("agencyID", ""), ref.get("id", ""), ref.get("version", "1.0"))
    return urn_reference((element.text or "").strip())


def urn_reference(urn: str) -> Reference | None:
    """The artefact (or item) an SDMX URN names (``None``: it is no URN)."""
    if "=" not in urn:
        return None
    target = urn.split("=", 1)[1]
    agency, _, rest = target.partition(":")
    artefact, _, tail = rest.partition("(")
    version, _, item = tail.partition(")")
    return Reference(agency, artefact, version, item.lstrip(".") or None)

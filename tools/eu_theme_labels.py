"""Copy the labels of the EU data themes, in every language the EU authority table gives, into
``mappings/themes.yaml`` (the official names, not ours). Run it when the table is updated:

    python tools/eu_theme_labels.py ../shared/standards/dcat/vocabularies/eu-authority/data-theme-skos.rdf

``tests/test_vocab.py`` checks that the mapping keeps the official labels.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import rdflib
from rdflib.namespace import SKOS

THEMES = "http://publications.europa.eu/resource/authority/data-theme/"
MAPPING = Path(__file__).resolve().parent.parent / "mappings" / "themes.yaml"


def official_labels(table: Path) -> dict[str, dict[str, str]]:
    graph = rdflib.Graph().parse(table)
    result: dict[str, dict[str, str]] = {}
    for concept in graph.subjects(SKOS.inScheme, rdflib.URIRef(THEMES.rstrip("/"))):
        code = str(concept).removeprefix(THEMES)
        result[code] = {label.language: str(label) for label in graph.objects(concept, SKOS.prefLabel)
                        if label.language}
    return result


def main(table: Path) -> None:
    labels = official_labels(table)
    lines = ["# EU data themes (DCAT-AP dcat:theme), by code, with their labels as the EU data-theme authority",
             "# table gives them (every language it has; written by tools/eu_theme_labels.py)."]
    for code in sorted(labels):
        ordered = dict(sorted(labels[code].items(), key=lambda item: (item[0] != "en", item[0])))
        lines.append(f"{code}: {{label: {json.dumps(ordered, ensure_ascii=False)}}}")
    MAPPING.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {MAPPING} ({len(labels)} themes)")


if __name__ == "__main__":
    main(Path(sys.argv[1]))

"""A public dataset's citation downloads, as the site and the live server both serve them: BibTeX, RIS and CSL-JSON
in the catalogue's default language (``citations/<id>.*``), and DataCite 4.5 XML for a dataset with a DOI
(``datacite/<id>.xml``); and the "cite this dataset" block of its page in each language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from catalogue.formats.citation import Citation, bibtex, citation, csl_json, formatted, ris
from catalogue.formats.datacite import datacite_xml, has_datacite
from catalogue.formats.registry import OUTPUT
from catalogue.model import Dataset
from catalogue.policy.view import PublicView
from catalogue.publish.memo import BuildMemo
from catalogue.vocab import Vocabulary

CITATION_FORMATS: dict[str, Callable[[Citation], bytes]] = {
    "citation-bibtex": bibtex, "citation-ris": ris, "citation-csl": csl_json}
"""The citation downloads every public dataset has, by their name in the outputs' table."""


def site_base(view: PublicView, base_url: str | None = None) -> str:
    """The address the site is published at (``base_url``, else the catalogue's base URI), ending in a slash."""
    base = base_url or view.info.base_uri
    return base if base.endswith("/") else base + "/"


def landing_page(base_url: str, prefix: str, dataset_id: str) -> str:
    """The absolute address of a dataset's page (``prefix``: its language's folder, empty for the default)."""
    return f"{base_url}{prefix}datasets/{dataset_id}/index.html"


def citation_names(with_doi: bool) -> list[str]:
    """The outputs' names of a dataset's citation downloads (DataCite's for a dataset with a DOI)."""
    return [*CITATION_FORMATS, *(["datacite"] if with_doi else [])]


def citation_file(view: PublicView, dataset: Dataset, base_url: str, vocab: Vocabulary, name: str) -> bytes:
    """One citation download of a public dataset (``name`` from ``citation_names``)."""
    if name == "datacite":
        return datacite_xml(view, dataset, vocab)
    cited = citation(view, dataset, view.info.default_language, landing_page(base_url, "", dataset.id))
    return CITATION_FORMATS[name](cited)


def citation_context(view: PublicView, dataset: Dataset, language: str, page_url: str, root: str) -> dict[str, Any]:
    """The "cite this dataset" block of a page: the formatted citation in its language and the downloads."""
    return {"html": formatted(citation(view, dataset, language, page_url)),
            "downloads": [{"href": f"{root}{OUTPUT[name].path.format(id=dataset.id)}", "type": OUTPUT[name].media_type,
                           "name": OUTPUT[name].label} for name in citation_names(has_datacite(dataset))]}


def write_citations(out: Path, view: PublicView, dataset_id: str, names: list[str], base_url: str, vocab: Vocabulary,
                    memo: BuildMemo | None, key: str) -> None:
    """A dataset's citation downloads into a site (``names``: from its outline), each taken from the previous build
    when the dataset as published is unchanged (``key``)."""
    paths = {name: OUTPUT[name].path.format(id=dataset_id) for name in names}
    wanted = [name for name, path in paths.items()
              if memo is None or not memo.reuse(path, memo.key("citation", name, key), out / path)]
    if wanted:
        dataset = view.datasets[dataset_id]
        for name in wanted:
            (out / paths[name]).write_bytes(citation_file(view, dataset, base_url, vocab, name))

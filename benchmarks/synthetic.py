"""A synthetic national catalogue of any size, generated lazily so that memory stays flat."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime, timezone

from catalogue.model import (Agency, CatalogueInfo, Codelist, ConceptScheme, Dataset, Licence, TermsOfUse)
from catalogue.policy.view import PublicView
from catalogue.vocab import vocabulary

CONTEXT = {"default_language": "en"}
AS_OF = datetime(2026, 1, 1, tzinfo=timezone.utc)
LANGS = ("en", "fr")


def _text(stem: str) -> dict[str, str]:
    return {"en": stem, "fr": f"{stem} (fr)"}


def make_dataset(index: int) -> Dataset:
    """Dataset number ``index``: 3 distributions and 10 variables, every text in two languages."""
    did = f"DS_{index:07d}"
    variables = [
        {"id": f"DIM_{k}", "label": _text(f"Dimension {k} of {did}"), "role": "dimension", "data_type": "string",
         "concept": f"C{k}", "codelist": f"CL_{k}"} for k in range(5)
    ] + [
        {"id": "TIME_PERIOD", "label": _text("Time"), "role": "time_dimension", "data_type": "year",
         "concept": "TIME_PERIOD"},
        {"id": "OBS_VALUE", "label": _text("Value"), "role": "measure", "data_type": "decimal",
         "unit": _text("persons"), "concept": "OBS_VALUE"},
        {"id": "OBS_STATUS", "label": _text("Status"), "role": "attribute", "attachment": "observation",
         "data_type": "string", "concept": "OBS_STATUS", "codelist": "CL_4"},
        {"id": "UNIT_MULT", "label": _text("Unit multiplier"), "role": "attribute", "attachment": "dataset",
         "data_type": "integer", "concept": "UNIT_MULT"},
        {"id": "COMMENT", "label": _text("Comment"), "role": "attribute", "attachment": "series",
         "data_type": "string", "concept": "COMMENT"},
    ]
    return Dataset.model_validate({
        "id": did, "status": "published",
        "title": _text(f"Synthetic table {index} with \"quotes\" & ampersands"),
        "description": _text(f"A synthetic statistical table number {index}, generated for benchmarking."),
        "keywords": {"en": ["benchmark", f"k{index % 97}"], "fr": ["banc d'essai"]},
        "themes": ["T1"], "publisher": "NSO", "contact_point": "CONTACT", "licence": "CC-BY-4.0", "terms": "OPEN",
        "issued": date(2020, 1, 1).isoformat(), "modified": date(2024, 1, 1).isoformat(), "version": "1.0",
        "frequency": "annual", "temporal_coverage": {"start": "2000-01-01", "end": "2023-12-31"},
        "spatial_coverage": [{"uri": "http://publications.europa.eu/resource/authority/continent/EUROPE"}],
        "landing_page": f"https://stats.example.org/table/{index}", "num_series": index % 1000,
        "quality_statement": _text("Checked."),
        "distributions": [
            {"id": "CSV", "format": "CSV", "download_url": f"https://stats.example.org/files/{did}.csv?x=1&y=2",
             "byte_size": 1000 + index, "availability": "stable",
             "checksum": {"algorithm": "sha256", "value": f"{index:064x}"}},
            {"id": "XLSX", "format": "XLSX", "download_url": f"https://stats.example.org/files/{did}.xlsx"},
            {"id": "SDMX", "format": "SDMX", "access_url": f"https://stats.example.org/sdmx/{did}"},
        ],
        "variables": variables,
    }, context=CONTEXT)


class LazyDatasets(Mapping[str, Dataset]):
    """``n`` datasets, made one at a time when iterated: never all in memory."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __len__(self) -> int:
        return self.n

    def __iter__(self) -> Iterator[str]:
        return (f"DS_{i:07d}" for i in range(self.n))

    def __getitem__(self, key: str) -> Dataset:
        return make_dataset(int(key.split("_")[1]))

    def values(self):  # type: ignore[override]
        return (make_dataset(i) for i in range(self.n))


def synthetic_view(n: int) -> PublicView:
    """The public view of a synthetic catalogue of ``n`` datasets (all public)."""
    vocab = vocabulary()
    info = CatalogueInfo.model_validate({
        "id": "BENCH", "base_uri": "https://stats.example.org/", "default_language": "en", "languages": list(LANGS),
        "title": _text("Benchmark catalogue"), "description": _text("Synthetic catalogue."), "publisher": "NSO",
        "licence": "CC-BY-4.0", "themes": [{"id": "T1", "name": _text("Population"), "eu_theme": "SOCI"}],
    }, context=CONTEXT)
    agency = Agency.model_validate({"id": "NSO", "name": _text("Office"), "type": "national_authority",
                                    "contacts": [{"id": "CONTACT", "name": _text("Desk"),
                                                  "email": "desk@stats.example.org"}]}, context=CONTEXT)
    known = vocab.licences["CC-BY-4.0"].model_dump()
    licence = Licence.model_validate({"id": "CC-BY-4.0", **{k: v for k, v in known.items() if k in Licence.model_fields}},
                                     context=CONTEXT)
    terms = TermsOfUse.model_validate({"id": "OPEN", "name": _text("Open"), "access_level": "public",
                                       "access_type": "open"}, context=CONTEXT)
    concepts = [{"id": c, "name": _text(c)} for c in
                ["C0", "C1", "C2", "C3", "C4", "TIME_PERIOD", "OBS_VALUE", "OBS_STATUS", "UNIT_MULT", "COMMENT"]]
    scheme = ConceptScheme.model_validate({"id": "CS", "agency": "NSO", "name": _text("Concepts"),
                                           "concepts": concepts}, context=CONTEXT)
    codelists = {f"CL_{k}": Codelist.model_validate({"id": f"CL_{k}", "agency": "NSO", "name": _text(f"List {k}"),
                                                      "codes": [{"id": "A", "name": _text("A")}]}, context=CONTEXT)
                 for k in range(5)}
    return PublicView(info=info, as_of=AS_OF, agencies={"NSO": agency}, licences={"CC-BY-4.0": licence},
                      terms={"OPEN": terms}, concept_schemes={"CS": scheme}, codelists=codelists,
                      datasets=LazyDatasets(n))

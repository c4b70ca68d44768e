"""A new catalogue folder for an import: its ``catalogue.yaml`` made from the languages, publisher, base URI and
title the user gives, and the publisher's agency record where ``mappings/sdmx_agencies.yaml`` knows it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from catalogue.model import Agency, CatalogueInfo
from catalogue.records.writer import CATALOGUE_FILE, record_data
from catalogue.model.kinds import KIND_FOLDERS
from catalogue.vocab import Vocabulary, vocabulary
from catalogue.importers.apply import keep_languages, validation_messages, write_record_file
from catalogue.errors import ImportTargetError


@dataclass(frozen=True)
class NewCatalogue:
    """What a new catalogue needs from the command line (languages first: the first is the default)."""

    languages: list[str] = field(default_factory=list)
    agency: str | None = None
    base_uri: str | None = None
    title: str | None = None

    def asked(self) -> bool:
        return bool(self.languages or self.base_uri or self.title)


REQUIRED = {"languages": "--language TAG", "agency": "--agency ID", "base_uri": "--base-uri URL", "title": "--title TEXT"}


def new_catalogue_info(new: NewCatalogue) -> CatalogueInfo:
    """The catalogue record of a new catalogue, or an error naming every option it lacks or gets wrong."""
    missing = [option for name, option in REQUIRED.items() if not getattr(new, name)]
    if missing:
        raise ImportTargetError("a new catalogue needs " + ", ".join(REQUIRED.values()) + f" (missing: {', '.join(missing)})")
    assert new.agency is not None and new.title is not None
    default = new.languages[0]
    data = {"id": new.agency.replace(".", "_") + "_CATALOGUE", "base_uri": new.base_uri, "default_language": default,
            "languages": list(dict.fromkeys(new.languages)), "title": {default: new.title},
            "description": {default: new.title}, "publisher": new.agency}  # the title until an officer writes one
    try:
        return CatalogueInfo.model_validate(data, context={"default_language": default, "languages": new.languages})
    except ValidationError as error:
        raise ImportTargetError(f"the new catalogue's {CATALOGUE_FILE} would be invalid: "
                                + "; ".join(validation_messages(error, limit=10))) from None


def start_catalogue(into: Path, info: CatalogueInfo, vocab: Vocabulary) -> list[Path]:
    """Write ``catalogue.yaml`` (and the publisher's agency record when the SDMX agencies table names it in a
    language of the catalogue) into ``into``, which has no catalogue yet; the files written."""
    written = [into / CATALOGUE_FILE]
    write_record_file(written[0], record_data(info))
    known = vocab.sdmx_agencies.get(info.publisher)
    agency_path = into / KIND_FOLDERS["agency"] / f"{info.publisher}.yaml"
    if known is None or agency_path.exists():
        return written
    data = keep_languages({"id": info.publisher, **known}, info.languages, Counter())
    try:
        agency = Agency.model_validate(data, context={"default_language": info.default_language,
                                                      "languages": info.languages})
    except ValidationError:  # no name in the catalogue's languages: the import's report asks for the record
        return written
    write_record_file(agency_path, record_data(agency))
    return [*written, agency_path]


def import_target(into: Path, new: NewCatalogue | None, dry_run: bool) -> tuple[CatalogueInfo | None, list[Path]]:
    """The catalogue record an import into ``into`` writes with (None for an existing catalogue: the writer reads
    it) and the files written to start a new one that ``new`` describes (none in a dry run)."""
    asked = new is not None and new.asked()
    if (into / CATALOGUE_FILE).is_file():
        if asked:
            raise ImportTargetError(f"{into} already has its {CATALOGUE_FILE}: --language, --base-uri and --title "
                                    "are for a new catalogue")
        return None, []
    if new is None or not asked:
        raise ImportTargetError(f"{into}: no {CATALOGUE_FILE}: import into a catalogue folder, or start a new one "
                                "with --language TAG, --agency ID, --base-uri URL and --title TEXT")
    info = new_catalogue_info(new)
    if dry_run:
        return info, []
    into.mkdir(parents=True, exist_ok=True)
    return info, start_catalogue(into, info, vocabulary())

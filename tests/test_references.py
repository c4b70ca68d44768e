"""Issue 32: references to codelists, concept schemes and concepts, resolved as SDMX names artefacts (agency, id,
version), with the short forms existing folders use (a reference without agency names the catalogue's own agency's
artefact, without version the latest stable one), and ``check`` telling when a short form is ambiguous."""

from __future__ import annotations

import pytest
from lxml import etree

from catalogue.conformance.validators import sdmx_xsd_errors
from catalogue.errors import UnresolvedReference
from catalogue.messages import Message
from catalogue.model import Codelist
from catalogue.model.references import Artefacts
from catalogue.records.loader import load_catalogue

from .conftest import replace_in, run


def _codelist(agency: str, version: str) -> Codelist:
    return Codelist.model_construct(id="CL_FREQ", agency=agency, version=version, name={"en": "Frequency"})


VERSIONS = {f"{agency}:CL_FREQ({version})": _codelist(agency, version)
            for agency, version in (("ECB", "1.0"), ("SDMX", "2.0"), ("SDMX", "2.1"), ("ESTAT", "3.0.0-draft"),
                                    ("ESTAT", "0.9.0"))}


@pytest.mark.parametrize(("own", "reference", "expected"), [
    ("ECB", "CL_FREQ", "ECB:CL_FREQ(1.0)"),  # the catalogue's own agency's, without naming it
    ("BSO", "SDMX:CL_FREQ", "SDMX:CL_FREQ(2.1)"),  # the latest version
    ("BSO", "SDMX:CL_FREQ(2.0)", "SDMX:CL_FREQ(2.0)"),
    ("BSO", "SDMX:CL_FREQ(2.0.0)", "SDMX:CL_FREQ(2.0)"),  # 2.0 is 2.0.0
    ("BSO", "SDMX:CL_FREQ(+)", "SDMX:CL_FREQ(2.1)"),
    ("BSO", "SDMX:CL_FREQ(2.0+.0)", "SDMX:CL_FREQ(2.1)"),
    ("BSO", "ESTAT:CL_FREQ", "ESTAT:CL_FREQ(3.0.0-draft)"),  # none stable: the latest of any kind
    ("BSO", "ESTAT:CL_FREQ(~)", "ESTAT:CL_FREQ(3.0.0-draft)"),
])
def test_a_reference_names_one_version(own: str, reference: str, expected: str) -> None:
    assert Artefacts(VERSIONS, own, Message("codelist")).resolve(reference) == expected


@pytest.mark.parametrize(("reference", "said"), [
    ("CL_FREQ", "codelist 'CL_FREQ' is maintained by several agencies (ECB, ESTAT, SDMX): name one, "
                "e.g. 'ECB:CL_FREQ'"),
    ("SDMX:CL_FREQ(*)", "codelist reference 'SDMX:CL_FREQ(*)' names several versions (2.0, 2.1): name one"),
    ("SDMX:CL_FREQ(9.0)", "no version of codelist 'SDMX:CL_FREQ(9.0)' matches '9.0' (versions: 2.0, 2.1)"),
    ("ESTAT:CL_FREQ(+)", "no version of codelist 'ESTAT:CL_FREQ(+)' matches '+'"),  # stable versions only
    ("IMF:CL_FREQ", "unknown codelist 'IMF:CL_FREQ'"),
])
def test_a_reference_that_names_none_or_several_says_so(reference: str, said: str) -> None:
    with pytest.raises(UnresolvedReference) as raised:
        Artefacts(VERSIONS, "BSO", Message("codelist")).resolve(reference)
    assert str(raised.value.message).startswith(said)


SDMX_SCHEME = """\
id: CROSS_DOMAIN
agency: SDMX
version: "2.0"
name: {en: SDMX cross-domain concepts}
concepts:
  - {id: SEX, name: {en: Sex}}
  - {id: BASE_PER, name: {en: Base period}}
"""
ESTAT_SCHEME = """\
id: CS_ESTAT
agency: ESTAT
version: "1.0"
name: {en: Eurostat concepts}
concepts:
  - {id: BASE_PER, name: {en: Base period}}
"""


def test_one_concept_id_in_several_schemes(census, cli, tmp_path):
    (census / "concepts" / "CROSS_DOMAIN.yaml").write_text(SDMX_SCHEME, encoding="utf-8")
    loaded = load_catalogue(census)
    assert loaded.ok, "\n".join(map(str, loaded.errors))  # SEX: the catalogue's own agency's (BSO)
    assert loaded.catalogue.shared().concepts.resolve("SEX")[0] == "BSO:CS_BSO(1.0)"
    dataset = census / "datasets" / "DS_POP_AGE_SEX_REGION.yaml"
    replace_in(dataset, "concept: SEX", "concept: CROSS_DOMAIN.SEX")
    assert load_catalogue(census).ok
    exported = tmp_path / "structures.xml"
    assert run(cli, "export", "sdmx", str(census), "-o", str(exported)).exit_code == 0
    assert sdmx_xsd_errors(exported, "2.1") == []
    structure = next(s for s in etree.parse(str(exported)).iter("{*}DataStructure")
                     if s.get("id").endswith("POP_AGE_SEX_REGION"))
    sex = next(d for d in structure.iter("{*}Dimension") if d.get("id") == "SEX")
    ref = next(sex.iter("{*}ConceptIdentity")).find("Ref")
    assert (ref.get("agencyID"), ref.get("maintainableParentID"), ref.get("maintainableParentVersion"),
            ref.get("id")) == ("SDMX", "CROSS_DOMAIN", "2.0", "SEX")
    concept_schemes = {s.get("id"): [c.get("id") for c in s.iter("{*}Concept")]
                       for s in etree.parse(str(exported)).iter("{*}ConceptScheme")}
    assert concept_schemes["CROSS_DOMAIN"] == ["SEX"]  # only what public variables use


def test_an_ambiguous_concept_is_an_error_until_its_scheme_is_named(census):
    (census / "concepts" / "CROSS_DOMAIN.yaml").write_text(SDMX_SCHEME, encoding="utf-8")
    (census / "concepts" / "CS_ESTAT.yaml").write_text(ESTAT_SCHEME, encoding="utf-8")
    (census / "agencies" / "ESTAT.yaml").write_text("id: ESTAT\nname: {en: Eurostat}\n", encoding="utf-8")
    dataset = census / "datasets" / "DS_POP_AGE_SEX_REGION.yaml"
    replace_in(dataset, "concept: SEX", "concept: BASE_PER")
    found = [str(problem) for problem in load_catalogue(census).errors]
    assert any("DS_POP_AGE_SEX_REGION.yaml" in problem and "concept 'BASE_PER' is in several concept schemes "
               "(ESTAT:CS_ESTAT, ESTAT:SIMS_CONCEPTS, SDMX:CROSS_DOMAIN): name one, e.g. 'CS_ESTAT.BASE_PER'" in problem
               for problem in found), found
    replace_in(dataset, "concept: BASE_PER", "concept: ESTAT:CS_ESTAT(1.0).BASE_PER")
    assert load_catalogue(census).ok
    replace_in(dataset, "concept: ESTAT:CS_ESTAT(1.0).BASE_PER", "concept: CS_ESTAT.SEX")
    found = [str(problem) for problem in load_catalogue(census).errors]
    assert any("concept scheme 'ESTAT:CS_ESTAT(1.0)' has no concept 'SEX'" in problem for problem in found), found


def test_a_concept_id_twice_in_one_scheme_is_an_error(census):
    scheme = census / "concepts" / "CS_BSO.yaml"
    scheme.write_text(scheme.read_text(encoding="utf-8") + "  - {id: SEX, name: {en: Sex again}}\n",
                      encoding="utf-8")
    found = [str(problem) for problem in load_catalogue(census).errors]
    assert any("CS_BSO.yaml" in problem and "concept 'SEX' appears more than once" in problem
               for problem in found), found

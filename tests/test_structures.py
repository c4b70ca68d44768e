"""Issue 32, point 3: data structures as records that several datasets share. A dataset names its structure and
takes its variables from it, or keeps its own; every check, output, import, store and editor path reads the
structure's variables as the dataset's, and a confidential variable of a structure never leaves."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from lxml import etree
from pysdmx.io import read_sdmx as pysdmx_read

from catalogue.conformance.validators import sdmx_xsd_errors
from catalogue.editing.service import Editing
from catalogue.errors import CatalogueError, RecordsInvalid
from catalogue.formats.sdmx import build_structures
from catalogue.policy.view import public_view
from catalogue.records.loader import load_catalogue, read_catalogue
from catalogue.server import create_app
from catalogue.store import open_store
from catalogue.store.accounts import Accounts
from catalogue.store.folders import dump_folder

from .conftest import EXAMPLE, line_of, replace_in, run
from .exports import every_export
from .test_incremental_build import assert_same_tree
from .test_import_sdmx import CASES, SAMPLES, catalogue_folder, needs_samples
from .test_sdmx_identity import HEAD, TAIL

AS_OF = datetime(2026, 1, 1, tzinfo=timezone.utc)
STRUCTURE = "BSO:DSD_HH_SIZE(1.0)"
SECRET_LABEL = "Zqx observation status"
"""The label a test gives a structure's variable: found nowhere else, so that its absence from an output is told."""


def shared_structure(folder: Path, confidential: bool = False) -> Path:
    """Census with DS_HH_SIZE_REGION's variables moved into a data structure record, which a second dataset
    (DS_HH_SIZE_REGION_2011, without a local file) names too. Its OBS_STATUS is labelled ``SECRET_LABEL``."""
    shutil.copytree(EXAMPLE, folder)
    path = folder / "datasets" / "DS_HH_SIZE_REGION.yaml"
    dataset = yaml.safe_load(path.read_text(encoding="utf-8"))
    variables = dataset.pop("variables")
    for variable in variables:
        if variable["id"] == "OBS_STATUS":
            variable["label"] = {"en": SECRET_LABEL, "fr": SECRET_LABEL}
            if confidential:
                variable["confidential"] = True
    structure = {"id": "DSD_HH_SIZE", "agency": "BSO", "version": "1.0",
                 "name": {"en": "Households by size", "fr": "Ménages selon la taille"}, "variables": variables}
    place = folder / "structures" / "BSO" / "DSD_HH_SIZE" / "1.0.yaml"
    place.parent.mkdir(parents=True)
    place.write_text(yaml.safe_dump(structure, allow_unicode=True, sort_keys=False), encoding="utf-8")
    dataset["structure"] = "DSD_HH_SIZE"
    path.write_text(yaml.safe_dump(dataset, allow_unicode=True, sort_keys=False), encoding="utf-8")
    other = {**dataset, "id": "DS_HH_SIZE_REGION_2011", "identifier": "BSO-CEN2011-T05", "related": [],
             "title": {"en": "Private households by size and region, 2011 Census",
                       "fr": "Ménages privés selon la taille et la région, Recensement de 2011"},
             "distributions": [d for d in dataset["distributions"] if "path" not in d]}
    (folder / "datasets" / "DS_HH_SIZE_REGION_2011.yaml").write_text(
        yaml.safe_dump(other, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return place


def test_two_datasets_take_the_variables_of_the_structure_they_name(tmp_path):
    shared_structure(tmp_path / "c")
    loaded = load_catalogue(tmp_path / "c")
    assert loaded.ok, [str(p) for p in loaded.errors]
    catalogue = loaded.catalogue
    structure = catalogue.data_structures[STRUCTURE]
    for dataset_id in ("DS_HH_SIZE_REGION", "DS_HH_SIZE_REGION_2011"):
        assert catalogue.datasets[dataset_id].variables == structure.variables
    inline = read_catalogue(EXAMPLE).datasets["DS_HH_SIZE_REGION"]
    assert [v.id for v in structure.variables] == [v.id for v in inline.variables]


@pytest.mark.parametrize("edit, file, fragment, message", [
    (("structures/BSO/DSD_HH_SIZE/1.0.yaml", "codelist: CL_HH_SIZE", "codelist: CL_NOPE"),
     "structures/BSO/DSD_HH_SIZE/1.0.yaml", "CL_NOPE", "variables[1].codelist: unknown codelist 'CL_NOPE'"),
    (("datasets/DS_HH_SIZE_REGION_2011.yaml", "structure: DSD_HH_SIZE", "structure: DSD_NOPE"),
     "datasets/DS_HH_SIZE_REGION_2011.yaml", "DSD_NOPE", "structure: unknown data structure 'DSD_NOPE'"),
    (("datasets/DS_HH_SIZE_REGION_2011.yaml", "structure: DSD_HH_SIZE",
      "structure: DSD_HH_SIZE\nvariables:\n- {id: X, label: {en: x, fr: x}, role: other, data_type: string}"),
     "datasets/DS_HH_SIZE_REGION_2011.yaml", "structure: DSD_HH_SIZE",
     "a dataset naming a structure takes its variables from it"),
    (("structures/BSO/DSD_HH_SIZE/1.0.yaml", "version: '1.0'", "version: 1.1.0-draft"),
     "datasets/DS_HH_SIZE_REGION.yaml", "structure: DSD_HH_SIZE",
     "a published dataset names a released version of its data structure: 'BSO:DSD_HH_SIZE(1.1.0-draft)' is a "
     "draft"),
])
def test_each_mistake_is_told_in_the_file_that_makes_it(tmp_path, edit, file, fragment, message):
    folder = tmp_path / "c"
    shared_structure(folder)
    replace_in(folder / edit[0], edit[1], edit[2])
    if "draft" in edit[2]:
        draft = folder / "structures" / "BSO" / "DSD_HH_SIZE" / "1.1.0-draft.yaml"
        (folder / edit[0]).rename(draft)
    found = [p for p in load_catalogue(folder).errors if message in str(p)]
    assert found, [str(p) for p in load_catalogue(folder).errors]
    assert found[0].file == str(folder / file) and found[0].line == line_of(folder / file, fragment)


def test_a_dataset_of_its_own_variables_is_not_named_as_a_structure_record(tmp_path):
    """SDMX names the structure of a dataset's own variables ``DSD_`` and its id: a structure record of that
    identity, its version spelt another way (1.1 and 1.1.0 are one version), would be a second, different artefact of
    one URN."""
    folder = tmp_path / "c"
    shared_structure(folder)
    population = folder / "datasets" / "DS_POP_AGE_SEX_REGION.yaml"
    version = str(yaml.safe_load(population.read_text(encoding="utf-8"))["version"]) + ".0"
    assert version.count(".") == 2
    place = folder / "structures" / "BSO" / "DSD_POP_AGE_SEX_REGION" / f"{version}.yaml"
    place.parent.mkdir(parents=True)
    text = (folder / "structures" / "BSO" / "DSD_HH_SIZE" / "1.0.yaml").read_text(encoding="utf-8")
    place.write_text(text.replace("id: DSD_HH_SIZE", "id: DSD_POP_AGE_SEX_REGION")
                     .replace("version: '1.0'", f"version: '{version}'"), encoding="utf-8")
    errors = [str(p) for p in load_catalogue(folder).errors]
    assert any("DS_POP_AGE_SEX_REGION.yaml" in e and "as the data structure record of that identity" in e
               for e in errors), errors


def test_an_unreadable_structure_is_told_once_not_at_each_dataset(tmp_path):
    place = shared_structure(tmp_path / "c")
    for broken in ("id: [\n", "id: DSD_HH_SIZE\nagency: BSO\nversion: abc\n"):
        place.write_text(broken, encoding="utf-8")
        errors = load_catalogue(tmp_path / "c").errors
        assert {e.file for e in errors} == {str(place)}, [str(e) for e in errors]


def test_an_imported_dataflow_keeps_its_id_and_a_wrong_one_is_told(tmp_path):
    folder = tmp_path / "c"
    shared_structure(folder)
    path = folder / "datasets" / "DS_HH_SIZE_REGION_2011.yaml"
    replace_in(path, "structure: DSD_HH_SIZE", "structure: DSD_HH_SIZE\ndataflow: HH_SIZE_REGION_2011")
    catalogue = read_catalogue(folder)
    flows = {ref.id for ref in build_structures(public_view(catalogue, AS_OF)).dataflows}
    assert {"DF_HH_SIZE_REGION", "HH_SIZE_REGION_2011"} <= flows
    for wrong in ("DF_HH_SIZE_REGION", "HH_SIZE_REGION"):  # another dataset's, or not its own
        replace_in(path, "dataflow: HH_SIZE_REGION_2011", f"dataflow: {wrong}")
        errors = [str(p) for p in load_catalogue(folder).errors]
        assert any("dataflow: the dataflow of 'DS_HH_SIZE_REGION_2011' is 'HH_SIZE_REGION_2011'" in e
                   for e in errors), errors
        replace_in(path, f"dataflow: {wrong}", "dataflow: HH_SIZE_REGION_2011")


def test_sdmx_writes_a_shared_structure_once_and_both_dataflows_name_it(cli, tmp_path):
    shared_structure(tmp_path / "c")
    for version in ("2.1", "3.0"):
        written = tmp_path / f"structure-{version}.xml"
        result = run(cli, "export", "sdmx", str(tmp_path / "c"), "-o", str(written), "--sdmx-version", version)
        assert result.exit_code == 0, result.output
        assert sdmx_xsd_errors(written, version) == []
        tree = etree.parse(str(written))
        structures = [e for e in tree.iter("{*}DataStructure") if e.get("id") == "DSD_HH_SIZE"]
        assert len(structures) == 1
        assert "Households by size" in etree.tostring(structures[0], encoding="unicode")
        flows = {e.get("id"): e for e in tree.iter("{*}Dataflow")}
        for flow in ("DF_HH_SIZE_REGION", "DF_HH_SIZE_REGION_2011"):
            named = etree.tostring(flows[flow], encoding="unicode")
            assert "DSD_HH_SIZE" in named, named
        read = pysdmx_read(str(written)).structures
        dsds = [s for s in read if type(s).__name__ == "DataStructureDefinition" and s.id == "DSD_HH_SIZE"]
        assert len(dsds) == 1 and [c.id for c in dsds[0].components] == \
            ["REF_AREA", "HH_SIZE", "TIME_PERIOD", "OBS_VALUE", "UNIT_MEASURE", "OBS_STATUS"]


def test_a_confidential_variable_of_a_structure_leaves_by_no_output(tmp_path):
    shared_structure(tmp_path / "open")
    shared_structure(tmp_path / "closed", confidential=True)
    opened = every_export(public_view(read_catalogue(tmp_path / "open"), AS_OF))
    assert any(SECRET_LABEL in text for text in opened.values())  # the label is told where it may be
    view = public_view(read_catalogue(tmp_path / "closed"), AS_OF)
    leaked = [name for name, text in every_export(view).items() if SECRET_LABEL in text]
    assert leaked == []
    assert [v.id for v in view.data_structures[STRUCTURE].variables] == \
        ["REF_AREA", "HH_SIZE", "TIME_PERIOD", "OBS_VALUE", "UNIT_MEASURE"]
    dsd = next(d for ref, d in build_structures(view).data_structures.items() if ref.id == "DSD_HH_SIZE")
    assert "OBS_STATUS" not in [c.id for c in dsd.components]


def test_a_structure_made_confidential_is_published_again_by_an_incremental_build(cli, tmp_path):
    """The datasets' files do not change, their structure's does: every output that showed the variable is made
    again (the build's reuse keys hold the structures), and the site equals a full build."""
    records, site, full = tmp_path / "records", tmp_path / "site", tmp_path / "full"
    place = shared_structure(records)

    def build(out: Path) -> None:  # the census table's file holds the column: it is left out of the copy
        arguments = ["build", str(records), "--out", str(out), "--quiet", "--as-of", AS_OF.isoformat(),
                     "--strip-confidential"]
        result = run(cli, *arguments)
        assert result.exit_code == 0, result.output

    build(site)
    assert SECRET_LABEL in (site / "datapackages" / "DS_HH_SIZE_REGION_2011" / "datapackage.json").read_text(
        encoding="utf-8")
    replace_in(place, "  codelist: CL_OBS_STATUS", "  codelist: CL_OBS_STATUS\n  confidential: true")
    build(site)
    build(full)
    assert_same_tree(site, full)
    shown = [str(p.relative_to(site)) for p in site.rglob("*") if p.is_file()
             and SECRET_LABEL.encode() in p.read_bytes()]
    assert shown == []


def test_a_store_keeps_the_structure_and_a_dump_writes_datasets_that_name_it(tmp_path):
    shared_structure(tmp_path / "c")
    catalogue = read_catalogue(tmp_path / "c")
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    store.load(catalogue, tmp_path / "c", "ana", "load")
    dumped = tmp_path / "dumped"
    dump_folder(store, dumped)
    dataset = yaml.safe_load((dumped / "datasets" / "DS_HH_SIZE_REGION_2011.yaml").read_text(encoding="utf-8"))
    assert dataset["structure"] == STRUCTURE and "variables" not in dataset
    assert (dumped / "structures" / "BSO" / "DSD_HH_SIZE" / "1.0.yaml").is_file()
    again = read_catalogue(dumped)
    assert again.datasets["DS_HH_SIZE_REGION_2011"] == catalogue.datasets["DS_HH_SIZE_REGION_2011"]
    assert again.data_structures == catalogue.data_structures


def test_a_released_structure_never_changes_in_a_store(tmp_path):
    place = shared_structure(tmp_path / "c")
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    store.load(read_catalogue(tmp_path / "c"), tmp_path / "c", "ana", "load")
    replace_in(place, f"    en: {SECRET_LABEL}", "    en: Observation status, renamed")
    with pytest.raises(RecordsInvalid):
        store.load(read_catalogue(tmp_path / "c"), tmp_path / "c", "ana", "load")
    assert SECRET_LABEL in str(store.catalogue().data_structures[STRUCTURE].variables[-1].label)


def test_the_server_answers_a_shared_structure_by_its_identity(tmp_path):
    shared_structure(tmp_path / "c")
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    store.load(read_catalogue(tmp_path / "c"), tmp_path / "c", "ana", "load")
    with TestClient(create_app(store, lambda: AS_OF)) as client:
        answer = client.get("/sdmx/rest/datastructure/BSO/DSD_HH_SIZE/1.0")
        assert answer.status_code == 200, answer.text
        assert [e.get("id") for e in etree.fromstring(answer.content).iter("{*}DataStructure")] == ["DSD_HH_SIZE"]
        flows = client.get("/sdmx/rest/dataflow/BSO/all/latest?references=datastructure")
        tree = etree.fromstring(flows.content)
        assert [e.get("id") for e in tree.iter("{*}DataStructure") if e.get("id") == "DSD_HH_SIZE"] == ["DSD_HH_SIZE"]


MESSAGE = HEAD + """
<str:Codelists>
  <str:Codelist agencyID="ECB" id="CL_FREQ" version="1.0"><com:Name xml:lang="en">Frequency</com:Name>
    <str:Code id="A"><com:Name xml:lang="en">Annual</com:Name></str:Code>
    <str:Code id="M"><com:Name xml:lang="en">Monthly</com:Name></str:Code></str:Codelist>
</str:Codelists>
<str:Concepts>
  <str:ConceptScheme agencyID="ECB" id="ECB_CONCEPTS" version="1.0"><com:Name xml:lang="en">Concepts</com:Name>
    <str:Concept id="FREQ"><com:Name xml:lang="en">Frequency</com:Name></str:Concept>
    <str:Concept id="TIME_PERIOD"><com:Name xml:lang="en">Time</com:Name></str:Concept>
    <str:Concept id="OBS_VALUE"><com:Name xml:lang="en">Value</com:Name></str:Concept>
  </str:ConceptScheme>
</str:Concepts>
<str:DataStructures>
  <str:DataStructure agencyID="ECB" id="ECB_EXR1" version="1.0"><com:Name xml:lang="en">Exchange rates</com:Name>
    <str:DataStructureComponents>
      <str:DimensionList id="DimensionDescriptor">
        <str:Dimension id="FREQ" position="1"><str:ConceptIdentity><Ref maintainableParentID="ECB_CONCEPTS"
          maintainableParentVersion="1.0" agencyID="ECB" id="FREQ" class="Concept" package="conceptscheme"/>
          </str:ConceptIdentity><str:LocalRepresentation><str:Enumeration><Ref agencyID="ECB" id="CL_FREQ"
          version="1.0" class="Codelist" package="codelist"/></str:Enumeration></str:LocalRepresentation>
        </str:Dimension>
        <str:TimeDimension id="TIME_PERIOD" position="2"><str:ConceptIdentity><Ref
          maintainableParentID="ECB_CONCEPTS" maintainableParentVersion="1.0" agencyID="ECB" id="TIME_PERIOD"
          class="Concept" package="conceptscheme"/></str:ConceptIdentity><str:LocalRepresentation><str:TextFormat
          textType="ObservationalTimePeriod"/></str:LocalRepresentation></str:TimeDimension>
      </str:DimensionList>
      <str:MeasureList id="MeasureDescriptor">
        <str:PrimaryMeasure id="OBS_VALUE"><str:ConceptIdentity><Ref maintainableParentID="ECB_CONCEPTS"
          maintainableParentVersion="1.0" agencyID="ECB" id="OBS_VALUE" class="Concept" package="conceptscheme"/>
          </str:ConceptIdentity></str:PrimaryMeasure>
      </str:MeasureList>
    </str:DataStructureComponents>
  </str:DataStructure>
</str:DataStructures>
<str:Dataflows>
  <str:Dataflow agencyID="ECB" id="EXR" version="1.0"><com:Name xml:lang="en">Exchange rates</com:Name>
    <str:Structure><Ref agencyID="ECB" id="ECB_EXR1" version="1.0" class="DataStructure"
      package="datastructure"/></str:Structure></str:Dataflow>
  <str:Dataflow agencyID="ECB" id="EXR_DAILY" version="1.0"><com:Name xml:lang="en">Daily exchange rates</com:Name>
    <str:Structure><Ref agencyID="ECB" id="ECB_EXR1" version="1.0" class="DataStructure"
      package="datastructure"/></str:Structure></str:Dataflow>
</str:Dataflows>
""" + TAIL


def test_an_imported_structure_is_one_record_that_its_dataflows_name_and_its_urn_comes_back(cli, tmp_path):
    folder = catalogue_folder(tmp_path / "catalogue", ["en"], "en")
    source = tmp_path / "message.xml"
    source.write_text(MESSAGE, encoding="utf-8")
    result = run(cli, "import", "sdmx", str(source), "--into", str(folder), "--terms", "OPEN")
    assert result.exit_code == 0, result.output
    assert sorted(p.relative_to(folder).as_posix() for p in (folder / "structures").rglob("*.yaml")) == \
        ["structures/ECB/ECB_EXR1/1.0.yaml"]
    catalogue = read_catalogue(folder)
    assert {d.id: d.structure for d in catalogue.datasets.values()} == \
        {"DS_EXR": "ECB:ECB_EXR1(1.0)", "DS_EXR_DAILY": "ECB:ECB_EXR1(1.0)"}
    for path in (folder / "datasets").glob("*.yaml"):
        replace_in(path, "status: draft", "status: published")
        assert "variables" not in path.read_text(encoding="utf-8")
    exported = tmp_path / "again.xml"
    assert run(cli, "export", "sdmx", str(folder), "-o", str(exported), "--sdmx-version", "2.1").exit_code == 0
    urns = {e.get("urn") for e in etree.parse(str(exported)).iter() if e.get("urn")}
    assert "urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=ECB:ECB_EXR1(1.0)" in urns
    assert {"urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=ECB:EXR(1.0)",
            "urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=ECB:EXR_DAILY(1.0)",
            "urn:sdmx:org.sdmx.infomodel.codelist.Codelist=ECB:CL_FREQ(1.0)",
            "urn:sdmx:org.sdmx.infomodel.conceptscheme.ConceptScheme=ECB:ECB_CONCEPTS(1.0)"} <= urns


# -- the editor ---------------------------------------------------------------------------------------------------

def _editing(tmp_path: Path, confidential: bool = False) -> tuple[Editing, object]:
    shared_structure(tmp_path / "c", confidential=confidential)
    catalogue = read_catalogue(tmp_path / "c")
    agency = catalogue.agencies["BSO"].model_copy(update={"id": "MIN"})
    catalogue = catalogue.model_copy(update={"agencies": {**catalogue.agencies, "MIN": agency}})
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    store.load(catalogue, tmp_path / "c", "ana", "load")
    accounts = Accounts(store.engine)
    for user, agency_id in (("bso", "BSO"), ("min", "MIN")):
        accounts.add_user(user, None)
        accounts.set_role(user, agency_id, "admin")
    return Editing(store, lambda: AS_OF, separate_duties=False), store


def _dataset(editing: Editing, publisher: str, structure: str) -> dict:
    data = dict(editing.open("bso", "dataset", "DS_HH_SIZE_REGION_2011").data)
    data.update({"id": f"DS_{publisher}_HH", "publisher": publisher, "structure": structure, "status": "draft"})
    data.pop("contact_point", None)
    return data


def test_the_editor_gives_a_dataset_its_structures_variables_and_publishes_them(tmp_path):
    editing, store = _editing(tmp_path)
    opened = editing.open("bso", "dataset", "DS_HH_SIZE_REGION_2011")
    assert opened.data["structure"] == STRUCTURE and "variables" not in opened.data  # the form shows the link
    data = _dataset(editing, "BSO", "BSO:DSD_HH_SIZE(1.0)")
    data["variables"] = [{"id": "SMUGGLED", "label": {"en": "x"}, "role": "other", "data_type": "string"}]
    record, issues = editing.check("dataset", data, "bso")
    assert record is not None and not [i for i in issues if i.is_error], [str(i) for i in issues]
    assert [v.id for v in record.variables] == [v.id for v in store.catalogue().data_structures[STRUCTURE].variables]
    created = editing.create("bso", "dataset", data)
    submitted = editing.submit("bso", "dataset", created.record_id, created.revision)
    approved = editing.approve("bso", "dataset", created.record_id, submitted.revision)
    editing.publish("bso", "dataset", created.record_id, approved.revision)
    published = store.catalogue().datasets["DS_BSO_HH"]
    assert "SMUGGLED" not in [v.id for v in published.variables]
    assert published.variables == store.catalogue().data_structures[STRUCTURE].variables


def test_another_agency_never_sees_a_structure_with_a_confidential_variable(tmp_path):
    editing, _ = _editing(tmp_path, confidential=True)
    data = _dataset(editing, "MIN", "BSO:DSD_HH_SIZE(1.0)")
    _, issues = editing.check("dataset", data, "min")
    said = " ".join(str(i) for i in issues)
    assert "unknown data structure" in said and SECRET_LABEL not in said and "OBS_STATUS" not in said
    assert "data_structures" not in str(editing.may_refer("min", data, "dataset").data_structures)
    # of BSO's structures, "min" sees only the example's DSD_LFS: released datasets name it, and it hides nothing
    assert set(editing.may_refer("min", data, "dataset").data_structures) == {"BSO:DSD_LFS(1.0)"}


def test_another_agency_may_name_a_public_structure_without_confidential_variables(tmp_path):
    editing, _ = _editing(tmp_path)
    data = _dataset(editing, "MIN", "BSO:DSD_HH_SIZE(1.0)")
    record, issues = editing.check("dataset", data, "min")
    assert record is not None and not [i for i in issues if i.is_error], [str(i) for i in issues]


def test_a_draft_structure_changes_while_a_draft_dataset_names_it(tmp_path):
    """A draft dataset takes its structure's variables when it is published: a draft structure it names may change
    (and be published) before."""
    editing, store = _editing(tmp_path)
    made = editing.new_version("bso", "data_structure", STRUCTURE, "1.1.0-draft")
    editing.submit("bso", "data_structure", made.record_id, made.revision)
    opened = editing.open("bso", "data_structure", made.record_id)
    approved = editing.approve("bso", "data_structure", made.record_id, opened.revision)
    editing.publish("bso", "data_structure", made.record_id, approved.revision)
    data = _dataset(editing, "BSO", made.record_id)
    created = editing.create("bso", "dataset", data)
    assert created.data["structure"] == made.record_id
    opened = editing.open("bso", "data_structure", made.record_id)
    variables = [{**v, "label": {**v["label"], "en": "Changed"}} if v["id"] == "HH_SIZE" else v
                 for v in opened.data["variables"]]
    saved = editing.save("bso", "data_structure", made.record_id, {**opened.data, "variables": variables},
                         opened.revision)
    submitted = editing.submit("bso", "data_structure", made.record_id, saved.revision)
    approved = editing.approve("bso", "data_structure", made.record_id, submitted.revision)
    editing.publish("bso", "data_structure", made.record_id, approved.revision)
    assert store.catalogue().data_structures[made.record_id].variables[1].label["en"] == "Changed"
    record, _ = editing.check("dataset", editing.open("bso", "dataset", created.record_id).data, "bso")
    assert record is not None and record.variables[1].label["en"] == "Changed"


def test_a_released_structure_is_read_only_in_the_editor(tmp_path):
    editing, store = _editing(tmp_path)
    opened = editing.open("bso", "data_structure", STRUCTURE)
    data = {**opened.data, "name": {"en": "Renamed", "fr": "Renommé"}}
    with pytest.raises(CatalogueError):
        editing.save("bso", "data_structure", STRUCTURE, data, opened.revision)
    made = editing.new_version("bso", "data_structure", STRUCTURE, "1.1")
    assert made.record_id == "BSO:DSD_HH_SIZE(1.1)"
    assert store.catalogue().data_structures[STRUCTURE].name["en"] == "Households by size"


def test_a_structure_file_named_by_its_id_is_read_and_upgraded_to_its_place(cli, tmp_path):
    """The layout: a structure file lies at ``structures/AGENCY/ID/VERSION.yaml``; one at the top of the folder,
    named by its id, is read too, and ``catalogue upgrade`` moves it to its place."""
    folder = tmp_path / "c"
    place = shared_structure(folder)
    flat = folder / "structures" / "DSD_HH_SIZE.yaml"
    place.rename(flat)
    before = read_catalogue(folder)
    assert STRUCTURE in before.data_structures
    result = run(cli, "upgrade", str(folder))
    assert result.exit_code == 0, result.output
    assert place.is_file() and not flat.exists()
    assert read_catalogue(folder) == before


@needs_samples
@pytest.mark.parametrize("name", ["ECB_EXR_1_structure-full.xml", "INSEE_IPI-2010-A21-structure.xml"])
def test_an_agencys_structures_and_dataflows_come_back_with_their_urns(cli, tmp_path, name):
    """Real messages: every data structure and dataflow imported goes out again, in SDMX-ML 2.1 and 3.0, with the
    identity it came with (each structure once, however many dataflows use it); a codelist or concept scheme goes
    out with its own identity too (those a public variable uses)."""
    languages, default = CASES[name]
    folder = catalogue_folder(tmp_path / "catalogue", languages, default)
    assert run(cli, "import", "sdmx", str(SAMPLES / name), "--into", str(folder), "--terms", "OPEN").exit_code == 0
    for path in (folder / "datasets").glob("*.yaml"):
        replace_in(path, "status: draft", "status: published")
    imported = read_catalogue(folder)

    def identities(path: Path) -> dict[str, set[tuple[str, str, str]]]:
        found: dict[str, set[tuple[str, str, str]]] = {}
        for element in etree.parse(str(path)).iter("{*}Codelist", "{*}ConceptScheme", "{*}DataStructure",
                                                   "{*}Dataflow"):
            if element.get("agencyID") and element.get("id"):  # a definition, not a reference
                found.setdefault(etree.QName(element).localname, set()).add(
                    (element.get("agencyID"), element.get("id"), element.get("version", "1.0")))
        return found

    original = identities(SAMPLES / name)
    structures = {(s.agency, s.id, s.version) for s in imported.data_structures.values()}
    flows = {(d.publisher, d.dataflow or f"DF_{d.id.removeprefix('DS_')}", d.version)
             for d in imported.datasets.values()}
    assert structures and structures <= original["DataStructure"]
    assert flows and flows <= original.get("Dataflow", set()) | {(a, f"DF_{i.removeprefix('DSD_')}", v)
                                                                for a, i, v in original["DataStructure"]}
    for version in ("2.1", "3.0"):
        exported = tmp_path / f"again-{version}.xml"
        result = run(cli, "export", "sdmx", str(folder), "-o", str(exported), "--sdmx-version", version)
        assert result.exit_code == 0, result.output
        assert sdmx_xsd_errors(exported, version) == []
        again = identities(exported)
        if version == "2.1":
            assert again["DataStructure"] == structures
            assert again["Dataflow"] == flows
            assert again["Codelist"] <= original["Codelist"] and again["ConceptScheme"] <= original["ConceptScheme"]
        else:  # 3.0 writes versions as X.Y.Z
            assert {(a, i) for a, i, _ in again["DataStructure"]} == {(a, i) for a, i, _ in structures}
            assert {(a, i) for a, i, _ in again["Dataflow"]} == {(a, i) for a, i, _ in flows}


def test_two_dataflows_that_would_be_one_dataset_import_once_and_say_so(cli, tmp_path):
    folder = catalogue_folder(tmp_path / "catalogue", ["en"], "en")
    source = tmp_path / "message.xml"
    twin = ('<str:Dataflow agencyID="ECB" id="DF_EXR" version="1.0"><com:Name xml:lang="en">Twin</com:Name>'
            '<str:Structure><Ref agencyID="ECB" id="ECB_EXR1" version="1.0" class="DataStructure" '
            'package="datastructure"/></str:Structure></str:Dataflow>\n</str:Dataflows>')
    source.write_text(MESSAGE.replace("</str:Dataflows>", twin), encoding="utf-8")
    result = run(cli, "import", "sdmx", str(source), "--into", str(folder), "--terms", "OPEN")
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "Dataflow[ECB:DF_EXR(1.0)]: not imported: another dataflow of the message is dataset DS_EXR" in said
    assert read_catalogue(folder).datasets["DS_EXR"].dataflow == "EXR"

"""Issue 32, point 3, as a stateful property: whatever officers do with a shared data structure and the datasets
that name it, in any order (new versions, variables made confidential or public, publications, datasets moved to
another version), what the public sees of each dataset is its published structure's variables less the confidential
ones, SDMX writes the structure so, a released version never changes, and a refused action changes nothing."""

from __future__ import annotations

import shutil
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from catalogue.editing.service import Editing
from catalogue.errors import CatalogueError
from catalogue.formats.sdmx import build_structures
from catalogue.model.identity import parse_identity
from catalogue.model.versions import stable
from catalogue.policy.view import public_view
from catalogue.records.loader import read_catalogue
from catalogue.records.writer import record_data
from catalogue.store import open_store
from catalogue.store.accounts import Accounts

from .machines import RefusalsChangeNothing
from .test_structures import shared_structure

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)
ARTEFACT = "BSO:DSD_HH_SIZE"
VERSIONS = ("1.0", "1.1", "2.0.0-draft", "0.9")
DATASETS = ("DS_HH_SIZE_REGION", "DS_HH_SIZE_REGION_2011")


class SharedStructures(RefusalsChangeNothing, RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="structures-"))
        shared_structure(self.folder / "records")
        self.store = open_store(f"sqlite:///{self.folder / 'c.db'}")
        self.store.load(read_catalogue(self.folder / "records"), self.folder / "records", "loader", "first load")
        accounts = Accounts(self.store.engine)
        accounts.add_user("chief", None)
        accounts.set_role("chief", "BSO", "admin")
        self.editing = Editing(self.store, lambda: NOW, separate_duties=False)
        self.released: dict[str, dict] = {}
        """The model: each stable version of the structure ever published, as first published."""
        self.remember()

    def teardown(self) -> None:
        self.store.engine.dispose()
        shutil.rmtree(self.folder, ignore_errors=True)

    def state(self) -> tuple:
        catalogue = self.store.catalogue()
        copies = []
        for kind, keys in (("data_structure", [f"{ARTEFACT}({v})" for v in VERSIONS]), ("dataset", DATASETS)):
            for key in keys:
                try:
                    opened = self.editing.current(kind, key)
                except CatalogueError:
                    continue
                copies.append((opened.record_id, opened.revision, opened.stage))
        return ({k: record_data(s) for k, s in catalogue.data_structures.items()},
                {k: record_data(d) for k, d in catalogue.datasets.items()}, copies)

    def remember(self) -> None:
        for key, structure in self.store.catalogue().data_structures.items():
            if stable(parse_identity(key)[2]):
                self.released.setdefault(key, record_data(structure))


    def through(self, kind: str, key: str) -> None:
        """Submit, approve and publish the record's working copy."""
        opened = self.editing.open("chief", kind, key)
        submitted = self.editing.submit("chief", kind, key, opened.revision)
        approved = self.editing.approve("chief", kind, key, submitted.revision)
        self.editing.publish("chief", kind, key, approved.revision)

    # -- rules --
    @rule(source=st.sampled_from(VERSIONS), version=st.sampled_from(VERSIONS))
    def new_version(self, source: str, version: str) -> None:
        self.attempt(lambda: self.editing.new_version("chief", "data_structure", f"{ARTEFACT}({source})", version))

    @rule(version=st.sampled_from(VERSIONS), index=st.integers(0, 5), confidential=st.booleans())
    def mark(self, version: str, index: int, confidential: bool) -> None:
        def act() -> None:
            opened = self.editing.open("chief", "data_structure", f"{ARTEFACT}({version})")
            variables = [dict(v) for v in opened.data["variables"]]
            variables[index]["confidential"] = confidential
            self.editing.save("chief", "data_structure", opened.record_id, {**opened.data, "variables": variables},
                              opened.revision)
        self.attempt(act)

    @rule(version=st.sampled_from(VERSIONS))
    def publish_structure(self, version: str) -> None:
        self.attempt(lambda: self.through("data_structure", f"{ARTEFACT}({version})"))

    @rule(dataset=st.sampled_from(DATASETS), version=st.sampled_from(VERSIONS))
    def move_dataset(self, dataset: str, version: str) -> None:
        def act() -> None:
            opened = self.editing.open("chief", "dataset", dataset)
            self.editing.save("chief", "dataset", dataset, {**opened.data, "structure": f"{ARTEFACT}({version})"},
                              opened.revision)
        self.attempt(act)

    @rule(dataset=st.sampled_from(DATASETS))
    def publish_dataset(self, dataset: str) -> None:
        self.attempt(lambda: self.through("dataset", dataset))

    # -- invariants --
    @invariant()
    def the_public_sees_the_published_structure_less_its_confidential_variables(self) -> None:
        catalogue = self.store.catalogue()
        view = public_view(catalogue, NOW)
        sdmx = build_structures(view)
        for dataset_id in DATASETS:
            stored = catalogue.datasets[dataset_id]
            structure = catalogue.data_structures[stored.structure]
            assert stored.variables == structure.variables, "a dataset holds other variables than its structure"
            public = [v for v in structure.variables if not v.confidential]
            assert view.datasets[dataset_id].variables == public
            written = [d for ref, d in sdmx.data_structures.items()
                       if (ref.agency, ref.id, ref.version) == parse_identity(stored.structure)]
            if {"measure", "dimension"} <= {v.role for v in public}:
                assert [[c.id for c in dsd.components] for dsd in written] == [[v.id for v in public]]
            else:  # not a statistical table once its confidential variables are left out: no SDMX structure
                assert written == []

    @invariant()
    def released_versions_never_change(self) -> None:
        for key, structure in self.store.catalogue().data_structures.items():
            if key in self.released:
                assert record_data(structure) == self.released[key], f"{key} changed after its release"


TestSharedStructures = SharedStructures.TestCase
TestSharedStructures.settings = settings(max_examples=12, stateful_step_count=10, deadline=None, derandomize=True,
                                         suppress_health_check=[HealthCheck.too_slow])

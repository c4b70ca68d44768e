"""Issue 32, point 2, as a stateful property: whatever officers and loads do, in any order (new versions, saves,
publications, loads that change, withdraw and bring back versions, drafts and stable versions), a released version
never changes, and a refused action changes nothing. The reference model only remembers what each stable version
held when first published."""

from __future__ import annotations

import shutil
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from catalogue.editing.service import Editing
from catalogue.errors import CatalogueError
from catalogue.model.identity import parse_identity
from catalogue.model.versions import stable
from catalogue.records.loader import read_catalogue
from catalogue.records.writer import record_data
from catalogue.store import open_store
from catalogue.store.accounts import Accounts

from .conftest import EXAMPLE
from .machines import RefusalsChangeNothing

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)
EXAMPLE_CATALOGUE = read_catalogue(EXAMPLE)
ARTEFACT = "BSO:CL_SEX"
VERSIONS = ("1.0", "1.1", "1.1.0", "1.2.0-draft", "0.9", "2.0")
NAMES = ("Sex", "Sex, revised", "Gender")


class ReleasedVersions(RefusalsChangeNothing, RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="released-"))
        self.store = open_store(f"sqlite:///{self.folder / 'c.db'}")
        self.store.load(EXAMPLE_CATALOGUE, EXAMPLE, "loader", "first load")
        accounts = Accounts(self.store.engine)
        accounts.add_user("chief", None)
        accounts.set_role("chief", "BSO", "admin")
        self.editing = Editing(self.store, lambda: NOW, separate_duties=False)
        self.released: dict[str, dict] = {f"{ARTEFACT}(1.0)": record_data(
            EXAMPLE_CATALOGUE.codelists[f"{ARTEFACT}(1.0)"])}
        """The model: each stable version ever published, as first published."""

    def teardown(self) -> None:
        self.store.engine.dispose()
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- what the store holds, for the invariants and the "refused: nothing changed" checks --
    def published(self) -> dict[str, dict]:
        codelists = self.store.catalogue().codelists
        return {key: record_data(c) for key, c in codelists.items() if key.startswith(ARTEFACT)}

    def state(self) -> tuple:
        copies = []
        for version in VERSIONS:
            try:
                opened = self.editing.current("codelist", f"{ARTEFACT}({version})")
            except CatalogueError:
                continue
            copies.append((opened.record_id, opened.revision, opened.stage))
        return self.published(), copies

    def remember(self) -> None:
        for key, data in self.published().items():
            if stable(parse_identity(key)[2]):
                self.released.setdefault(key, data)


    # -- rules --
    @rule(source=st.sampled_from(VERSIONS), version=st.sampled_from(VERSIONS))
    def new_version(self, source: str, version: str) -> None:
        self.attempt(lambda: self.editing.new_version("chief", "codelist", f"{ARTEFACT}({source})", version))

    @rule(version=st.sampled_from(VERSIONS), name=st.sampled_from(NAMES))
    def save(self, version: str, name: str) -> None:
        def act() -> None:
            opened = self.editing.open("chief", "codelist", f"{ARTEFACT}({version})")
            data = {**opened.data, "name": {**opened.data["name"], "en": name}}
            self.editing.save("chief", "codelist", opened.record_id, data, opened.revision)
        self.attempt(act)

    @rule(version=st.sampled_from(VERSIONS))
    def publish(self, version: str) -> None:
        def act() -> None:
            key = f"{ARTEFACT}({version})"
            opened = self.editing.open("chief", "codelist", key)
            submitted = self.editing.submit("chief", "codelist", key, opened.revision)
            approved = self.editing.approve("chief", "codelist", key, submitted.revision)
            self.editing.publish("chief", "codelist", key, approved.revision)
        self.attempt(act)

    @rule(version=st.sampled_from(VERSIONS), name=st.sampled_from((*NAMES, None)))
    def load(self, version: str, name: str | None) -> None:
        """A load of the records as published, with one version of the codelist withdrawn (``None``) or holding
        another name (made when it is not there)."""
        def act() -> None:
            catalogue = self.store.catalogue()
            key = f"{ARTEFACT}({version})"
            codelists = dict(catalogue.codelists)
            if name is None:
                if key == f"{ARTEFACT}(1.0)":
                    return  # the datasets' codelist
                codelists.pop(key, None)
            else:
                base = codelists.get(key) or codelists[f"{ARTEFACT}(1.0)"]
                codelists[key] = base.model_copy(update={"version": version, "name": {**base.name, "en": name}})
            self.store.load(catalogue.model_copy(update={"codelists": codelists}), EXAMPLE, "loader", "a load")
        self.attempt(act)

    @invariant()
    def released_versions_never_change(self) -> None:
        for key, data in self.published().items():
            if key in self.released:
                assert data == self.released[key], f"{key} changed after its release"


TestReleasedVersions = ReleasedVersions.TestCase
TestReleasedVersions.settings = settings(max_examples=15, stateful_step_count=12, deadline=None, derandomize=True,
                                         suppress_health_check=[HealthCheck.too_slow])

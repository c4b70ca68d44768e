"""Issue 18, point 9: what makes loading faster must not change what it finds or leave anything behind. The
cyclic garbage collector is paused while a catalogue is loaded and checked (each full collection walked every
object loaded so far) and the loaded catalogue is kept out of its sight through a build, both undone afterwards
(a process that builds many times, a test run or a server, leaks nothing); the rule on languages skips the
records whose texts the loader saw in exactly the catalogue's languages, with the same findings."""

from __future__ import annotations

import gc

import pytest

import catalogue.records.checkedfiles as checkedfiles
import catalogue.records.loader as records
from catalogue.checks.datafiles import load_and_check

from .conftest import EXAMPLE, run


def test_loading_runs_without_collections_and_restores_the_collector(monkeypatch):
    seen = []
    read = records._Loader.read

    def spy(self, *arguments, **options):
        seen.append(gc.isenabled())
        return read(self, *arguments, **options)

    monkeypatch.setattr(records._Loader, "read", spy)
    assert gc.isenabled()
    assert load_and_check(EXAMPLE).ok
    assert seen and not any(seen)
    assert gc.isenabled()
    gc.disable()
    try:  # a caller's choice is kept
        load_and_check(EXAMPLE)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_build_hands_every_object_back_to_the_collector(cli, tmp_path):
    assert gc.get_freeze_count() == 0
    result = run(cli, "build", str(EXAMPLE), "--out", str(tmp_path / "site"), "--quiet")
    assert result.exit_code == 0, result.output
    assert gc.get_freeze_count() == 0 and gc.isenabled()


TEXT_EDITS = {
    "exact": ("", ""),
    "a language the catalogue lacks": ("    name: {en: Europe, fr: Europe}", "    name: {en: Europe, fr: Europe, de: Europa}"),
    "no default language": ("title:\n  en: Private households by size and region, 2021 Census\n", "title:\n"),
    "no translation": ("  fr: [ménages, taille des ménages, recensement, logement]\n", ""),
    "a plain text": ("    name: {en: Europe, fr: Europe}", "    name: Europe"),
}


@pytest.mark.parametrize("edit", list(TEXT_EDITS))
def test_records_seen_with_exact_texts_have_the_findings_of_the_full_walk(census, monkeypatch, edit):
    """The loader tells the rule on languages which records held every text in exactly the catalogue's languages
    when validated; it skips them, with the same findings as a walk through every record."""
    old, new = TEXT_EDITS[edit]
    record = census / "datasets" / "DS_HH_SIZE_REGION.yaml"
    text = record.read_text(encoding="utf-8")
    assert old in text
    record.write_text(text.replace(old, new, 1), encoding="utf-8")
    monkeypatch.setenv("CATALOGUE_CACHE", "off")  # every dataset checked now, none taken as checked before
    calls = []
    real = checkedfiles.dataset_findings

    def both(catalogue, vocab, exact=()):
        found = real(catalogue, vocab, exact)
        calls.append((found, real(catalogue, vocab), set(exact)))
        return found

    monkeypatch.setattr(checkedfiles, "dataset_findings", both)
    load_and_check(census)
    [(found, full, exact)] = calls
    assert found == full
    assert ("dataset", "DS_POP_AGE_SEX_REGION") in exact
    assert (("dataset", "DS_HH_SIZE_REGION") in exact) == (edit == "exact")
    if edit != "exact":
        assert any(f.record_id == "DS_HH_SIZE_REGION" and f.fields[:1] in (("title",), ("keywords",),
                                                                          ("spatial_coverage",)) for f in full)

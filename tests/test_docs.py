"""The documentation: its generated pages are up to date, and every page of its navigation exists.

Neither test needs MkDocs: the generator (tools/docs_reference.py) is plain Python, and mkdocs.yml is read as
plain YAML (it uses no ``!!python/name`` tags, so ``yaml.safe_load`` reads it).
"""

from __future__ import annotations

import re

import yaml

from tools import docs_reference

from .conftest import REPO


def test_generated_reference_pages_are_up_to_date():
    for path, expected in docs_reference.expected_files().items():
        relative = path.relative_to(REPO)
        assert path.is_file(), f"{relative} is missing: run `python tools/docs_reference.py`"
        assert path.read_text(encoding="utf-8") == expected, (
            f"{relative} is stale (the schemas or the command line changed): run `python tools/docs_reference.py`")


def test_the_generated_pages_do_not_depend_on_the_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "37")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERMINAL_WIDTH", "37")
    narrow = docs_reference.commands_markdown()
    assert "\x1b[" not in narrow
    assert narrow == docs_reference.expected_files()[docs_reference.COMMANDS_PAGE]


def _pages(nav: object) -> list[str]:
    """Every page file named in a MkDocs ``nav`` (a list of pages, ``{title: page}`` and ``{title: [sections]}``)."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [page for item in nav for page in _pages(item)]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in _pages(value)]
    raise AssertionError(f"unexpected entry in mkdocs.yml's nav: {nav!r}")


def test_every_page_of_the_navigation_exists():
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    docs = REPO / config.get("docs_dir", "docs")
    pages = [page for page in _pages(config["nav"]) if "://" not in page]
    assert pages, "mkdocs.yml has no nav"
    missing = [page for page in pages if not (docs / page).is_file()]
    assert not missing, f"pages of mkdocs.yml's nav that do not exist under {docs.relative_to(REPO)}/: {missing}"
    assert len(set(pages)) == len(pages), "a page is twice in mkdocs.yml's nav"


def test_every_page_is_in_the_navigation():
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    docs = REPO / config.get("docs_dir", "docs")
    listed = set(_pages(config["nav"]))
    written = {path.relative_to(docs).as_posix() for path in docs.rglob("*.md")}
    assert written <= listed, f"pages not in mkdocs.yml's nav: {sorted(written - listed)}"


def test_the_readme_links_to_pages_that_exist():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    links = [link.split("#")[0] for link in re.findall(r"\]\(([^)\s]+)\)", readme) if "://" not in link]
    assert any(link.startswith("docs/") for link in links)
    missing = [link for link in links if link and not (REPO / link).exists()]
    assert not missing, f"README.md links to files that do not exist: {missing}"


def test_the_build_fetches_no_fonts():
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["name"] == "material" and config["theme"]["font"] is False
    assert config["strict"] is True

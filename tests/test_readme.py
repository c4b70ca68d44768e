"""The README's two commands are real: CI runs the test command verbatim."""

from __future__ import annotations

import re

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    return re.findall(r"```sh\n(.+?)\n```", README)


def test_readme_has_the_two_commands():
    main, tests = _commands()[:2]
    assert "catalogue check examples/census" in main and "catalogue build examples/census --out site" in main
    assert main.startswith("python3 -m venv")
    assert "pytest" in tests and tests.startswith("python3 -m venv")


def test_ci_runs_the_readme_test_command_verbatim():
    tests = _commands()[1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines()


def test_readme_names_the_distribution_and_the_import_name():
    assert "nso-catalogue" in README and "cannot share an environment" in README
    assert 'name = "nso-catalogue"' in (REPO / "pyproject.toml").read_text(encoding="utf-8")

"""Issue 31, point 4: one error tree, in one module, drawn in its docstring; the server's statuses in one table."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import catalogue
from catalogue import errors
from catalogue.errors import CatalogueError


def _package_exceptions() -> dict[str, type[BaseException]]:
    found: dict[str, type[BaseException]] = {}
    for module in pkgutil.walk_packages(catalogue.__path__, "catalogue."):
        loaded = importlib.import_module(module.name)
        for name, value in vars(loaded).items():
            if inspect.isclass(value) and issubclass(value, BaseException) and value.__module__ == module.name:
                found[f"{module.name}.{name}"] = value
    return found


def test_every_exception_of_the_package_is_defined_in_the_error_module_under_catalogue_error():
    exceptions = _package_exceptions()
    assert exceptions, "the walk found no exception at all"
    outside = [name for name, kind in exceptions.items() if kind.__module__ != "catalogue.errors"]
    assert outside == []
    assert [name for name, kind in exceptions.items() if not issubclass(kind, CatalogueError)] == []


def test_the_docstring_draws_the_tree_as_it_is():
    drawn: dict[str, str] = {}
    parents: list[str] = []
    for line in (errors.__doc__ or "").splitlines():
        match = re.match(r"^([│├└─ ]*)([A-Z]\w+)\s", line + " ")
        if not match or not (line.startswith("CatalogueError") or match.group(1)):
            continue
        depth = len(match.group(1)) // 4
        parents[depth:] = [match.group(2)]
        if depth:
            drawn[match.group(2)] = parents[depth - 1]
    actual = {name: next(base.__name__ for base in kind.__bases__ if issubclass(base, CatalogueError))
              for name, kind in vars(errors).items()
              if inspect.isclass(kind) and issubclass(kind, CatalogueError) and kind is not CatalogueError}
    assert drawn == actual


def test_the_server_answers_each_kind_from_one_table():
    from catalogue.errors import (BadForm, BadRequest, Busy, Conflict, EarlyRelease, Forbidden, NotFound, NotReady,
                                  PreconditionFailed, PreconditionRequired, QueryError, Unauthenticated, Unavailable)
    from catalogue.server.errors import status_of

    assert status_of(Forbidden("no")) == 403 and status_of(NotFound("no")) == 404
    assert status_of(NotReady("no")) == 422 and status_of(EarlyRelease.__new__(EarlyRelease)) == 422
    assert status_of(Conflict.__new__(Conflict)) == 409
    assert status_of(BadRequest("page_size", "a number")) == 400 and status_of(BadForm("odd")) == 400
    assert status_of(Unauthenticated("no token")) == 401
    assert status_of(PreconditionFailed("x")) == 412 and status_of(PreconditionRequired("x")) == 428
    assert status_of(Busy()) == 503 and status_of(Unavailable()) == 503
    assert [status_of(QueryError(code, "x")) for code in (100, 140, 150, 406, 501)] == [404, 400, 403, 406, 501]
    for kind in (Forbidden, NotFound, NotReady, Conflict, BadRequest, QueryError):
        assert "status" not in vars(kind), f"{kind.__name__} carries an HTTP status of its own"

"""What the stateful property tests share: a refused action changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from catalogue.errors import CatalogueError


class RefusalsChangeNothing:
    """A state machine's ``attempt``: the action is taken; refused, the state it tells (``state``) is as before.
    Then what is to be remembered of the new state is (``remember``)."""

    def state(self) -> Any:
        raise NotImplementedError

    def remember(self) -> None:
        raise NotImplementedError

    def attempt(self, action: Callable[[], object]) -> None:
        before = self.state()
        try:
            action()
        except CatalogueError:
            assert self.state() == before, "a refused action changed something"
        self.remember()

"""The stateful test of the editor and the public server (tests/editor_machine.py) at length: how many sequences
and steps hypothesis explored, how many actions succeeded and were refused, and how long it took.

    python benchmarks/trust_machine.py --examples 300 --steps 40

CI runs the same machine with a fixed budget (tests/test_trust_machine.py); this runs it until the budget given
here is spent, and fails with hypothesis's shortest failing sequence when an invariant fails.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, settings  # noqa: E402
from hypothesis.stateful import run_state_machine_as_test  # noqa: E402

from tests import editor_machine  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=200, help="sequences to try (at most)")
    parser.add_argument("--steps", type=int, default=40, help="steps per sequence (at most)")
    options = parser.parse_args()

    outcomes: collections.Counter[str] = collections.Counter()
    sequences = 0
    started = time.perf_counter()
    act, teardown = editor_machine.EditorMachine._act, editor_machine.EditorMachine.teardown

    def counted_act(self: Any, *args: Any, **kwargs: Any) -> Any:
        succeeded, response = act(self, *args, **kwargs)
        outcomes["succeeded" if succeeded else f"refused {response.status_code}"] += 1
        return succeeded, response

    def counted_teardown(self: Any) -> None:
        nonlocal sequences
        sequences += 1
        teardown(self)

    editor_machine.EditorMachine._act = counted_act  # type: ignore[method-assign]
    editor_machine.EditorMachine.teardown = counted_teardown  # type: ignore[method-assign]
    try:
        run_state_machine_as_test(editor_machine.EditorMachine, settings=settings(
            max_examples=options.examples, stateful_step_count=options.steps, deadline=None, database=None,
            suppress_health_check=list(HealthCheck)))
    finally:
        report(outcomes, sequences, started)
    return 0


def report(outcomes: collections.Counter[str], sequences: int, started: float) -> None:
    actions = sum(outcomes.values())
    print(f"sequences: {sequences}; actions: {actions} ({outcomes['succeeded']} succeeded, "
          f"{actions - outcomes['succeeded']} refused); {time.perf_counter() - started:.0f} s")
    for outcome, count in sorted(outcomes.items()):
        print(f"  {outcome}: {count}")


if __name__ == "__main__":
    sys.exit(main())

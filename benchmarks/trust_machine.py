"""The stateful test of the editor and the public server (tests/editor_machine.py) at length: how many sequences
and steps hypothesis explored, how many actions succeeded and were refused, and how long it took.

    python benchmarks/trust_machine.py --examples 300 --steps 40
    python benchmarks/trust_machine.py --minutes 30

CI runs the same machine with a fixed budget (tests/test_trust_machine.py); this runs it until the budget given
here is spent, and exits 1 with hypothesis's shortest failing sequence when an invariant fails.
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
    parser.add_argument("--minutes", type=float, default=None, help="stop trying new sequences after this long")
    options = parser.parse_args()

    outcomes: collections.Counter[tuple[str, str]] = collections.Counter()
    sequences = 0
    started = time.perf_counter()
    act = editor_machine.EditorMachine._act
    start = editor_machine.EditorMachine.start

    def counted_act(self: Any, *args: Any, **kwargs: Any) -> Any:
        succeeded, response = act(self, *args, **kwargs)
        outcomes[("succeeded" if succeeded else f"refused {response.status_code}", "")] += 1
        return succeeded, response

    def counted_start(self: Any, *args: Any, **kwargs: Any) -> None:
        nonlocal sequences
        if options.minutes is not None and time.perf_counter() - started > options.minutes * 60:
            raise SystemExit(report(outcomes, sequences, started, stopped=True))
        sequences += 1
        start(self, *args, **kwargs)

    editor_machine.EditorMachine._act = counted_act  # type: ignore[method-assign]
    editor_machine.EditorMachine.start = counted_start  # type: ignore[method-assign]
    try:
        run_state_machine_as_test(editor_machine.EditorMachine, settings=settings(
            max_examples=options.examples, stateful_step_count=options.steps, deadline=None, database=None,
            suppress_health_check=list(HealthCheck)))
    except AssertionError:
        report(outcomes, sequences, started, stopped=False)
        raise
    return report(outcomes, sequences, started, stopped=False)


def report(outcomes: collections.Counter[tuple[str, str]], sequences: int, started: float, stopped: bool) -> int:
    actions = sum(outcomes.values())
    seconds = time.perf_counter() - started
    print(f"sequences: {sequences}; actions: {actions} "
          f"({outcomes[('succeeded', '')]} succeeded, {actions - outcomes[('succeeded', '')]} refused); "
          f"{seconds:.0f} s{' (time budget spent)' if stopped else ''}")
    for (outcome, _), count in sorted(outcomes.items()):
        print(f"  {outcome}: {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Issue 29: the editor and the public server as a whole, driven by hypothesis through any sequence of actions of
two agencies' members (create, save, comment and apply a suggestion, restore, submit, approve, send back, publish
with or without a release time, delete by folder import, upload CSV and HTML files, refer to other agencies'
records) and moves of the clock, checked after every step against a reference model (tests/editor_machine.py).
CI runs it with a fixed budget; ``python benchmarks/trust_machine.py`` runs it at length."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

from .editor_machine import EditorMachine

TestEditorAndPublicServer = EditorMachine.TestCase
TestEditorAndPublicServer.settings = settings(max_examples=8, stateful_step_count=25, deadline=None,
                                              suppress_health_check=[HealthCheck.too_slow,
                                                                     HealthCheck.filter_too_much])

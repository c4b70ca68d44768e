"""The data.europa.eu metadata quality score, from the export graph, with official points."""

from __future__ import annotations

import json

from catalogue.conformance.validators import standards_dir
from catalogue.policy.view import public_view
from catalogue.conformance.quality import official_points, score_view
from catalogue.records.loader import read_catalogue
from catalogue.vocab import vocabulary

from .conftest import EXAMPLE, replace_in, run
from .exports import AS_OF, example_view


def test_official_points_add_up_to_405_of_which_80_need_the_network():
    points = official_points(standards_dir())
    metrics = vocabulary().mqa
    assert set(metrics) <= set(points)
    assert sum(points[m] for m in metrics) == 405
    assert sum(points[m] for m, e in metrics.items() if not e.offline) == 80


def test_every_open_dataset_of_the_example_earns_the_full_offline_score():
    view = example_view()
    scores = {s.dataset: s for s in score_view(view, standards_dir())}
    for dataset_id, dataset in view.datasets.items():
        if view.is_open_access(dataset):
            assert (scores[dataset_id].points, scores[dataset_id].missing) == (325, []), dataset_id
        assert scores[dataset_id].not_checked == 80


def test_restricted_dataset_loses_exactly_what_the_policy_and_its_licence_imply():
    score = {s.dataset: s for s in score_view(example_view(), standards_dir())}["DS_HHS_RDC"]
    assert score.points == 290
    assert any("downloadURL" in m for m in score.missing)
    assert any("licence" in m for m in score.missing)


def test_missing_keywords_and_themes_cost_their_points(census):
    path = census / "datasets" / "DS_HH_SIZE_REGION.yaml"
    replace_in(path, "themes: [HOUSING, REGIONS]\n", "")
    text = path.read_text(encoding="utf-8")
    start = text.index("keywords:")
    end = text.index("publisher:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    score = {s.dataset: s for s in score_view(public_view(read_catalogue(census), AS_OF),
                                              standards_dir())}["DS_HH_SIZE_REGION"]
    assert score.points == 325 - 60
    assert score.by_dimension["findability"] == 40


def test_score_command_json(cli):
    result = run(cli, "score", str(EXAMPLE), "--format", "json", "--as-of", "2026-01-01T00:00:00Z")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert {r["dataset"] for r in rows} == {"DS_HHS_PUF", "DS_HHS_RDC", "DS_HH_SIZE_REGION", "DS_LFS_QUARTERLY",
                                           "DS_POP_AGE_SEX_REGION", "DS_LFS_2024Q1", "DS_LFS_2024Q2", "DS_LFS_2024Q3",
                                           "DS_LFS_2024Q3_R", "DS_LFS_2024Q4"}
    assert all(r["maximum"] == 405 for r in rows)

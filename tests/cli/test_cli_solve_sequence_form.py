"""``commit-calc solve --method sequence-*`` and the default's switch to the sequence form, on
Kuhn poker written as a Gambit file (its reduced normal form, 27 x 64, does not finish)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema
import pytest
from cli_helpers import assert_clean_error, run

from commit_calc.io.gambit import format_efg
from commit_calc.render.schemas import load_schema

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "solvers"))
from poker_trees import kuhn_poker  # noqa: E402

SCHEMA = load_schema("solve-1")


@pytest.fixture
def kuhn_file(tmp_path: Path) -> Path:
    path = tmp_path / "kuhn.efg"
    path.write_text(format_efg(kuhn_poker()), encoding="utf-8")
    return path


@pytest.mark.parametrize(("method", "name", "count"), [
    ("sequence-lp", "sequence-form+linear-programming", 1),
    ("sequence-lcp", "sequence-form+lemke", 1),
    ("sequence-enum", "sequence-form+vertex-enumeration", 2),
])
def test_each_method_names_itself_in_json_and_text(kuhn_file: Path, method: str, name: str,
                                                    count: int):
    result = run("solve", str(kuhn_file), "--method", method, "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    assert document["method"] == name
    assert len(document["equilibria"]) == count
    text = run("solve", str(kuhn_file), "--concept", "nash", "--method", method)
    assert text.exit_code == 0 and f"(method: {name})" in text.stdout


def test_the_default_finishes_and_says_which_method(kuhn_file: Path):
    result = run("solve", str(kuhn_file), "--concept", "nash")
    assert result.exit_code == 0, result.stderr
    assert "2 Nash equilibria (method: sequence-form+vertex-enumeration)" in result.stdout
    assert "27 x 64 strategies" in result.stderr


def test_lp_refuses_a_tree_that_is_not_zero_sum():
    assert_clean_error(run("solve", "entry-deterrence", "--method", "sequence-lp"), code=1,
                       names="zero-sum")


def test_sequence_methods_refuse_a_table():
    assert_clean_error(run("solve", "prisoners-dilemma", "--method", "sequence-enum"), code=1,
                       names="two-player trees")

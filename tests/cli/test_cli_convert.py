"""``commit-calc convert``: round trips between TOML, JSON, .efg and .nfg, and bad targets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import assert_clean_error, run


def solve_document(path: Path | str, *args: str) -> dict:
    result = run("solve", str(path), "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("suffix", ["toml", "json", "efg"])
def test_tree_round_trip_keeps_the_equilibria(enforcer_file: Path, tmp_path: Path, suffix: str):
    target = tmp_path / f"copy.{suffix}"
    result = run("convert", str(enforcer_file), str(target), "--set", "r=1/3")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert str(target) in result.stderr
    original = solve_document(enforcer_file, "--set", "r=1/3")["equilibria"]
    converted = solve_document(target)["equilibria"]
    assert [e["payoffs"] for e in converted] == [e["payoffs"] for e in original]
    assert [e["outcomes"] for e in converted] == [e["outcomes"] for e in original]


def test_toml_keeps_unset_parameters(enforcer_file: Path, tmp_path: Path):
    target = tmp_path / "copy.toml"
    assert run("convert", str(enforcer_file), str(target), "--set", "war=2").exit_code == 0
    shown = run("show", str(target)).stdout
    assert "r     3/4 (0.75)" in shown  # still a parameter, with its default
    assert "war" not in shown.split("Tree")[0]  # fixed at 2: no longer a parameter
    assert "Stay armed -> war: 2, 2" in shown


def test_gambit_files_are_numeric_and_say_which_defaults(enforcer_file: Path, tmp_path: Path):
    target = tmp_path / "copy.efg"
    result = run("convert", str(enforcer_file), str(target), "--set", "r=1/2")
    assert result.exit_code == 0, result.stderr
    assert "war=1" in result.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith("EFG 2 R")
    assert "1/2" in text


def test_tree_to_nfg_is_its_reduced_normal_form(enforcer_file: Path, tmp_path: Path):
    """The toy enforcer's reduced normal form: Rebels {Disarm, Stay armed} x Regime {Honor,
    Renege}; at r = 1/4 its only pure equilibria have the rebels stay armed."""
    target = tmp_path / "copy.nfg"
    result = run("convert", str(enforcer_file), str(target), "--set", "r=1/4")
    assert result.exit_code == 0, result.stderr
    document = solve_document(target)
    assert document["game"]["form"] == "normal"
    for equilibrium in document["equilibria"]:
        assert equilibrium["payoffs"] == {"Rebels": "1", "Regime": "1"}


def test_normal_form_round_trip(bos_file: Path, tmp_path: Path):
    target = tmp_path / "bos.nfg"
    assert run("convert", str(bos_file), str(target)).exit_code == 0
    back = tmp_path / "bos.json"
    assert run("convert", str(target), str(back)).exit_code == 0
    assert len(solve_document(back)["equilibria"]) == 3


def test_standard_output_needs_to(bos_file: Path):
    result = run("convert", str(bos_file), "-", "--to", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["players"] == ["Ann", "Bob"]
    assert_clean_error(run("convert", str(bos_file), "-"), code=2, names="--to")


def test_unknown_suffix(bos_file: Path, tmp_path: Path):
    assert_clean_error(run("convert", str(bos_file), str(tmp_path / "bos.xls")), code=2,
                       names="bos.xls")


def test_normal_form_has_no_tree(bos_file: Path, tmp_path: Path):
    assert_clean_error(run("convert", str(bos_file), str(tmp_path / "bos.efg")), code=1,
                       names=".efg")


def test_unwritable_target(bos_file: Path, tmp_path: Path):
    target = tmp_path / "no-such-dir" / "bos.toml"
    assert_clean_error(run("convert", str(bos_file), str(target)), code=1, names="bos.toml")


def test_bad_inputs(enforcer_file: Path, tmp_path: Path):
    out = str(tmp_path / "out.toml")
    assert_clean_error(run("convert", "no-such-game", out), code=1, names="no-such-game")
    assert_clean_error(run("convert", str(enforcer_file), out, "--set", "r=2"), code=1,
                       names="'r'")
    assert_clean_error(run("convert", str(enforcer_file), out, "--set", "q=1"), code=1,
                       names="'q'")


def test_help_has_an_example():
    assert "$ commit-calc convert" in run("convert", "--help").stdout

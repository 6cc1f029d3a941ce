"""The JSON of ``commit-calc sweep`` and ``commit-calc thresholds`` against their schemas.

Every catalog game each command supports is run through the real command line (click's
CliRunner) and its standard output validated with the shipped draft 2020-12 schema; the
schemas reject malformed documents; what a schema cannot say (row count, row keys, reduced
fractions, region numbering) is checked here. Also: the sweep's progress bar appears on a
terminal's standard error after a second, never on standard output.
"""

from __future__ import annotations

import copy
import io
import itertools
import json
import math
import re
import sys
import types
from fractions import Fraction
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

import commit_calc
import commit_calc.cli.sweep as sweep_command
from commit_calc.cli.main import cli
from commit_calc.io import load_game
from commit_calc.io.catalog import list_games
from commit_calc.render.schemas import load_schema

SWEEP = load_schema("sweep-1")
THRESHOLDS = load_schema("thresholds-1")
CATALOG = [name for name, *_ in list_games()]

# Rock, paper, scissors (e.g. Osborne 2004, "An Introduction to Game Theory", ex. 4.1) with a
# win worth w and a loss -1: a 3x3 game with a parameter, whose mixed equilibria the symbolic
# analysis covers, so a sweep goes by regions.
RPS_TOML = """\
name = "rps-w"
title = "Rock, paper, scissors with a win worth w"
players = ["Row", "Column"]

[parameters.w]
value = 1
min = 0

[table.strategies]
Row = ["Rock", "Paper", "Scissors"]
Column = ["Rock", "Paper", "Scissors"]
""" + "".join(
    f'\n[[table.outcomes]]\nprofile = ["{a}", "{b}"]\npayoffs = [{u}, {v}]\n'
    for a, b, u, v in [
        ("Rock", "Rock", 0, 0), ("Rock", "Paper", -1, '"w"'), ("Rock", "Scissors", '"w"', -1),
        ("Paper", "Rock", '"w"', -1), ("Paper", "Paper", 0, 0), ("Paper", "Scissors", -1, '"w"'),
        ("Scissors", "Rock", -1, '"w"'), ("Scissors", "Paper", '"w"', -1),
        ("Scissors", "Scissors", 0, 0)])

# A 4x5 table (126 bases per player, more than the symbolic analysis of mixed equilibria
# takes): its regions list pure equilibria only, so a sweep solves it point by point.
WIDE_TOML = """\
name = "wide"
players = ["Row", "Column"]

[parameters.w]
value = 1

[table.strategies]
Row = ["r0", "r1", "r2", "r3"]
Column = ["c0", "c1", "c2", "c3", "c4"]
""" + "".join(
    f'\n[[table.outcomes]]\nprofile = ["r{i}", "c{j}"]\n'
    f'payoffs = ["{(i * j) % 3} * w", {(i + j) % 4}]\n'
    for i in range(4) for j in range(5))


def run_json(*args: str) -> dict[str, Any]:
    """Run ``commit-calc ARGS --format json``; the parsed standard output."""
    result = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, (args, result.output)
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def assert_exact(text: str) -> None:
    """An exact number in lowest terms, as Python's Fraction writes it."""
    assert str(Fraction(text)) == text, text


def span(game: Any, name: str, count: int) -> str:
    """``NAME=START:STOP:COUNT`` over the parameter's bounds, or around its default."""
    parameter = game.parameters[name]
    start = parameter.lower if parameter.lower is not None else parameter.default - 1
    stop = parameter.upper if parameter.upper is not None else 2 * parameter.default + 1
    return f"{name}={start}:{stop}:{count}"


# Sweep ----------------------------------------------------------------------------------------


def check_sweep(document: dict[str, Any], game: Any) -> None:
    """Valid against the schema, and what the schema cannot say."""
    jsonschema.Draft202012Validator(SWEEP).validate(document)
    names = [axis["name"] for axis in document["vary"]]
    assert set(document["fixed"]) | set(names) == set(game.parameters.by_name)
    assert not set(document["fixed"]) & set(names)
    assert len(document["rows"]) == math.prod(axis["count"] for axis in document["vary"])
    grids = []
    for axis in document["vary"]:
        start, stop, count = Fraction(axis["start"]), Fraction(axis["stop"]), axis["count"]
        step = (stop - start) / (count - 1) if count > 1 else 0
        grids.append([str(start + k * step) for k in range(count)])
    for row, point in zip(document["rows"], itertools.product(*grids)):
        assert set(row) == {*names, "equilibria"}
        assert [row[name] for name in names] == list(point)  # the first axis slowest
        for equilibrium in row["equilibria"]:
            assert list(equilibrium["payoffs"]) == sorted(game.players)
            for value in equilibrium["payoffs"].values():
                assert_exact(value)
    for value in document["fixed"].values():
        assert_exact(value)


SWEPT = [name for name in CATALOG if load_game(name).parameters.by_name]


def test_the_catalog_has_games_for_both_sweep_methods():
    methods = set()
    for name in SWEPT:
        game = load_game(name)
        first = next(iter(game.parameters.by_name))
        methods.add(run_json("sweep", name, "--vary", span(game, first, 2))["method"])
    assert methods == {"regions", "points"}


@pytest.mark.parametrize("name", SWEPT)
def test_sweep_of_every_catalog_game_with_parameters_over_one_axis(name: str):
    game = load_game(name)
    first = next(iter(game.parameters.by_name))
    document = run_json("sweep", name, "--vary", span(game, first, 3))
    check_sweep(document, game)
    assert document["game"] == name


@pytest.mark.parametrize("name", [n for n in SWEPT if len(load_game(n).parameters.by_name) > 1])
def test_sweep_of_every_catalog_game_with_parameters_over_two_axes(name: str):
    game = load_game(name)
    first, second = list(game.parameters.by_name)[:2]
    document = run_json("sweep", name, "--vary", span(game, first, 2),
                        "--vary", span(game, second, 3))
    check_sweep(document, game)


def test_sweep_with_set_values_negative_values_and_a_tie():
    game = load_game("enforcer-reliability")
    document = run_json("sweep", "enforcer-reliability", "--vary", "reliability=0:1:34",
                        "--vary", "exile_payoff=-100:100:3", "--set", "sanction=1201/2")
    check_sweep(document, game)
    assert document["fixed"]["sanction"] == "1201/2"
    assert max(len(row["equilibria"]) for row in document["rows"]) > 1  # a tie somewhere


@pytest.mark.parametrize("toml, method", [(RPS_TOML, "regions"), (WIDE_TOML, "points")])
def test_sweep_of_a_normal_form_game_by_regions_or_point_by_point(tmp_path: Path, toml: str,
                                                                  method: str):
    path = tmp_path / "rps.toml"
    path.write_text(toml, encoding="utf-8")
    document = run_json("sweep", str(path), "--vary", "w=0:2:3")
    check_sweep(document, load_game(str(path)))
    assert document["method"] == method


def test_sweep_of_game_files(enforcer_file: Path, bos_file: Path):
    check_sweep(run_json("sweep", str(enforcer_file), "--vary", "r=0:1:3", "--vary",
                         "war=0:2:2"), load_game(str(enforcer_file)))
    check_sweep(run_json("sweep", str(bos_file), "--vary", "b=0:3:4"), load_game(str(bos_file)))


# Thresholds -----------------------------------------------------------------------------------


def check_thresholds(document: dict[str, Any], game: Any) -> None:
    """Valid against the schema, and what the schema cannot say."""
    jsonschema.Draft202012Validator(THRESHOLDS).validate(document)
    assert set(document["fixed"]) | set(document["symbolic"]) == set(game.parameters.by_name)
    assert not set(document["fixed"]) & set(document["symbolic"])
    numbers = [entry["region"] for entry in document["regions"]]
    assert numbers == sorted(numbers) and set(numbers) == set(range(1, max(numbers) + 1))
    for entry in document["regions"]:
        assert list(entry["payoffs"]) == sorted(game.players)
        # a tree: behaviour agrees with the strategies (a repeated game's regions give the
        # automaton's states instead)
        if hasattr(game, "infosets") and document["concept"] != "repeated":
            for player, plan in entry["strategies"].items():
                for label, action in plan.items():
                    played = sorted(entry["behaviour"][player][label])  # JSON keys sorted
                    shown = action[4:-1].split(", ") if action.startswith("mix(") else [action]
                    assert sorted(shown) == played and (len(played) > 1) == (shown != [action])
    for found in document["thresholds"]:
        assert set(found["regions"]) <= set(numbers)
        if found["value"] is not None:
            assert_exact(found["value"])
            assert found["value_float"] == float(Fraction(found["value"]))
    for value in document["fixed"].values():
        assert_exact(value)


@pytest.mark.parametrize("name", CATALOG)
def test_thresholds_of_every_catalog_game(name: str):
    from heavy_games import HEAVY

    game = load_game(name)
    result = CliRunner().invoke(cli, ["thresholds", name, *HEAVY.get(name, []), "--format",
                                      "json"])
    assert result.exit_code == 0, result.output
    check_thresholds(json.loads(result.stdout), game)


@pytest.mark.parametrize("args", [
    ["enforcer-reliability", "--free", "reliability", "--for", "reliability"],
    ["enforcer-reliability", "--for", "reliability", "--no-statics"],
    ["enforcer-reliability", "--set", "salary=300", "--set", "sanction=1201/2",
     "--free", "reliability", "--free", "crowding_out", "--for", "reliability"],
    ["enforcer-reliability", "--free", "salary", "--free", "reliability", "--for", "salary"],
    ["disarm-trust", "--for", "salary"],
    ["reconciliation-2x2", "--free", "salary", "--free", "renege_gain", "--for", "salary"],
    ["strategic-enforcer", "--free", "sanction", "--free", "enforcer_benefit",
     "--for", "sanction"],
])
def test_thresholds_with_set_free_and_for(args: list[str]):
    document = run_json("thresholds", *args)
    check_thresholds(document, load_game(args[0]))
    assert document["thresholds"], "--for finds a boundary"


def test_thresholds_incomplete_with_a_warning(tmp_path: Path):
    path = tmp_path / "wide.toml"
    path.write_text(WIDE_TOML, encoding="utf-8")
    document = run_json("thresholds", str(path))
    check_thresholds(document, load_game(str(path)))
    assert document["complete"] is False and document["warnings"]


# The version stamp ----------------------------------------------------------------------------

COMMANDS = {
    "solve": (["solve", "enforcer-reliability"], "solve-1"),
    "solve --explain": (["solve", "enforcer-reliability", "--explain"], "solve-1"),
    "solve a table": (["solve", "matching-pennies"], "solve-1"),
    "sweep by regions": (["sweep", "enforcer-reliability", "--vary", "salary=0:500:3"],
                         "sweep-1"),
    "sweep point by point": (["sweep", "reputation-two-cohorts", "--vary", "discount=0:1:2"],
                             "sweep-1"),
    "thresholds": (["thresholds", "enforcer-reliability", "--free", "reliability",
                    "--for", "reliability"], "thresholds-1"),
    "repeated": (["repeated", "reconciliation-cohorts"], "repeated-1"),
}


@pytest.mark.parametrize("args, schema", COMMANDS.values(), ids=COMMANDS)
def test_every_json_output_says_which_commit_calc_wrote_it(args: list[str], schema: str):
    document = run_json(*args)
    assert document["commit_calc_version"] == commit_calc.__version__
    jsonschema.Draft202012Validator(load_schema(schema)).validate(document)


@pytest.mark.parametrize("name", ["solve-1", "sweep-1", "thresholds-1", "repeated-1"])
def test_the_version_key_is_an_addition_within_version_1(name: str):
    schema = load_schema(name)
    assert schema["properties"]["commit_calc_version"]["type"] == "string"
    assert "commit_calc_version" not in schema["required"]  # older documents stay valid


# The schemas themselves -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["sweep-1", "thresholds-1", "repeated-1"])
def test_schemas_are_valid_draft_2020_12(name: str):
    schema = load_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(f"/{name}.json")
    assert schema["properties"]["format"]["const"] == "commit-calc/" + name.replace("-", "/")
    assert schema["title"] and schema["description"]


@pytest.fixture(scope="module")
def sweep_document() -> dict[str, Any]:
    return run_json("sweep", "enforcer-reliability", "--vary", "reliability=0:1:3")


@pytest.fixture(scope="module")
def thresholds_document() -> dict[str, Any]:
    return run_json("thresholds", "enforcer-reliability", "--free", "reliability",
                    "--for", "reliability")


def _set(document: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    for key in path[:-1]:
        document = document[key]
    if value is _DELETE:
        del document[path[-1]]
    else:
        document[path[-1]] = value


_DELETE = object()

SWEEP_BREAKAGES = {
    "no format": (("format",), _DELETE),
    "wrong format": (("format",), "commit-calc/solve/1"),
    "next version": (("format",), "commit-calc/sweep/2"),
    "float value": (("rows", 1, "reliability"), 0.5),
    "decimal string": (("rows", 1, "reliability"), "0.5"),
    "float payoff": (("rows", 2, "equilibria", 0, "payoffs", "Rebels"), 650.0),
    "float fixed": (("fixed", "salary"), 250),
    "negative invalid count": (("invalid", "count"), -1),
    "no rows key": (("rows",), _DELETE),
    "no outcome": (("rows", 0, "equilibria", 0, "outcome"), _DELETE),
    "count zero": (("vary", 0, "count"), 0),
    "count as text": (("vary", 0, "count"), "3"),
    "float start": (("vary", 0, "start"), 0.0),
    "unknown method": (("method",), "guess"),
    "unknown key": (("extra",), 1),
    "unknown equilibrium key": (("rows", 0, "equilibria", 0, "regret"), "0"),
}

THRESHOLDS_BREAKAGES = {
    "no format": (("format",), _DELETE),
    "wrong format": (("format",), "commit-calc/sweep/1"),
    "float fixed": (("fixed", "salary"), 250.0),
    "float value": (("thresholds", 0, "value"), 20 / 33),
    "decimal value": (("thresholds", 0, "value"), "0.606"),
    "no condition": (("regions", 0, "condition"), _DELETE),
    "no payoffs": (("regions", 0, "payoffs"), _DELETE),
    "no strategies": (("regions", 0, "strategies"), _DELETE),
    "number payoff": (("regions", 0, "payoffs", "Rebels"), 0),
    "region zero": (("regions", 0, "region"), 0),
    "unknown concept": (("concept",), "correlated"),
    "unknown sign": (("comparative_statics", 0, "sign"), "positive"),
    "float without value": (("thresholds", 0, "value"), None),
    "always but a condition": (("regions", 0, "always"), True),
    "boundary not an equation": (("thresholds", 0, "boundary"), "33*reliability - 20"),
    "no regions": (("regions",), []),
    "unknown key": (("extra",), 1),
}


@pytest.mark.parametrize("path, value", SWEEP_BREAKAGES.values(), ids=SWEEP_BREAKAGES)
def test_sweep_schema_rejects_malformed_documents(
    sweep_document: dict[str, Any], path: tuple[Any, ...], value: Any
):
    document = copy.deepcopy(sweep_document)
    jsonschema.validate(document, SWEEP)  # the unbroken document passes
    _set(document, path, value)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, SWEEP, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize("path, value", THRESHOLDS_BREAKAGES.values(),
                         ids=THRESHOLDS_BREAKAGES)
def test_thresholds_schema_rejects_malformed_documents(
    thresholds_document: dict[str, Any], path: tuple[Any, ...], value: Any
):
    document = copy.deepcopy(thresholds_document)
    jsonschema.validate(document, THRESHOLDS)
    _set(document, path, value)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, THRESHOLDS, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize("schema, key", [
    *((SWEEP, key) for key in ("format", "game", "fixed", "vary", "rows")),
    *((THRESHOLDS, key) for key in ("format", "regions")),
])
def test_schemas_require_the_issue_keys(schema: dict[str, Any], key: str):
    assert key in schema["required"]


def test_issue_keys_of_rows_and_regions_are_required():
    row = SWEEP["$defs"]["row"]
    assert row["required"] == ["equilibria"]
    assert set(SWEEP["$defs"]["equilibrium"]["required"]) == {"outcome", "payoffs"}
    assert {"condition", "outcome", "strategies", "payoffs"} <= set(
        THRESHOLDS["$defs"]["region"]["required"])


# The progress bar -----------------------------------------------------------------------------


class _Terminal(io.StringIO):
    """Standard error as a terminal."""

    def isatty(self) -> bool:
        return True


class _Clock:
    """A monotonic clock that advances ``tick`` seconds each time it is read."""

    def __init__(self, tick: float) -> None:
        self.now = 0.0
        self.tick = tick

    def monotonic(self) -> float:
        self.now += self.tick
        return self.now


def _sweep_with(monkeypatch: pytest.MonkeyPatch, stderr: io.StringIO, tick: float
                ) -> tuple[str, str]:
    """Run a point-by-point sweep (reputation-two-cohorts: three players, no complete exact
    regions) with the clock and standard error given; its standard output and standard error."""
    stdout = io.StringIO()
    monkeypatch.setattr(sys, "stdout", stdout)
    monkeypatch.setattr(sys, "stderr", stderr)
    monkeypatch.setattr(sweep_command, "time", types.SimpleNamespace(
        monotonic=_Clock(tick).monotonic))
    cli.main(["sweep", "reputation-two-cohorts", "--vary", "discount=0:1:6", "--format",
              "json"], prog_name="commit-calc", standalone_mode=False)
    return stdout.getvalue(), stderr.getvalue()


def test_progress_bar_on_a_terminal_after_a_second(monkeypatch: pytest.MonkeyPatch):
    # the clock reads 0.4 s at the start, then 0.4 s, 0.8 s, 1.2 s later after points 1, 2, 3
    out, err = _sweep_with(monkeypatch, _Terminal(), tick=0.4)
    assert all("solving" in line for line in err.split("\r") if line.strip())
    percents = re.findall(r"(\d+)%", err)
    assert percents[-4:] == ["50", "66", "83", "100"]  # from point 3 of 6 on, once a point
    assert not {"16", "33"} & set(percents)  # nothing within the first second
    check_sweep(json.loads(out), load_game("reputation-two-cohorts"))  # the JSON alone


def test_no_progress_bar_within_a_second(monkeypatch: pytest.MonkeyPatch):
    out, err = _sweep_with(monkeypatch, _Terminal(), tick=0.01)
    assert err == ""
    check_sweep(json.loads(out), load_game("reputation-two-cohorts"))


def test_no_progress_bar_when_standard_error_is_not_a_terminal(monkeypatch: pytest.MonkeyPatch):
    out, err = _sweep_with(monkeypatch, io.StringIO(), tick=10)
    # only the one-line warning that the sweep is slow (10 s a point), no bar
    assert err.startswith("sweep: solving 6 points one by one") and err.count("\n") == 1
    check_sweep(json.loads(out), load_game("reputation-two-cohorts"))

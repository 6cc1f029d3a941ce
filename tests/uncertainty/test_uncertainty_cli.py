"""``commit-calc uncertainty`` from the command line: text, JSON against its schema, CSV
samples, distributions from game files, bad input."""

from __future__ import annotations

import json

import jsonschema
import pytest
from click.testing import CliRunner

from commit_calc.cli.main import cli
from commit_calc.render.schemas import load_schema

SCHEMA = load_schema("uncertainty-1")


def run(*args: str):
    return CliRunner().invoke(cli, ["uncertainty", *args])


def test_exact_text():
    result = run("enforcer-reliability", "--dist", "reliability=beta(3, 2)", "--samples", "500")
    assert result.exit_code == 0, result.output
    assert "67769/131769  (= 0.514302)" in result.stdout


@pytest.mark.parametrize("extra", [[], ["--method", "qmc"], ["--sensitivity"]])
def test_json_is_valid(extra):
    result = run("enforcer-reliability", "--dist", "reliability=beta(3, 2)", "--dist",
                 "sanction=uniform(0, 1000)", "--samples", "2000", "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    assert abs(sum(p["estimate"] for p in document["equilibrium_sets"]) - 1) < 1e-9


def test_samples_out_and_distributions_from_a_game_file(tmp_path):
    game = tmp_path / "deal.toml"
    game.write_text(
        'format = "commit-calc/game/1"\nplayers = ["Rebels", "Regime"]\n'
        '[parameters.r]\nvalue = "1/2"\nmin = 0\nmax = 1\ndistribution = "uniform(0, 1)"\n'
        '[nodes.rebels]\nplayer = "Rebels"\nactions = { "Disarm" = "d", "Stay" = "s" }\n'
        '[nodes.d]\npayoffs = ["3*r - 1", 1]\n[nodes.s]\npayoffs = [0, 0]\n')
    out = tmp_path / "samples.csv"
    result = run(str(game), "--samples", "100", "--samples-out", str(out))
    assert result.exit_code == 0, result.output
    assert "Disarm  2/3" in result.stdout  # disarm iff r >= 1/3
    rows = out.read_text().splitlines()
    assert rows[0] == "r,stream,equilibria" and len(rows) == 101


@pytest.mark.parametrize(("args", "code", "words"), [
    (["--dist", "reliability=gamma(1, 2)"], 1, "unknown distribution 'gamma'"),
    (["--dist", "reliability"], 2, "NAME=SPEC"),
    (["--dist", "reliabilty=beta(3, 2)"], 1, "did you mean 'reliability'"),
    (["--dist", "reliability=beta(3, 2)", "--set", "reliability=1/2"], 1, "both a value"),
    (["--dist", "reliability=beta(3, 2)", "--samples", "0"], 2, "--samples"),
    (["--dist", "reliability=beta(3, 2)", "--samples", "1000000000"], 1, "between 1 and"),
    (["--dist", "reliability=uniform(0, 2)"], 1, "upper bound 1"),
])
def test_bad_input_is_one_line(args, code, words):
    result = run("enforcer-reliability", *args)
    assert result.exit_code == code, result.output
    assert words in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_lever_search_exact_and_plot(tmp_path):
    """disarm-trust: honour iff patrol_cost >= renege_gain + salary = 400 + salary, and the
    rebels then disarm; with salary ~ U(200, 300), P(disarm) = (patrol_cost - 600) / 100 on
    [600, 700], so the smallest patrol cost for probability 1/2 is 650."""
    pytest.importorskip("matplotlib")
    picture = tmp_path / "lever.png"
    result = run("disarm-trust", "--dist", "salary=uniform(200, 300)", "--lever",
                 "patrol_cost=0:1000", "--target", "1/2", "--outcome", "Disarm", "--plot",
                 str(picture), "--samples", "200", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    assert document["lever"]["value"] == "650" and document["lever"]["probability"] == "1/2"
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(("args", "words"), [
    (["--lever", "salary=0:800", "--target", "0.9", "--outcome", "Disarm", "--dist",
      "salary=uniform(200, 300)"], "also uncertain"),
    (["--lever", "salary", "--target", "0.9", "--outcome", "Disarm"], "NAME=LOW:HIGH"),
    (["--lever", "salary=0:800"], "--target P and --outcome"),
])
def test_bad_levers(args, words):
    result = run("disarm-trust", "--dist", "patrol_cost=uniform(100, 700)", *args)
    assert result.exit_code in (1, 2) and words in result.stderr, result.output

"""The catalog: every file loads, is documented, validates against the schema, and the
reconciliation games have the structure and default payoffs the issue specifies."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest
import sympy

from commit_calc.errors import GameFileError
from commit_calc.io import catalog, load_game
from commit_calc.io.game_file import tomllib
from commit_calc.model import ExtensiveFormGame, NormalFormGame

ALL = catalog.names()

RECONCILIATION = ["reconciliation-2x2", "disarm-trust", "enforcer-reliability",
                  "strategic-enforcer", "costly-implementation", "reputation-two-cohorts"]
CLASSIC = ["prisoners-dilemma", "matching-pennies", "battle-of-the-sexes", "stag-hunt",
           "entry-deterrence", "kreps-trust", "centipede", "ultimatum", "selten-horse",
           "bagwell-commitment", "beer-quiche", "job-market-signalling"]
#: Repeated games: a [repeated] section over an inline stage game (loading one as a game gives
#: its stage game, with the discount and continuation parameters declared beside the others).
REPEATED = {"reconciliation-cohorts": "reconciliation", "repeated-prisoners-dilemma": "classic",
            "chain-store": "classic"}

DEFAULTS = {
    "salary": 250, "amnesty": 300, "territorial": 100, "conscription_cost": 600,
    "retribution_cost": 400, "exile_payoff": 0, "area_value": 1000, "war_cost": 600,
    "renege_gain": 400, "patrol_cost": 200, "restraint_cost": 100,
    "reliability": sympy.Rational(1, 2), "sanction": 600, "crowding_out": 0,
    "enforcer_benefit": 500, "idlib_interest": 200, "reputation_cost": 600,
    "enforcement_cost": 100, "enforcer_war_cost": 300,
    "prior_committed": sympy.Rational(1, 2), "signal_cost_committed": 100,
    "signal_cost_opportunistic": 900,
}
#: Defaults that differ between games: the reputation game starts where its equilibrium is pure.
GAME_DEFAULTS = {"reputation-two-cohorts": {"prior_committed": sympy.Rational(2, 3),
                                            "discount": sympy.Rational(9, 10)}}
UNITS = {"reliability": "probability", "prior_committed": "probability",
         "discount": "per period"}


def test_the_public_names():
    reconciliation = [n for n, group in REPEATED.items() if group == "reconciliation"]
    classic = [n for n, group in REPEATED.items() if group == "classic"]
    assert sorted(RECONCILIATION + reconciliation) + sorted(CLASSIC + classic) == ALL
    assert catalog.DEFAULT_GAME == "enforcer-reliability"


@pytest.mark.parametrize("name", ALL)
def test_every_game_loads_documented(name):
    game = load_game(name)
    header = catalog.header(name)
    assert game.name == name
    assert game.title and header.title == game.title
    sentences = [s for s in game.description.replace("\n", " ").split(". ") if s.strip()]
    assert 2 <= len(sentences) <= 4, game.description
    assert header.sources, "every catalog game cites its sources"
    assert game.at() is not None  # every parameter has a default


@pytest.mark.parametrize("name", ALL)
def test_every_file_validates_against_the_schema(name):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((files("commit_calc.io") / "schemas" / "game-1.json").read_text())
    with catalog.path_of(name).open("rb") as handle:
        jsonschema.validate(tomllib.load(handle), schema)


def test_list_games_entries():
    entries = catalog.list_games()
    assert [entry.name for entry in entries] == ALL
    name, title, summary = entries[0]
    assert summary.endswith(".") and "\n" not in summary


def test_unknown_name_lists_the_catalog():
    with pytest.raises(GameFileError, match="no game named 'nope' in the catalog .*disarm-trust"):
        catalog.path_of("nope")


@pytest.mark.parametrize("name", RECONCILIATION)
def test_reconciliation_parameters(name):
    game = load_game(name)
    defaults = {**DEFAULTS, **GAME_DEFAULTS.get(name, {})}
    for parameter in game.parameters:
        assert parameter.default == defaults[parameter.name], parameter.name
        assert parameter.meaning
        assert parameter.unit == UNITS.get(parameter.name, "USD/month")
        if parameter.unit in ("probability", "per period"):
            assert (parameter.lower, parameter.upper) == (0, 1)
    assert set(game.free_parameters) == {p.name for p in game.parameters}


U_H = 250 + 300 + 100
U_N = -(600 + 400)


def _leaves(game: ExtensiveFormGame) -> dict[tuple[str, ...], tuple]:
    return {game.path(node): node.payoffs for node in game.terminal_nodes()}


def test_reconciliation_2x2_at_defaults():
    game = load_game("reconciliation-2x2").at()
    assert isinstance(game, NormalFormGame)
    assert game.players == ("Rebels", "Regime")
    assert game.strategies == (("Disarm", "Stay armed"), ("Honor", "Renege"))
    assert game.payoff(("Disarm", "Honor")) == (U_H, 1000 - 250)
    assert game.payoff(("Disarm", "Renege")) == (U_N, 1000 + 400 - 200)
    assert game.payoff(("Stay armed", "Honor")) == (0, 1000 - 600 - 100)
    assert game.payoff(("Stay armed", "Renege")) == (0, 1000 - 600)


def test_disarm_trust_at_defaults():
    game = load_game("disarm-trust").at()
    assert _leaves(game) == {
        ("Disarm", "Honor"): (U_H, 750),
        ("Disarm", "Renege"): (U_N, 1200),
        ("Stay armed",): (0, 400),
    }
    assert game.properties.perfect_information


def test_enforcer_reliability_at_defaults():
    game = load_game("enforcer-reliability")
    r = game.parameters["reliability"].symbol
    assert game.node("enforcer").probabilities == (r, 1 - r)
    numeric = game.at()
    assert _leaves(numeric) == {
        ("Disarm", "Reliable", "Honor"): (U_H, 750),
        ("Disarm", "Reliable", "Renege"): (U_N, 1200 - 600),
        ("Disarm", "Unreliable", "Honor"): (U_H, 750),
        ("Disarm", "Unreliable", "Renege"): (U_N, 1200),
        ("Stay armed",): (0, 400),
    }
    assert numeric.properties.perfect_information and numeric.properties.has_chance


def test_strategic_enforcer_at_defaults():
    game = load_game("strategic-enforcer").at()
    assert game.players == ("Rebels", "Regime", "Enforcer")
    assert _leaves(game) == {
        ("Disarm", "Honor"): (U_H, 750, 500),
        ("Disarm", "Renege", "Protect"): (U_H, 750 - 600, 500 - 100),
        ("Disarm", "Renege", "Acquiesce"): (U_N, 1200, 500 + 200 - 600),
        ("Stay armed",): (0, 400, -300),
    }


def test_crowding_out_enters_the_renege_payoffs():
    game = load_game("enforcer-reliability").at({"crowding_out": 50})
    leaves = _leaves(game)
    assert leaves[("Disarm", "Reliable", "Renege")][1] == 650
    assert leaves[("Disarm", "Unreliable", "Renege")][1] == 1250


def test_reconciliation_cohorts_is_disarm_trust_repeated():
    """The stage game of reconciliation-cohorts is disarm-trust, parameters and payoffs alike
    (issue 11, item 8); the repeated game adds discount in (0, 1) and continuation in (0, 1]."""
    from commit_calc.io.repeated_file import load_repeated

    stage = load_game("disarm-trust")
    game = load_repeated("reconciliation-cohorts")
    own = {p.name: p for p in game.parameters}
    for parameter in stage.parameters:
        assert own[parameter.name] == parameter
    assert set(own) == {p.name for p in stage.parameters} | {"discount", "continuation"}
    assert (own["discount"].lower, own["discount"].upper) == (0, 1)
    assert (own["continuation"].default, own["continuation"].upper) == (1, 1)
    assert _leaves(game.stage_game.at()) == _leaves(stage.at())
    assert dict(game.lifetimes) == {"Rebels": "short", "Regime": "long"}
    assert game.strategy == "grim-trigger"


@pytest.mark.parametrize("name", sorted(REPEATED))
def test_repeated_games_load_as_repeated_games(name):
    from commit_calc.io.repeated_file import load_repeated

    game = load_repeated(name)
    assert game.name == name and game.sources
    assert game.check_values()["discount"] == sympy.Rational(9, 10)

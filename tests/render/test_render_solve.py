"""Rendering of SolveResults: the JSON document against its schema, CSV columns, text."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
import pytest
import sympy

import commit_calc
from commit_calc.model import Chance, Decision, ExtensiveFormGame, NormalFormGame, Parameter
from commit_calc.model.profiles import BehaviourProfile, MixedProfile
from commit_calc.render.schemas import load_schema
from commit_calc.render.solve import SOLVE_FORMAT, solve_csv, solve_document, solve_json, solve_text
from commit_calc.solvers.results import SolveResult, certify

SCHEMA = load_schema("solve-1")


def matching_pennies() -> NormalFormGame:
    """Matching pennies (von Neumann and Morgenstern 1944): unique equilibrium, both mix 1/2."""
    return NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]],
                                        players=("Even", "Odd"),
                                        strategies=(("Heads", "Tails"), ("Heads, again", "Tails")),
                                        name="pennies", title="Matching pennies")


def pennies_result() -> SolveResult:
    game = matching_pennies()
    profile = MixedProfile.from_labels(game, {"Even": {"Heads": "1/2", "Tails": "1/2"},
                                              "Odd": {"Heads, again": "1/2", "Tails": "1/2"}})
    return SolveResult(game, "nash", "by hand", (certify(game, profile, component=1),),
                       warnings=("a warning",))


def lottery_tree() -> ExtensiveFormGame:
    """A chance move then a decision. B grabs (3 > 1), so In is worth 1 - p to A against 1/2
    for Out: A plays In when p < 1/2, and then B's node is unreached."""
    from commit_calc.model import Terminal

    return ExtensiveFormGame.build(
        players=("A", "B"),
        root=Decision("A", {
            "In": Chance({"Heads": ("p", Decision("B", {"Keep": Terminal((2, 1)),
                                                        "Grab": Terminal((0, 3))}, name="b1")),
                          "Tails": ("1 - p", Terminal((1, 1)))}, name="coin"),
            "Out": Terminal(("1/2", 2)),
        }, name="a"),
        parameters=[Parameter("p", default="1/3", lower=0, upper=1, unit="probability")],
        name="lottery", title="Lottery",
    )


def lottery_result(p: str = "1/3") -> tuple[SolveResult, ExtensiveFormGame]:
    original = lottery_tree()
    game = original.at({"p": p})
    choice = "In" if sympy.Rational(p) < sympy.Rational(1, 2) else "Out"
    profile = BehaviourProfile.from_labels(game, {"a": choice, "b1": "Grab"})
    result = SolveResult(game, "spe", "by hand", (certify(game, profile),),
                         parameters=original.parameters.values({"p": p}))
    return result, original


def test_normal_form_document_validates_and_has_the_issue_keys():
    document = json.loads(solve_json(pennies_result()))
    jsonschema.validate(document, SCHEMA)
    assert document["format"] == SOLVE_FORMAT == "commit-calc/solve/1"
    assert document["game"] == {"name": "pennies", "title": "Matching pennies",
                                "players": ["Even", "Odd"], "form": "normal"}
    assert document["concept"] == "nash"
    assert document["exact"] is True
    assert document["warnings"] == ["a warning"]
    [equilibrium] = document["equilibria"]
    assert equilibrium["strategies"] == {"Even": {"Heads": "1/2", "Tails": "1/2"},
                                         "Odd": {"Heads, again": "1/2", "Tails": "1/2"}}
    assert equilibrium["payoffs"] == {"Even": "0", "Odd": "0"}
    assert equilibrium["component"] == 1
    assert equilibrium["max_regret"] == "0"
    assert {o["probability"] for o in equilibrium["outcomes"]} == {"1/4"}


def test_tree_document_validates_and_lists_every_information_set():
    result, original = lottery_result("3/4")
    document = solve_document(result, original)
    jsonschema.validate(document, SCHEMA)
    [equilibrium] = document["equilibria"]
    assert equilibrium["strategies"] == {"A": {"a": {"Out": "1"}}, "B": {"b1": {"Grab": "1"}}}
    assert equilibrium["outcomes"] == [{"path": ["Out"], "probability": "1", "terminal": "t4"}]
    assert document["parameters"] == {"p": "3/4"}
    assert "component" not in equilibrium


def test_tree_outcomes_include_chance_moves():
    result, original = lottery_result("1/3")
    [equilibrium] = solve_document(result, original)["equilibria"]
    assert [(o["path"], o["probability"]) for o in equilibrium["outcomes"]] == [
        (["In", "Heads", "Grab"], "1/3"), (["In", "Tails"], "2/3")]
    assert equilibrium["payoffs"] == {"A": "2/3", "B": "5/3"}


def test_json_is_indented_with_sorted_keys():
    text = solve_json(pennies_result())
    version = commit_calc.__version__
    assert text.startswith(f'{{\n  "commit_calc_version": "{version}",\n  "concept": "nash",\n')
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True)


@pytest.mark.parametrize("path, bad", [
    (("equilibria", 0, "payoffs", "Even"), 0.5),        # a float, not an exact string
    (("equilibria", 0, "payoffs", "Even"), "0.5"),      # a decimal string, not a fraction
    (("equilibria", 0, "outcomes", 0, "probability"), "-1/4"),
    (("format",), "commit-calc/solve/2"),
    (("concept",), "auto"),
])
def test_schema_rejects_malformed_documents(path: tuple, bad: object):
    document = solve_document(pennies_result())
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = bad
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, SCHEMA)


@pytest.mark.parametrize("key", ["format", "game", "parameters", "concept", "equilibria"])
def test_schema_requires_the_issue_keys(key: str):
    document = solve_document(pennies_result())
    del document[key]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, SCHEMA)


def test_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_csv_quotes_labels_and_lists_zero_probabilities():
    result, original = lottery_result("3/4")
    rows = list(csv.reader(io.StringIO(solve_csv(result, original))))
    assert rows[0] == ["equilibrium", "component", "param:p", "prob:A:a:In", "prob:A:a:Out",
                       "prob:B:b1:Keep", "prob:B:b1:Grab", "payoff:A", "payoff:B", "outcome",
                       "max_regret"]
    assert rows[1] == ["1", "", "3/4", "0", "1", "0", "1", "1/2", "2", "Out: 1", "0"]
    pennies = list(csv.DictReader(io.StringIO(solve_csv(pennies_result()))))
    assert pennies[0]["prob:Odd:Heads, again"] == "1/2"


def test_text_report():
    result, original = lottery_result("1/3")
    text = solve_text(result, original)
    assert text.splitlines()[:2] == ["Lottery (lottery)",
                                     "1 subgame-perfect equilibrium (method: by hand)"]
    assert "  p  1/3 (0.333333)  probability" in text
    assert "    A  at a:   In" in text
    assert "    In > Heads > Grab  probability 1/3 (0.333333)" in text
    assert "    A  2/3 (0.666667)" in text
    assert "warning" not in text


def test_text_report_shows_components_only_when_shared():
    game = NormalFormGame.from_matrices([[1, 1], [1, 1]], [[0, 0], [0, 0]],
                                        strategies=(("U", "D"), ("L", "R")))
    found = tuple(
        certify(game, MixedProfile.from_labels(game, {"Row": row, "Column": "L"}), component=1)
        for row in ("U", "D")
    )
    text = solve_text(SolveResult(game, "nash", "by hand", found))
    assert "Equilibrium 2 (component 1)" in text
    alone = solve_text(SolveResult(game, "nash", "by hand", found[:1]))
    assert "component" not in alone


def test_text_report_without_equilibria():
    game = matching_pennies()
    text = solve_text(SolveResult(game, "nash", "pure enumeration", ()))
    assert "0 Nash equilibria" in text
    assert "No equilibrium found." in text


def test_exact_values_never_pass_through_floats():
    """A payoff of 1/3 + 10**-30 must print exactly, not as 0.333...."""
    tiny = sympy.Rational(1, 3) + sympy.Rational(1, 10**30)
    game = NormalFormGame.from_matrices([[tiny]], [[0]], strategies=(("U",), ("L",)))
    found = certify(game, MixedProfile.from_labels(game, {"Row": "U", "Column": "L"}))
    document = solve_document(SolveResult(game, "nash", "by hand", (found,)))
    assert document["equilibria"][0]["payoffs"]["Row"] == str(tiny)

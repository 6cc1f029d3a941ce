"""Games for the analysis tests, built from the specification in issue 5 (the catalog files
in the repository's ``games/`` encode the same games; tests use both)."""

from __future__ import annotations

from commit_calc.model import Chance, Decision, ExtensiveFormGame, Parameter, Terminal

DEFAULTS = {
    "salary": 250, "amnesty": 300, "territorial": 100, "conscription_cost": 600,
    "retribution_cost": 400, "exile_payoff": 0, "area_value": 1000, "war_cost": 600,
    "renege_gain": 400, "patrol_cost": 200, "sanction": 600, "crowding_out": 0,
}
HONORED = "salary + amnesty + territorial"
BROKEN = "-(conscription_cost + retribution_cost)"


def _parameters(*names: str) -> list[Parameter]:
    found = []
    for name in names:
        if name == "reliability":
            found.append(Parameter("reliability", "1/2", lower=0, upper=1))
        elif name == "exile_payoff":
            found.append(Parameter(name, DEFAULTS[name]))
        else:
            found.append(Parameter(name, DEFAULTS[name], lower=0))
    return found


def build_disarm_trust() -> ExtensiveFormGame:
    return ExtensiveFormGame.build(
        players=("Rebels", "Regime"), name="disarm-trust",
        parameters=_parameters("salary", "amnesty", "territorial", "conscription_cost",
                               "retribution_cost", "exile_payoff", "area_value", "war_cost",
                               "renege_gain", "patrol_cost"),
        root=Decision("Rebels", {
            "Stay armed": Terminal(("exile_payoff", "area_value - war_cost")),
            "Disarm": Decision("Regime", {
                "Honor": Terminal((HONORED, "area_value - salary")),
                "Renege": Terminal((BROKEN, "area_value + renege_gain - patrol_cost")),
            }),
        }))


def build_enforcer_reliability() -> ExtensiveFormGame:
    renege = "area_value + renege_gain - patrol_cost + crowding_out"

    def regime(extra: str) -> Decision:
        return Decision("Regime", {
            "Honor": Terminal((HONORED, "area_value - salary")),
            "Renege": Terminal((BROKEN, renege + extra)),
        })

    return ExtensiveFormGame.build(
        players=("Rebels", "Regime"), name="enforcer-reliability",
        parameters=_parameters("salary", "amnesty", "territorial", "conscription_cost",
                               "retribution_cost", "exile_payoff", "area_value", "war_cost",
                               "renege_gain", "patrol_cost", "reliability", "sanction",
                               "crowding_out"),
        root=Decision("Rebels", {
            "Stay armed": Terminal(("exile_payoff", "area_value - war_cost")),
            "Disarm": Chance({
                "Reliable": ("reliability", regime(" - sanction")),
                "Unreliable": ("1 - reliability", regime("")),
            }),
        }))

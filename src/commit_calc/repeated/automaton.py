"""Strategy profiles of a repeated game as finite automata.

An automaton has states; in each state every player plays an action (or a mixed action) of
the stage game; after each period the observed outcome moves it to the next state, by the
first of the state's rules whose ``when`` matches the outcome (``when`` names some players'
actions; ``{}`` matches every outcome). Every state must have a rule for every outcome.

>>> from commit_calc.model.normal_form import NormalFormGame
>>> from commit_calc.repeated.stage import Stage
>>> pd = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]],
...     players=("Row", "Column"), strategies=(("C", "D"), ("C", "D")))
>>> grim = Automaton.build("grim", {"ok": {"Row": "C", "Column": "C"},
...                                 "war": {"Row": "D", "Column": "D"}},
...                        {"ok": [({"Row": "D"}, "war"), ({"Column": "D"}, "war"),
...                                ({}, "ok")], "war": [({}, "war")]})
>>> table = grim.transitions(Stage(pd))
>>> table["ok"]
('ok', 'war', 'war', 'war')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sympy

from commit_calc.errors import GameDefinitionError
from commit_calc.model.values import exact_number
from commit_calc.repeated.stage import Mixed, Play, Stage

#: At most this many automaton states (the value system is solved exactly).
MAX_STATES = 50

#: An action, or a mixed action ``{action: probability}``.
ActionSpec = str | Mapping[str, object]


@dataclass(frozen=True)
class Rule:
    """Go to state ``to`` after an outcome where each player in ``when`` took that action."""

    when: Mapping[str, str]
    to: str

    def matches(self, actions: Mapping[str, tuple[str, ...]]) -> bool:
        return all(action in actions.get(player, ()) for player, action in self.when.items())


@dataclass(frozen=True)
class Automaton:
    """A strategy profile: ``play[state][player]`` is a mixed action, ``rules[state]`` the
    ordered transition rules; ``states[0]`` is the initial state."""

    name: str
    states: tuple[str, ...]
    play: Mapping[str, Mapping[str, Mixed]]
    rules: Mapping[str, tuple[Rule, ...]]
    description: str = ""

    @classmethod
    def build(cls, name: str, play: Mapping[str, Mapping[str, ActionSpec]],
              rules: Mapping[str, Sequence[tuple[Mapping[str, str], str]]],
              description: str = "") -> Automaton:
        """An automaton from plain data; the first state of ``play`` is the initial one."""
        where = f"automaton '{name}'"
        if not play:
            raise GameDefinitionError(f"{where}: no states")
        if len(play) > MAX_STATES:
            raise GameDefinitionError(f"{where}: more than {MAX_STATES} states")
        mixed = {state: {player: _mixed(spec, f"{where}, state '{state}', player '{player}'")
                         for player, spec in actions.items()}
                 for state, actions in play.items()}
        for state in rules:
            if state not in play:
                raise GameDefinitionError(f"{where}: transitions from '{state}', which is not "
                                          f"a state (states: {', '.join(play)})")
        built = {state: tuple(Rule(dict(when), to) for when, to in rules.get(state, ()))
                 for state in play}
        for state, state_rules in built.items():
            for rule in state_rules:
                if rule.to not in play:
                    raise GameDefinitionError(
                        f"{where}: state '{state}' moves to '{rule.to}', which is not a state "
                        f"(states: {', '.join(play)})")
        return cls(name, tuple(play), mixed, built, description)

    @property
    def initial(self) -> str:
        return self.states[0]

    def stage_play(self, stage: Stage, state: str) -> Play:
        """The mixed action at every decision point of ``stage`` in ``state``."""
        return tuple(self.play[state][point.player] for point in stage.points)

    def check(self, stage: Stage) -> None:
        """Refuse an automaton that does not fit ``stage``: a player without an action, an
        unknown action or player, probabilities not adding up to 1, a missing transition."""
        where = f"automaton '{self.name}'"
        for state in self.states:
            for player in self.play[state]:
                if player not in stage.players:
                    raise GameDefinitionError(f"{where}, state '{state}': '{player}' is not a "
                                              f"player ({', '.join(stage.players)})")
            for player in stage.players:
                if player not in self.play[state]:
                    raise GameDefinitionError(f"{where}, state '{state}': no action for "
                                              f"'{player}'")
            for point in stage.points:
                for action in self.play[state][point.player]:
                    if action not in point.actions:
                        at = "" if point.where == point.player else f" at node '{point.where}'"
                        raise GameDefinitionError(
                            f"{where}, state '{state}': '{action}' is not an action of "
                            f"'{point.player}'{at} (actions: {', '.join(point.actions)})")
            for rule in self.rules[state]:
                for player, action in rule.when.items():
                    if player not in stage.players:
                        raise GameDefinitionError(
                            f"{where}, transition from '{state}': '{player}' is not a player")
                    known = {a for p in stage.points if p.player == player for a in p.actions}
                    if action not in known:
                        raise GameDefinitionError(
                            f"{where}, transition from '{state}': '{action}' is not an action "
                            f"of '{player}'")
        self.transitions(stage)

    def transitions(self, stage: Stage) -> dict[str, tuple[str, ...]]:
        """The next state after each outcome of ``stage``, from every state."""
        table = {}
        for state in self.states:
            following = []
            for outcome in stage.outcomes:
                rule = next((r for r in self.rules[state] if r.matches(outcome.actions)), None)
                if rule is None:
                    raise GameDefinitionError(
                        f"automaton '{self.name}': state '{state}' has no transition for the "
                        f"outcome ({outcome.label}) (add a rule, or when = {{}} for any other "
                        "outcome)")
                following.append(rule.to)
            table[state] = tuple(following)
        return table


def _mixed(spec: ActionSpec, where: str) -> dict[str, sympy.Expr]:
    if isinstance(spec, str):
        return {spec: sympy.Integer(1)}
    if not isinstance(spec, Mapping) or not spec:
        raise GameDefinitionError(f"{where}: expected an action or a table action = "
                                  "probability")
    mix = {}
    for action, probability in spec.items():
        number = exact_number(probability, what=f"{where}, probability of '{action}'") \
            if not isinstance(probability, sympy.Expr) else probability
        if number.is_number and not 0 <= number <= 1:
            raise GameDefinitionError(f"{where}: probability of '{action}' is {number}, not "
                                      "between 0 and 1")
        if number != 0:
            mix[str(action)] = number
    total = sympy.simplify(sympy.Add(*mix.values()))
    if total != 1:
        raise GameDefinitionError(f"{where}: probabilities add up to {total}, not 1")
    return mix

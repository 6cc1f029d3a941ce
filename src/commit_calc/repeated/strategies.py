"""The named strategy profiles, built for a repeated game from its players' cooperative and
punishment actions (``cooperate`` and ``punish``; by default each player's first and last
action). A *deviation* is an outcome where a long-lived player took another action than the
phase asks for; short-lived players' deviations are not punished (they cannot be).

- ``grim-trigger``: cooperate until a deviation, then punish for ever.
- ``k-period-punishment``: after a deviation, punish for ``k`` periods whatever happens, then
  cooperate again (Osborne 2004, "limited punishment").
- ``carrot-and-stick``: after a deviation, one period of punishment (the stick), restarted by
  any deviation from it, then cooperation (the carrot) (Abreu 1988).
- ``tit-for-tat``: two long-lived players, a table stage game; each plays what the other played
  last period (cooperative or not), cooperating at first (Axelrod 1984).
- ``forgiving``: win-stay lose-shift (Nowak and Sigmund 1993): cooperate after both players
  cooperated or both punished, punish (both) after they differed.

>>> from commit_calc.io import load_game
>>> from commit_calc.repeated.model import RepeatedGame
>>> game = RepeatedGame.over(load_game("prisoners-dilemma"))
>>> named_automaton(game, "k-period-punishment", k=2).states
('cooperate', 'punish 1', 'punish 2')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from commit_calc.errors import GameDefinitionError, UnsupportedGameError
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.repeated.automaton import Automaton
from commit_calc.repeated.model import RepeatedGame

NAMED = ("grim-trigger", "tit-for-tat", "k-period-punishment", "carrot-and-stick", "forgiving")

#: The largest ``k`` of ``k-period-punishment``.
MAX_K = 100

Rules = list[tuple[Mapping[str, str], str]]


def phases(game: RepeatedGame) -> tuple[dict[str, str], dict[str, str]]:
    """Each player's cooperative and punishment action."""
    cooperate, punish = {}, {}
    for player in game.players:
        actions = [a for p in game.stage.points if p.player == player for a in p.actions]
        cooperate[player] = game.cooperate.get(player, actions[0])
        punish[player] = game.punish.get(player, actions[-1])
    return cooperate, punish


def strategy_names(game: RepeatedGame) -> tuple[str, ...]:
    """The named strategies and the game's own automata."""
    return (*NAMED, *(name for name in game.automata if name not in NAMED))


def named_automaton(game: RepeatedGame, name: str, *, k: int = 1) -> Automaton:
    """The automaton ``name``: one of the game's own automata, else a named strategy."""
    if name in game.automata:
        return game.automata[name]
    cooperate, punish = phases(game)
    if name == "grim-trigger":
        return Automaton.build(name, {"cooperate": cooperate, "punish": punish}, {
            "cooperate": [*_deviations(game, cooperate, "punish"), ({}, "cooperate")],
            "punish": [({}, "punish")]}, "cooperate until a deviation, then punish for ever")
    if name == "k-period-punishment":
        if not 1 <= k <= MAX_K:
            raise GameDefinitionError(f"k-period-punishment: k = {k} is not between 1 and "
                                      f"{MAX_K}")
        states = [f"punish {j}" for j in range(1, k + 1)]
        play = {"cooperate": cooperate, **{state: punish for state in states}}
        rules: dict[str, Rules] = {
            "cooperate": [*_deviations(game, cooperate, states[0]), ({}, "cooperate")]}
        for j, state in enumerate(states):
            rules[state] = [({}, states[j + 1] if j + 1 < k else "cooperate")]
        return Automaton.build(name, play, rules, f"after a deviation, punish for {k} "
                               "period(s), then cooperate again")
    if name == "carrot-and-stick":
        return Automaton.build(name, {"carrot": cooperate, "stick": punish}, {
            "carrot": [*_deviations(game, cooperate, "stick"), ({}, "carrot")],
            "stick": [*_deviations(game, punish, "stick"), ({}, "carrot")]},
            "one period of punishment after a deviation, restarted by a deviation from it")
    if name in ("tit-for-tat", "forgiving"):
        return _two_player(game, name, cooperate, punish)
    raise GameDefinitionError(f"no strategy named '{name}' (strategies: "
                              f"{', '.join(strategy_names(game))})")


def _deviations(game: RepeatedGame, phase: Mapping[str, str], to: str) -> Rules:
    """Rules moving to ``to`` when a long-lived player plays another action than ``phase``."""
    rules: Rules = []
    for player in game.long_lived:
        others = {a for p in game.stage.points if p.player == player for a in p.actions}
        for action in sorted(others - {phase[player]}):
            rules.append(({player: action}, to))
    return rules


def _two_player(game: RepeatedGame, name: str, cooperate: Mapping[str, str],
                punish: Mapping[str, str]) -> Automaton:
    if not isinstance(game.stage_game, NormalFormGame) or len(game.players) != 2 \
            or len(game.long_lived) != 2:
        raise UnsupportedGameError(f"{name} needs a table stage game with two long-lived "
                                   "players")
    one, two = game.players
    c1, c2, p1, p2 = cooperate[one], cooperate[two], punish[one], punish[two]
    if name == "forgiving":
        both = [({one: c1, two: c2}, "cooperate"), ({one: p1, two: p2}, "cooperate"),
                ({}, "punish")]
        return Automaton.build(name, {"cooperate": cooperate, "punish": punish},
                               {"cooperate": both, "punish": both},
                               "win-stay lose-shift: cooperate after a match, punish after a "
                               "mismatch")
    labels = {(True, True): f"after {c1}, {c2}", (True, False): f"after {c1}, not {c2}",
              (False, True): f"after not {c1}, {c2}", (False, False): f"after not {c1}, "
              f"not {c2}"}
    play = {labels[(x, y)]: {one: c1 if y else p1, two: c2 if x else p2}
            for x, y in labels}
    moves: Sequence[tuple[Mapping[str, str], str]] = [
        ({one: c1, two: c2}, labels[(True, True)]), ({one: c1}, labels[(True, False)]),
        ({two: c2}, labels[(False, True)]), ({}, labels[(False, False)])]
    return Automaton.build(name, play, {state: list(moves) for state in play},
                           "each plays what the other played last period, cooperating first")

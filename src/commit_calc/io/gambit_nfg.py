"""Reading Gambit ``.nfg`` files (game tables), payoff and outcome versions, player 1's
strategy varying fastest."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

import numpy as np

from commit_calc.errors import CommitCalcError, GameFileError
from commit_calc.io.gambit_tokens import MAX_PROFILES, Number, Tokens, header, normalize_labels
from commit_calc.model.normal_form import NormalFormGame


def parse_nfg(text: str, *, source: str = "<string>", name: str = "") -> NormalFormGame:
    """Build a game from the text of a Gambit ``.nfg`` file (payoff or outcome version).

    Raises
    ------
    GameFileError
        The text is not a valid ``.nfg`` game; the message names ``source`` and the line.
    """
    tokens = Tokens(text, source)
    title, players = header(tokens, "NFG", "1")
    if len(players) < 2:
        raise tokens.fail("a game table needs at least two players")
    strategies = _read_strategies(tokens, len(players))
    description = tokens.next().text if tokens.peek().kind == "string" else ""
    shape = tuple(len(labels) for labels in strategies)
    if int(np.prod(shape, dtype=object)) > MAX_PROFILES:
        raise tokens.fail(f"the table has more than {MAX_PROFILES} strategy profiles")
    arrays = [np.empty(shape, dtype=object) for _ in players]
    if tokens.peek().kind == "{":
        _read_outcome_body(tokens, players, shape, arrays)
    else:
        for profile in first_player_fastest(shape):
            for p in range(len(players)):
                arrays[p][profile] = tokens.number(
                    f"the payoff of {players[p]} at profile {_profile_text(strategies, profile)}")
                tokens.accept(",")
    if tokens.peek().kind != "end":
        raise tokens.fail(f"unexpected {tokens.peek().text!r} after the last payoff "
                          f"({int(np.prod(shape))} profiles x {len(players)} players expected)")
    try:
        return NormalFormGame.from_arrays(
            [array.tolist() for array in arrays], players=players, strategies=strategies,
            name=name, title=title, description=description.strip(),
        )
    except CommitCalcError as error:
        raise GameFileError(str(error), path=source) from None


def _read_strategies(tokens: Tokens, num_players: int) -> list[list[str]]:
    tokens.expect("{", "'{' opening the strategies")
    strategies = []
    if tokens.peek().kind == "{":
        for _ in range(num_players):
            strategies.append(normalize_labels(tokens.strings("list of strategies")))
    else:
        for _ in range(num_players):
            count = tokens.integer("a number of strategies")
            if count > MAX_PROFILES:
                raise tokens.fail(f"more than {MAX_PROFILES} strategies")
            strategies.append([str(k + 1) for k in range(count)])
    tokens.expect("}", f"'}}' closing the strategies of {num_players} players")
    for labels in strategies:
        if not labels:
            raise tokens.fail("every player needs at least one strategy")
    return strategies


def _read_outcome_body(tokens: Tokens, players: Sequence[str], shape: tuple[int, ...],
                       arrays: list[np.ndarray]) -> None:
    tokens.expect("{", "'{' opening the list of outcomes")
    outcomes: list[tuple[Number, ...]] = []
    while tokens.accept("{"):
        tokens.expect("string", "the outcome's label")
        values = []
        while tokens.peek().kind != "}":
            values.append(tokens.number(f"a payoff of outcome {len(outcomes) + 1}"))
            tokens.accept(",")
        closing = tokens.expect("}", "'}' closing the outcome")
        if len(values) != len(players):
            raise tokens.fail(f"outcome {len(outcomes) + 1} has {len(values)} payoffs for "
                              f"{len(players)} players", closing)
        outcomes.append(tuple(values))
    tokens.expect("}", "'}' closing the list of outcomes")
    zero = (0,) * len(players)
    for profile in first_player_fastest(shape):
        token = tokens.peek()
        number = tokens.integer("an outcome number for each strategy profile")
        if number > len(outcomes):
            raise tokens.fail(f"outcome {number} is not defined ({len(outcomes)} outcomes)",
                              token)
        payoffs = outcomes[number - 1] if number else zero
        for p, value in enumerate(payoffs):
            arrays[p][profile] = value


def first_player_fastest(shape: Sequence[int]) -> Iterator[tuple[int, ...]]:
    """Profiles in Gambit's order: player 1's strategy changes fastest."""
    for reversed_profile in itertools.product(*(range(n) for n in reversed(shape))):
        yield tuple(reversed(reversed_profile))


def _profile_text(strategies: Sequence[Sequence[str]], profile: Sequence[int]) -> str:
    return "(" + ", ".join(strategies[p][s] for p, s in enumerate(profile)) + ")"



"""Promises: actions a player undertakes to take at some of its information sets.

``"Regime=Honor"`` promises Honor at every information set of the Regime where Honor is an
action; ``"regime=Honor"`` (an information set label, or the name of a decision node) only
there.

>>> from commit_calc.io import load_game
>>> game = load_game("disarm-trust")
>>> parse_promises(game, ["Regime=Honor"])
(Promise(player='Regime', choices=(('regime', 'Honor'),)),)
>>> parse_promises(game, ["Regime=Surrender"])  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
commit_calc.errors.ParameterError: promise 'Regime=Surrender': the Regime has no action ...
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from commit_calc.errors import ParameterError
from commit_calc.model.extensive_form import ExtensiveFormGame


@dataclass(frozen=True)
class Promise:
    """``player`` promises ``action`` at each ``(information set, action)`` of ``choices``."""

    player: str
    choices: tuple[tuple[str, str], ...]

    def text(self) -> str:
        """``"Regime: Honor at regime"``."""
        return f"{self.player}: " + ", ".join(f"{a} at {i}" for i, a in self.choices)


def parse_promises(game: ExtensiveFormGame, specs: Sequence[str]) -> tuple[Promise, ...]:
    """The promises ``WHO=ACTION`` (WHO a player, an information set or a decision node).

    Raises :class:`ParameterError` naming the promise and what is wrong with it; two promises
    at the same information set must agree.
    """
    promises = tuple(_parse(game, spec) for spec in specs)
    seen: dict[str, tuple[str, str]] = {}
    for spec, promise in zip(specs, promises):
        for label, action in promise.choices:
            if label in seen and seen[label][1] != action:
                raise ParameterError(
                    f"promise '{spec}' contradicts '{seen[label][0]}' at information set "
                    f"'{label}'")
            seen[label] = (spec, action)
    return promises


def _parse(game: ExtensiveFormGame, spec: str) -> Promise:
    who, equals, action = (part.strip() for part in spec.partition("="))
    if not equals or not who or not action:
        raise ParameterError(f"promise '{spec}': write WHO=ACTION, e.g. Regime=Honor")
    if who in game.players:
        infosets = game.player_infosets(who)
        choices = tuple((i.label, action) for i in infosets if action in i.actions)
        if not choices:
            actions = sorted({a for i in infosets for a in i.actions})
            raise ParameterError(
                f"promise '{spec}': the {who} has no action '{action}' (its actions: "
                f"{', '.join(actions) or 'none: it never moves'})")
        return Promise(who, choices)
    label = _infoset_label(game, who, spec)
    infoset = game.infoset(label)
    if action not in infoset.actions:
        raise ParameterError(
            f"promise '{spec}': the {infoset.player} has no action '{action}' at '{who}' "
            f"(actions there: {', '.join(infoset.actions)})")
    return Promise(infoset.player, ((label, action),))


def _infoset_label(game: ExtensiveFormGame, who: str, spec: str) -> str:
    if any(i.label == who for i in game.infosets):
        return who
    node = next((n for n in game.nodes if n.name == who), None)
    if node is not None and node.infoset is not None:
        return node.infoset
    if node is not None:
        raise ParameterError(
            f"promise '{spec}': no player moves at node '{who}' (a {node.kind} node)")
    raise ParameterError(
        f"promise '{spec}': '{who}' is neither a player ({', '.join(game.players)}) nor an "
        "information set or decision node of the game")

"""A repeated game: a stage game played every period, by long-lived or short-lived players.

The horizon is infinite: after each period another comes with probability ``continuation``,
and long-lived players discount the next period by ``discount``, so the effective discount
factor is ``discount * continuation``. Values are normalised averages, ``(1 - delta)`` times
the discounted sum of stage payoffs, so they are in the units of the stage payoffs. A
short-lived player is a new cohort each period that cares about the current period only.

>>> from commit_calc.io import load_game
>>> game = RepeatedGame.over(load_game("prisoners-dilemma"))
>>> game.discount, str(game.delta), game.long_lived
('discount', 'discount', ('Row', 'Column'))
>>> game.check_values({"discount": 1})
Traceback (most recent call last):
...
commit_calc.errors.ParameterError: parameter 'discount' = 1: a discount factor must be \
strictly between 0 and 1
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import sympy

from commit_calc.errors import GameDefinitionError, ParameterError
from commit_calc.model.parameters import Parameter, Parameters
from commit_calc.repeated.automaton import Automaton
from commit_calc.repeated.stage import Stage, StageGame

LONG, SHORT = "long", "short"

#: The discount factor parameter added to a plain stage game.
DISCOUNT = Parameter("discount", default="9/10", lower=0, upper=1,
                     meaning="per-period discount factor of the long-lived players")


@dataclass(frozen=True)
class RepeatedGame:
    """A stage game repeated without end (see the module docstring).

    ``discount`` names the discount factor's parameter; ``continuation`` is a number or a
    formula (1: the game surely goes on). ``cooperate`` and ``punish`` give each player's
    action in the named strategies' cooperative and punishment phases; ``automata`` are the
    game's own strategy profiles, ``strategy`` the one used when none is named.
    """

    stage_game: StageGame
    parameters: Parameters
    discount: str = "discount"
    continuation: sympy.Expr = sympy.Integer(1)
    lifetimes: Mapping[str, str] = field(default_factory=dict)
    cooperate: Mapping[str, str] = field(default_factory=dict)
    punish: Mapping[str, str] = field(default_factory=dict)
    automata: Mapping[str, Automaton] = field(default_factory=dict)
    strategy: str = "grim-trigger"
    name: str = ""
    title: str = ""
    description: str = ""
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        Stage(self.stage_game)  # refuses stage games it cannot handle
        if self.discount not in self.parameters:
            raise GameDefinitionError(f"repeated game: the discount factor '{self.discount}' "
                                      "is not a parameter")
        for player, lifetime in self.lifetimes.items():
            if player not in self.stage_game.players:
                raise GameDefinitionError(f"repeated game: lifetime of '{player}', who is not "
                                          f"a player ({', '.join(self.stage_game.players)})")
            if lifetime not in (LONG, SHORT):
                raise GameDefinitionError(f"repeated game: lifetime of '{player}' is "
                                          f"{lifetime!r} (expected \"long\" or \"short\")")
        if not self.long_lived:
            raise GameDefinitionError("repeated game: at least one player must be long-lived")
        for phase, actions in (("cooperate", self.cooperate), ("punish", self.punish)):
            for player in actions:
                if player not in self.stage_game.players:
                    raise GameDefinitionError(f"repeated game: '{phase}' names '{player}', "
                                              "who is not a player")

    @classmethod
    def over(cls, stage_game: StageGame, *, discount: object = None,
             **options: object) -> RepeatedGame:
        """``stage_game`` repeated with every player long-lived, the discount factor its
        parameter ``discount`` if it has one, else a new one (default 9/10); ``discount``,
        when given, is the factor's value."""
        own = stage_game.parameters.by_name.get("discount")
        base = own if own is not None else DISCOUNT
        parameter = base if discount is None else replace(base, default=base.check(discount))
        parameters = Parameters(tuple(parameter if p.name == "discount" else p
                                      for p in stage_game.parameters)
                                + (() if own is not None else (parameter,)))
        return cls(stage_game, parameters, name=stage_game.name, title=stage_game.title,
                   description=stage_game.description, **options)  # type: ignore[arg-type]

    @property
    def stage(self) -> Stage:
        return Stage(self.stage_game)

    @property
    def players(self) -> tuple[str, ...]:
        return self.stage_game.players

    def lifetime(self, player: str) -> str:
        return self.lifetimes.get(player, LONG)

    @property
    def long_lived(self) -> tuple[str, ...]:
        return tuple(p for p in self.players if self.lifetime(p) == LONG)

    @property
    def discount_symbol(self) -> sympy.Symbol:
        return self.parameters[self.discount].symbol

    @property
    def delta(self) -> sympy.Expr:
        """The effective discount factor, ``discount * continuation``."""
        return self.discount_symbol * self.continuation

    def check_values(self, given: Mapping[str, object] | None = None
                     ) -> dict[str, sympy.Rational]:
        """Every parameter's exact value (given, else default), with the discount factor in
        (0, 1) and the continuation probability in (0, 1]."""
        values = self.parameters.values(given)
        discount = values[self.discount]
        if not 0 < discount < 1:
            raise ParameterError(f"parameter '{self.discount}' = {discount}: a discount factor "
                                 "must be strictly between 0 and 1")
        mapping = {self.parameters[n].symbol: v for n, v in values.items()}
        continuation = self.continuation.xreplace(mapping)
        if not (continuation.is_number and 0 < continuation <= 1):
            name = str(self.continuation)
            raise ParameterError(f"continuation probability {name} = {continuation}: it must be "
                                 "above 0 and at most 1")
        return values

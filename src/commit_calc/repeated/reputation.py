"""Reputation across ``T`` cohorts: the T-cohort version of ``reputation-two-cohorts`` and the
prior on the committed type that each cohort needs in order to disarm (Kreps and Wilson 1982).

Each period a new cohort joins the deal or refuses; after a joining, a committed regime
honours, an opportunistic one honours or reneges; every later cohort sees what happened. A
cohort joins iff the regime honours with probability at least
``q = (exile_payoff - U_N) / (U_H - U_N)``. In the Kreps-Wilson equilibrium (their chain
store with "fight" read as "honour" and "stay out" as "join") cohort ``k`` of ``T``, with
``n = T - k + 1`` cohorts still to come, joins iff the belief in the committed type is at
least ``q**n``; below ``q**(n - 1)`` the opportunistic regime honours with the probability
that brings the belief after an honoured deal up to ``q**(n - 1)``, and a cohort exactly at
its threshold joins with probability ``x = (R_RENEGE - R_HONOR) / (discount (R_RENEGE -
R_REFUSE))``, which makes the regime one period earlier indifferent. It holds where ``U_N <
exile_payoff < U_H``, ``R_REFUSE < R_HONOR < R_RENEGE`` and ``x <= 1``. Since beliefs do not
move on the path while cohorts join and are honoured, cohort ``k`` disarms on the path iff
the prior is at least ``q**(T - k + 1)``.

:func:`check_profile` checks this profile on the T-cohort game itself, independently of the
formulas: beliefs by Bayes' rule along every history, each cohort's choice against them and
the opportunistic regime's choices by backward induction, exactly.

>>> from commit_calc.io import load_game
>>> model = ReputationModel.of(load_game("reputation-two-cohorts"))
>>> values = model.values()
>>> str(model.cohort_threshold.xreplace(values)), str(model.join_at_threshold.xreplace(values))
('20/33', '5/8')
>>> [str(t.xreplace(values)) for t in model.priors_needed(3)]
['8000/35937', '400/1089', '20/33']
>>> check_profile(model, 3, values)
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import sympy

from commit_calc.errors import UnsupportedGameError
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.parameters import Parameters

#: The largest number of cohorts whose histories :func:`check_profile` walks (3**T of them).
MAX_CHECKED_COHORTS = 8
#: The largest number of cohorts accepted.
MAX_COHORTS = 1000

#: Where the stage payoffs are read in reputation-two-cohorts: (quantity, node, player).
_READ = {
    "U_H": ("end_committed_honored_join", "Cohort 1"),
    "U_N": ("end_opportunistic_reneged_refuse", "Cohort 1"),
    "exile": ("end_committed_refused_refuse", "Cohort 1"),
    "R_HONOR": ("end_committed_honored_refuse", "Regime"),
    "R_RENEGE": ("end_opportunistic_reneged_refuse", "Regime"),
    "R_REFUSE": ("end_committed_refused_refuse", "Regime"),
}


@dataclass(frozen=True)
class ReputationModel:
    """The stage payoffs of a reputation game, as formulas in its parameters."""

    parameters: Parameters
    payoffs: Mapping[str, sympy.Expr]
    discount: sympy.Symbol
    prior: sympy.Symbol

    @classmethod
    def of(cls, game: ExtensiveFormGame) -> ReputationModel:
        """Read the payoffs from a tree built like ``reputation-two-cohorts``."""
        names = {node.name for node in game.nodes}
        missing = sorted({node for node, _ in _READ.values()} - names)
        wanted = ("discount", "prior_committed")
        if missing or any(p not in game.parameters for p in wanted):
            raise UnsupportedGameError(
                "reputation: --cohorts needs a game built like reputation-two-cohorts (its "
                "nodes and the parameters discount and prior_committed)")
        discount = game.parameters["discount"].symbol
        payoffs = {}
        for quantity, (node, player) in _READ.items():
            value = game.node(node).payoffs[game.players.index(player)]
            payoffs[quantity] = sympy.expand(value.xreplace({discount: 0}))
        return cls(game.parameters, payoffs, discount,
                   game.parameters["prior_committed"].symbol)

    def values(self, given: Mapping[str, object] | None = None) -> dict[sympy.Symbol,
                                                                        sympy.Rational]:
        """Every parameter's symbol and exact value (given, else the default)."""
        return {self.parameters[n].symbol: v for n, v in self.parameters.values(given).items()}

    @property
    def cohort_threshold(self) -> sympy.Expr:
        """``q``: the probability of an honoured deal at which a cohort is indifferent."""
        p = self.payoffs
        return (p["exile"] - p["U_N"]) / (p["U_H"] - p["U_N"])

    @property
    def join_at_threshold(self) -> sympy.Expr:
        """``x``: how often a cohort exactly at its threshold joins."""
        p = self.payoffs
        return (p["R_RENEGE"] - p["R_HONOR"]) / (self.discount * (p["R_RENEGE"] - p["R_REFUSE"]))

    @property
    def conditions(self) -> tuple[sympy.Basic, ...]:
        """Where the Kreps-Wilson profile is an equilibrium (module docstring)."""
        p = self.payoffs
        return (sympy.Lt(p["U_N"], p["exile"]), sympy.Lt(p["exile"], p["U_H"]),
                sympy.Lt(p["R_REFUSE"], p["R_HONOR"]), sympy.Lt(p["R_HONOR"], p["R_RENEGE"]),
                sympy.Le(p["R_RENEGE"] - p["R_HONOR"],
                         self.discount * (p["R_RENEGE"] - p["R_REFUSE"])))

    def priors_needed(self, cohorts: int) -> list[sympy.Expr]:
        """The prior on the committed type that cohort ``k`` (1 to ``cohorts``) needs in
        order to disarm: ``q**(cohorts - k + 1)``."""
        if not 1 <= cohorts <= MAX_COHORTS:
            raise UnsupportedGameError(f"reputation: {cohorts} cohorts (give 1 to "
                                       f"{MAX_COHORTS})")
        return [self.cohort_threshold ** (cohorts - k + 1) for k in range(1, cohorts + 1)]


def kreps_wilson_play(q: sympy.Rational, x: sympy.Rational, remaining: int,
                      belief: sympy.Rational) -> tuple[sympy.Rational, sympy.Rational]:
    """The Kreps-Wilson profile with ``remaining`` cohorts to come (this one included) and
    the belief ``belief`` in the committed type: (probability that this cohort joins,
    probability that the opportunistic regime honours it)."""
    threshold = q ** remaining
    join = sympy.Integer(1) if belief > threshold else x if belief == threshold else 0
    if remaining == 1:
        return join, sympy.Integer(0)
    target = q ** (remaining - 1)
    honour = sympy.Integer(1) if belief >= target else \
        belief * (1 - target) / ((1 - belief) * target)
    return join, honour


def check_profile(model: ReputationModel, cohorts: int,
                  values: Mapping[sympy.Symbol, sympy.Rational]) -> bool:
    """Whether the Kreps-Wilson profile is an equilibrium of the ``cohorts``-cohort game at
    ``values``: along every history (joined and honoured, joined and betrayed, refused),
    the belief by Bayes' rule from the profile's own choices, each cohort's choice optimal
    against it and the opportunistic regime's optimal by backward induction."""
    if cohorts > MAX_CHECKED_COHORTS:
        raise UnsupportedGameError(f"reputation: the check walks 3**T histories; it is done "
                                   f"up to {MAX_CHECKED_COHORTS} cohorts")
    pay = {k: sympy.Rational(v.xreplace(values)) for k, v in model.payoffs.items()}
    delta = sympy.Rational(values[model.discount])
    q = sympy.Rational(model.cohort_threshold.xreplace(values))
    x = sympy.Rational(model.join_at_threshold.xreplace(values))
    tolerable = all(bool(c.xreplace(values)) for c in model.conditions)

    def walk(period: int, belief: sympy.Rational) -> tuple[sympy.Rational, bool]:
        """The opportunistic regime's value from ``period`` on, and whether every choice
        from here on is optimal (after a betrayal the belief is 0: the committed type
        never reneges)."""
        if period > cohorts:
            return sympy.Integer(0), True
        join, honour = kreps_wilson_play(q, x, cohorts - period + 1, belief)
        chance_honoured = belief + (1 - belief) * honour
        worth = chance_honoured * pay["U_H"] + (1 - chance_honoured) * pay["U_N"]
        cohort_ok = (join == 1 and worth >= pay["exile"]) or \
            (join == 0 and worth <= pay["exile"]) or worth == pay["exile"]
        after = belief if chance_honoured == 0 else belief / chance_honoured
        kept, ok_kept = walk(period + 1, after)
        broken, ok_broken = walk(period + 1, sympy.Integer(0))
        refused, ok_refused = walk(period + 1, belief)
        honour_value = pay["R_HONOR"] + delta * kept
        renege_value = pay["R_RENEGE"] + delta * broken
        regime_ok = (honour == 1 and honour_value >= renege_value) or \
            (honour == 0 and honour_value <= renege_value) or honour_value == renege_value
        joined_value = honour * honour_value + (1 - honour) * renege_value
        value = join * joined_value + (1 - join) * (pay["R_REFUSE"] + delta * refused)
        return value, cohort_ok and regime_ok and ok_kept and ok_broken and ok_refused

    prior = sympy.Rational(values[model.prior])
    return tolerable and walk(1, prior)[1]


@dataclass(frozen=True)
class ReputationReport:
    """The priors needed by each of ``cohorts`` cohorts, at the values and as formulas, the
    conditions, the independent check, and (two cohorts) the pure perfect Bayesian
    equilibria of the catalog tree: ``pbe_first_cohort`` lists cohort 1's choice in each."""

    model: ReputationModel
    cohorts: int
    values: Mapping[sympy.Symbol, sympy.Rational]
    checked: bool | None
    pbe_first_cohort: tuple[str, ...] | None

    @property
    def threshold(self) -> sympy.Rational:
        return sympy.Rational(self.model.cohort_threshold.xreplace(self.values))

    @property
    def needed(self) -> list[sympy.Rational]:
        return [self.threshold ** (self.cohorts - k + 1) for k in range(1, self.cohorts + 1)]

    @property
    def holds(self) -> bool:
        return all(bool(c.xreplace(self.values)) for c in self.model.conditions)

    @property
    def prior(self) -> sympy.Rational:
        return self.values[self.model.prior]


def reputation_report(game: ExtensiveFormGame, cohorts: int,
                      given: Mapping[str, object] | None = None) -> ReputationReport:
    """The Kreps-Wilson priors of the ``cohorts``-cohort version of ``game`` (built like
    ``reputation-two-cohorts``) at ``given`` values (others: defaults); the profile checked
    on the game up to :data:`MAX_CHECKED_COHORTS` cohorts, and with two cohorts the pure
    perfect Bayesian equilibria of ``game`` itself listed."""
    model = ReputationModel.of(game)
    model.priors_needed(cohorts)  # refuses a bad number of cohorts
    values = model.values(given)
    discount = values[model.discount]
    if not 0 < discount <= 1:
        raise UnsupportedGameError(f"reputation: parameter 'discount' = {discount}: it must "
                                   "be above 0 and at most 1")
    checked = check_profile(model, cohorts, values) if cohorts <= MAX_CHECKED_COHORTS \
        else None
    first: tuple[str, ...] | None = None
    if cohorts == 2:
        from commit_calc.beliefs.pbe import perfect_bayesian_equilibria

        at = game.at(given)
        found = perfect_bayesian_equilibria(at)
        from commit_calc.model.profiles import BehaviourProfile

        first = tuple(next(iter(e.profile.labelled(at)["Cohort 1"]["Cohort 1"]))
                      for e in found.equilibria if isinstance(e.profile, BehaviourProfile))
    return ReputationReport(model, cohorts, values, checked, first)

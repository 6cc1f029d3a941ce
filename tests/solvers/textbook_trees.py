"""Classic game trees with known equilibria, shared by the extensive-form solver tests.

Each builder names its literature source; the expected answers live in the tests.
"""

from __future__ import annotations

from typing import Any

from commit_calc.model import Chance, Decision, ExtensiveFormGame, Parameter, Terminal


def trust_game(honor_to_trustee: int = 1) -> ExtensiveFormGame:
    """Kreps (1990), "Corporate culture and economic theory": trust, then honor or abuse.

    With the default payoffs the trustee abuses (2 > 1) and no trust is given; with
    ``honor_to_trustee=2`` the trustee is indifferent.
    """
    return ExtensiveFormGame.build(
        players=("Trustor", "Trustee"),
        root=Decision("Trustor", {
            "Trust": Decision("Trustee", {"Honor": Terminal((1, honor_to_trustee)),
                                         "Abuse": Terminal((-1, 2))}, name="trustee"),
            "No trust": Terminal((0, 0)),
        }, name="trustor"),
    )


def entry_deterrence() -> ExtensiveFormGame:
    """Selten (1978), the chain-store game's stage; Mas-Colell, Whinston and Green (1995),
    Example 9.B.1: Out (0, 2); In, then Fight (-1, -1) or Accommodate (1, 1)."""
    return ExtensiveFormGame.build(
        players=("Entrant", "Incumbent"),
        root=Decision("Entrant", {
            "Out": Terminal((0, 2)),
            "In": Decision("Incumbent", {"Fight": Terminal((-1, -1)),
                                        "Accommodate": Terminal((1, 1))}, name="incumbent"),
        }, name="entrant"),
    )


def centipede(moves: int) -> ExtensiveFormGame:
    """Rosenthal (1981): at move ``k`` the mover can Take, getting ``k + 1`` against the other's
    ``k - 1``, or Pass; after the last move the payoffs are ``(moves + 1, moves)`` ordered so
    that the last mover would rather Take. Built bottom-up, no recursion."""
    players = ("P1", "P2")
    last = (moves + 1, moves) if moves % 2 == 0 else (moves, moves + 1)
    subtree: Any = Terminal(last)
    for k in range(moves, 0, -1):
        mover = (k - 1) % 2
        take = (k + 1, k - 1) if mover == 0 else (k - 1, k + 1)
        subtree = Decision(players[mover], {"Take": Terminal(take), "Pass": subtree},
                           name=f"move{k}")
    return ExtensiveFormGame.build(players=players, root=subtree)


def ultimatum(total: int = 2) -> ExtensiveFormGame:
    """Osborne (2004), An Introduction to Game Theory, section 6.1.1 with whole units: the
    proposer offers 0..total, the responder accepts (split) or rejects (0, 0)."""
    offers = {
        f"offer {x}": Decision("Responder", {"Accept": Terminal((total - x, x)),
                                             "Reject": Terminal((0, 0))}, name=f"respond {x}")
        for x in range(total + 1)
    }
    return ExtensiveFormGame.build(players=("Proposer", "Responder"),
                                   root=Decision("Proposer", offers, name="propose"))


def enforcer_game(reliability: object = "1/3", symbolic: bool = False) -> ExtensiveFormGame:
    """The motivating commitment problem with a chance move: rebels Disarm or Stay armed; after
    Disarm an enforcer is reliable with probability r (the regime then must Honor), else the
    regime chooses Honor or Renege. Payoffs (rebels, regime): Stay armed (1, 1); Honor (3, 3);
    Renege (0, 4)."""
    r: object = "r" if symbolic else reliability
    q: object = "1 - r" if symbolic else 1 - _fraction(reliability)
    return ExtensiveFormGame.build(
        players=("Rebels", "Regime"),
        root=Decision("Rebels", {
            "Disarm": Chance({
                "Reliable": (r, Terminal((3, 3))),
                "Unreliable": (q, Decision("Regime", {"Honor": Terminal((3, 3)),
                                                      "Renege": Terminal((0, 4))},
                                           name="regime")),
            }, name="enforcer"),
            "Stay armed": Terminal((1, 1)),
        }, name="rebels"),
        parameters=[Parameter("r", default=reliability, lower=0, upper=1)] if symbolic else (),
    )


def _fraction(value: object) -> Any:
    from fractions import Fraction

    return Fraction(str(value))


def entry_then_battle(out_payoff: object = "3/4") -> ExtensiveFormGame:
    """Entry followed by a simultaneous Bach-or-Stravinsky game (Osborne 2004, section 2.7;
    mixed equilibrium in example 4.1: the entrant plays B with probability 2/3, the incumbent
    with 1/3, each getting 2/3), in the style of the entry games of Mas-Colell, Whinston and
    Green (1995), Example 9.B.3. Staying out pays ``out_payoff`` to the entrant, 3 to the
    incumbent."""
    def incumbent(entrant_move: str) -> Decision:
        pays = {"B": {"B": (2, 1), "S": (0, 0)}, "S": {"B": (0, 0), "S": (1, 2)}}[entrant_move]
        return Decision("Incumbent", {a: Terminal(p) for a, p in pays.items()},
                        infoset="incumbent", name=f"incumbent after {entrant_move}")

    return ExtensiveFormGame.build(
        players=("Entrant", "Incumbent"),
        root=Decision("Entrant", {
            "Out": Terminal((out_payoff, 3)),
            "In": Decision("Entrant", {"B": incumbent("B"), "S": incumbent("S")},
                           name="entrant plays"),
        }, name="entrant enters"),
    )


def selten_horse() -> ExtensiveFormGame:
    """Selten (1975), "Reexamination of the perfectness concept", with the payoffs of
    Fudenberg and Tirole (1991), Game Theory, figure 8.5: player 1 goes Across (A) or Down (D),
    player 2 then across (a) or down (d); player 3 cannot tell D from (A, d)."""
    return ExtensiveFormGame.build(
        players=("1", "2", "3"),
        root=Decision("1", {
            "A": Decision("2", {
                "a": Terminal((1, 1, 1)),
                "d": Decision("3", {"L": Terminal((4, 4, 0)), "R": Terminal((1, 1, 1))},
                              infoset="3", name="3 right"),
            }, name="2"),
            "D": Decision("3", {"L": Terminal((3, 3, 2)), "R": Terminal((0, 0, 0))},
                          infoset="3", name="3 left"),
        }, name="1"),
    )

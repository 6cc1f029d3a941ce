"""Poker trees for the sequence-form tests and benchmark.

Kuhn (1950), "A simplified two-person poker": three cards, each player antes 1 and gets one
card; player 1 checks or bets 1; after a check player 2 checks (showdown) or bets, and player 1
then folds or calls; after a bet player 2 folds or calls. With ``cards`` > 3 the deck is larger
(the same rules), a standard way to grow the tree.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from commit_calc.model import Chance, Decision, ExtensiveFormGame, Terminal

KUHN_CARDS = ("J", "Q", "K")


def one_card_poker(cards: int = 3, *, bet: int = 1) -> ExtensiveFormGame:
    """Kuhn poker with ``cards`` cards (3: Kuhn's own game, value -1/18 to player 1)."""
    names = KUHN_CARDS if cards == 3 else tuple(f"c{k}" for k in range(cards))
    deal_probability = Fraction(1, cards * (cards - 1))

    def showdown(first: int, second: int, stake: int) -> Terminal:
        won = stake if first > second else -stake
        return Terminal((won, -won))

    deals: dict[str, tuple[Any, Any]] = {}
    for a in range(cards):
        for b in range(cards):
            if a == b:
                continue
            mine, yours = names[a], names[b]
            after_check = Decision("Player 2", {
                "Check": showdown(a, b, 1),
                "Bet": Decision("Player 1", {
                    "Fold": Terminal((-1, 1)),
                    "Call": showdown(a, b, 1 + bet),
                }, infoset=f"1:{mine}:cb", name=f"{mine}{yours}cb"),
            }, infoset=f"2:{yours}:c", name=f"{mine}{yours}c")
            after_bet = Decision("Player 2", {
                "Fold": Terminal((1, -1)),
                "Call": showdown(a, b, 1 + bet),
            }, infoset=f"2:{yours}:b", name=f"{mine}{yours}b")
            deals[f"{mine}{yours}"] = (deal_probability, Decision(
                "Player 1", {"Check": after_check, "Bet": after_bet},
                infoset=f"1:{mine}", name=f"{mine}{yours}"))
    return ExtensiveFormGame.build(players=("Player 1", "Player 2"),
                                   root=Chance(deals, name="deal"))


def kuhn_poker() -> ExtensiveFormGame:
    """Kuhn's three-card poker."""
    return one_card_poker(3)

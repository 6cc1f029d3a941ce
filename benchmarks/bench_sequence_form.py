"""Benchmark: sequence-form solvers on poker trees against pygambit's ``lp_solve`` and
``lcp_solve`` (rational arithmetic), measured in one run.

Run on demand from the repository root::

    PYTHONPATH=src python3 benchmarks/bench_sequence_form.py [--cards 3 5 8] [--enum-max 4]

The trees are Kuhn poker (3 cards) and the same game with a larger deck (``tests/solvers/
poker_trees.py``). Each is written as a Gambit ``.efg`` file and read by pygambit, so both
sides solve the same tree. Timed (best of ``--repeat``):

* commit-calc ``sequence_lp`` and ``sequence_lcp`` (whole calls: building the sequence form,
  solving, converting to behaviour strategies and the exact check of the answer);
* ``sequence_enum`` (every extreme equilibrium) up to ``--enum-max`` cards, and the reduced
  normal form's size, whose enumeration (the default before the sequence form) does not finish;
* pygambit ``lp_solve(rational=True)`` and ``lcp_solve(rational=True)`` (C++, GMP rationals).

Times are CPU time of this process (pygambit's C++ runs in it too), so a busy shared machine
disturbs them less than wall time. A markdown table with ratios (ours / Gambit's) is printed
to stdout; the ratios, not the absolute times, are the result.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "solvers"))

from poker_trees import one_card_poker  # noqa: E402

from commit_calc.io.gambit import format_efg  # noqa: E402
from commit_calc.solvers.reduction import plan_count  # noqa: E402
from commit_calc.solvers.sequence_enum import sequence_enum  # noqa: E402
from commit_calc.solvers.sequence_form import sequence_form  # noqa: E402
from commit_calc.solvers.sequence_lcp import sequence_lcp  # noqa: E402
from commit_calc.solvers.sequence_lp import sequence_lp  # noqa: E402


def best_time(run: Callable[[], object], repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.process_time()
        result = run()
        best = min(best, time.process_time() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, nargs="+", default=[3, 5, 8],
                        help="deck sizes (13 takes minutes, mostly Gambit's lcp_solve)")
    parser.add_argument("--enum-max", type=int, default=4,
                        help="run sequence_enum up to this many cards (it grows fastest)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    import pygambit as gbt

    rows = []
    for cards in args.cards:
        game = one_card_poker(cards)
        theirs = gbt.read_efg(io.StringIO(format_efg(game)))
        sizes = sequence_form(game).sizes
        reduced = " x ".join(str(plan_count(game, p)) for p in game.players)
        lp, ours_lp = best_time(partial(sequence_lp, game), args.repeat)
        lcp, ours_lcp = best_time(partial(sequence_lcp, game), args.repeat)
        glp, _ = best_time(partial(gbt.nash.lp_solve, theirs, rational=True), args.repeat)
        glcp, _ = best_time(partial(gbt.nash.lcp_solve, theirs, rational=True), args.repeat)
        value = ours_lp.equilibria[0].payoffs[0]  # type: ignore[attr-defined]
        assert ours_lcp.equilibria[0].payoffs[0] == value  # type: ignore[attr-defined]
        enum = "-"
        if cards <= args.enum_max:
            seconds, found = best_time(partial(sequence_enum, game), 1)
            enum = f"{seconds:.2f} s ({len(found.equilibria)} eq.)"  # type: ignore[attr-defined]
        rows.append((cards, len(game.nodes), sizes, reduced, value, lp, glp, lcp, glcp, enum))
        print(f"{cards} cards done", file=sys.stderr)
    print("| cards | nodes | sequences | reduced normal form | value | sequence-lp | "
          "gambit lp_solve | ratio | sequence-lcp | gambit lcp_solve | ratio | "
          "sequence-enum |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for cards, nodes, sizes, reduced, value, lp, glp, lcp, glcp, enum in rows:
        print(f"| {cards} | {nodes} | {sizes[0]} + {sizes[1]} | {reduced} | {value} | "
              f"{lp * 1000:.1f} ms | {glp * 1000:.1f} ms | {lp / glp:.1f} | "
              f"{lcp * 1000:.1f} ms | {glcp * 1000:.1f} ms | {lcp / glcp:.1f} | {enum} |")


if __name__ == "__main__":
    main()

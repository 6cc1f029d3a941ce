"""Benchmark: building, reading and solving random perfect-information trees with chance nodes.

Baseline: a bare recursive exact backward induction over nested tuples (``Fraction``
probabilities, ``int`` payoffs), measured in the same run on the same trees. We time our
kernel alone (``_solve`` on the flat tree), the full public ``backward_induction`` (conversion,
kernel, profile building and :func:`certify`, which re-verifies subgame perfection and computes
the outcome distribution), and a 10^4-move centipede.

The first table sets the cost of having the tree against the cost of solving it, in one run
(CPU time): building the game from flat node records (plain ``int``/``Fraction`` numbers, or
sympy numbers with ``--sympy-nodes``, the only way before plain numbers were kept plain), the
same with the benchmark's conversion of its nested tuples into those records, reading the same
tree from an ``.efg`` file (written by ``format_efg``; the size limit on Gambit files is raised
for it), and the first call of ``backward_induction`` on the built game.

Run::

    PYTHONPATH=src python3 benchmarks/bench_backward_induction.py [--sizes 10000 100000 1000000]
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import random
import sys
import tempfile
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import sympy

from commit_calc.io import gambit
from commit_calc.model.extensive_form import (
    CHANCE,
    DECISION,
    TERMINAL,
    Decision,
    ExtensiveFormGame,
    Node,
    Terminal,
)
from commit_calc.solvers.results import outcomes
from commit_calc.solvers.verify import verify_subgame_perfect

# The module (its kernel is timed alone), not the function the package re-exports.
bi = importlib.import_module("commit_calc.solvers.backward_induction")

CHANCE_LAWS = ((Fraction(1, 3), Fraction(2, 3)), (Fraction(1, 2), Fraction(1, 2)),
               (Fraction(1, 4), Fraction(1, 4), Fraction(1, 2)))


def random_tree(leaves: int, seed: int) -> Any:
    """A random nested-tuple tree with about ``leaves`` terminal nodes, 2 players.

    ``(0, payoffs)`` terminal, ``(1, player, children)`` decision, ``(2, probabilities,
    children)`` chance. Payoffs are drawn from a wide range so that ties are rare.
    """
    rng = random.Random(seed)
    # Grow the tree by splitting random leaves; a leaf is a mutable list until frozen.
    root: list[Any] = [None]
    frontier = [root]
    count = 1
    while count < leaves:
        position = rng.randrange(len(frontier))
        leaf = frontier[position]
        frontier[position] = frontier[-1]
        frontier.pop()
        if rng.random() < 0.2:
            law = rng.choice(CHANCE_LAWS)
            kids = [[None] for _ in law]
            leaf[0] = ("C", law, kids)
        else:
            kids = [[None] for _ in range(rng.choice((2, 2, 3)))]
            leaf[0] = ("D", rng.randrange(2), kids)
        frontier.extend(kids)
        count += len(kids) - 1
    for leaf in frontier:
        leaf[0] = ("T", (rng.randrange(10**9), rng.randrange(10**9)))
    return _freeze(root)


def _freeze(cell: list[Any]) -> Any:
    out: list[Any] = []
    stack: list[tuple[list[Any], list[Any] | None]] = [(cell, None)]
    # Post-order without recursion: build children first.
    order = []
    while stack:
        item, _ = stack.pop()
        order.append(item)
        spec = item[0]
        if spec[0] != "T":
            for kid in spec[2]:
                stack.append((kid, None))
    frozen: dict[int, Any] = {}
    for item in reversed(order):
        spec = item[0]
        if spec[0] == "T":
            frozen[id(item)] = (0, spec[1])
        elif spec[0] == "D":
            frozen[id(item)] = (1, spec[1], tuple(frozen[id(k)] for k in spec[2]))
        else:
            frozen[id(item)] = (2, spec[1], tuple(frozen[id(k)] for k in spec[2]))
    out.append(frozen[id(cell)])
    return out[0]


def baseline(node: Any) -> tuple[Any, ...]:
    """Bare recursive exact backward induction over nested tuples."""
    tag = node[0]
    if tag == 0:
        return node[1]
    if tag == 1:
        mover = node[1]
        return max((baseline(child) for child in node[2]), key=lambda v: v[mover])
    values = [baseline(child) for child in node[2]]
    return tuple(sum(p * v[k] for p, v in zip(node[1], values)) for k in range(2))


def flat_records(tree: Any) -> list[tuple[Any, ...]]:
    """The nested-tuple tree as flat records in prefix order: ``(kind, parent, children,
    mover or numbers)``, the benchmark's own input format converted (not the library's work)."""
    records: list[list[Any]] = []
    stack: list[tuple[Any, int | None]] = [(tree, None)]
    while stack:
        node, parent = stack.pop()
        index = len(records)
        records.append([node, parent, []])
        if parent is not None:
            records[parent][2].append(index)
        if node[0] != 0:
            stack.extend((child, index) for child in reversed(node[2]))
    return [(node[0], parent, tuple(kids), node[1]) for node, parent, kids in records]


def game_from_records(records: list[tuple[Any, ...]], sympy_nodes: bool = False
                      ) -> ExtensiveFormGame:
    """Build the game from flat records: one :class:`Node` each, plain Python numbers (or
    sympy numbers if ``sympy_nodes``, converted here), then :class:`ExtensiveFormGame`."""
    players = ("P1", "P2")
    decisions = [tuple(f"a{k}" for k in range(width)) for width in range(4)]
    draws = [tuple(f"c{k}" for k in range(width)) for width in range(4)]
    nodes = []
    for index, (kind, parent, kids, data) in enumerate(records):
        name = f"v{index}"
        if kind == 0:
            payoffs = tuple(sympy.Integer(x) for x in data) if sympy_nodes else data
            nodes.append(Node(index, name, TERMINAL, parent, payoffs=payoffs))
        elif kind == 1:
            nodes.append(Node(index, name, DECISION, parent, player=players[data],
                              infoset=name, actions=decisions[len(kids)], children=kids))
        else:
            law = data if not sympy_nodes else tuple(
                sympy.Rational(p.numerator, p.denominator) for p in data)
            nodes.append(Node(index, name, CHANCE, parent, actions=draws[len(kids)],
                              children=kids, probabilities=law))
    return ExtensiveFormGame(players, tuple(nodes))


def to_game(tree: Any, sympy_nodes: bool = False) -> ExtensiveFormGame:
    """The same tree as an :class:`ExtensiveFormGame` (nodes built directly, prefix order),
    with plain Python numbers (or sympy numbers if ``sympy_nodes``)."""
    return game_from_records(flat_records(tree), sympy_nodes)


def centipede(moves: int) -> ExtensiveFormGame:
    """Rosenthal's (1981) centipede with ``moves`` moves; built bottom-up without recursion."""
    players = ("P1", "P2")
    subtree: Any = Terminal((moves + 1, moves)) if moves % 2 == 0 else Terminal((moves, moves + 1))
    for k in range(moves, 0, -1):
        mover = (k - 1) % 2
        take = (k + 1, k - 1) if mover == 0 else (k - 1, k + 1)
        subtree = Decision(players[mover], {"Take": Terminal(take), "Pass": subtree})
    return ExtensiveFormGame.build(players=players, root=subtree)


def best_of(repeats: int, task: Callable[[], Any]) -> tuple[float, Any]:
    best = float("inf")
    result = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = task()
        best = min(best, time.perf_counter() - start)
    return best, result


def read_tree(path: Path) -> ExtensiveFormGame:
    """Read an ``.efg`` file with the size limit raised to its size."""
    if "max_bytes" in inspect.signature(gambit.read_efg).parameters:
        return gambit.read_efg(path, max_bytes=path.stat().st_size)  # type: ignore[call-arg]
    return gambit.parse_efg(path.read_text(), source=str(path))  # before the limit could be raised


def cost_table(sizes: list[int], sympy_nodes: bool) -> None:
    """Build, read from ``.efg`` and solve each tree, and their ratios, in one run (CPU time
    of this process, steadier than wall-clock time on a shared machine)."""
    print("| terminal nodes | nodes | .efg MB | build s | build with conversion s | "
          "read .efg s | solve s | build/solve | read/solve |")
    print("|---" * 9 + "|")
    clock = time.process_time
    with tempfile.TemporaryDirectory() as folder:
        for leaves in sizes:
            tree = random_tree(leaves, seed=leaves)
            path = Path(folder) / f"tree{leaves}.efg"
            path.write_text(gambit.format_efg(to_game(tree, sympy_nodes)))
            records = flat_records(tree)
            start = clock()
            game = game_from_records(records, sympy_nodes)
            build = clock() - start
            start = clock()
            to_game(tree, sympy_nodes)
            converted = clock() - start
            start = clock()
            read = read_tree(path)
            t_read = clock() - start
            start = clock()
            result = bi.backward_induction(game)
            solve = clock() - start
            again = bi.backward_induction(read)
            assert again.equilibria[0].payoffs == result.equilibria[0].payoffs, "read differs"
            print(f"| {leaves:,} | {len(game.nodes):,} | {path.stat().st_size / 1e6:.1f} | "
                  f"{build:.2f} | {converted:.2f} | {t_read:.2f} | {solve:.2f} | "
                  f"{build / solve:.2f} | {t_read / solve:.2f} |", flush=True)
            del game, read, result, again, records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--costs-only", action="store_true",
                        help="only the build/read/solve table")
    parser.add_argument("--sympy-nodes", action="store_true",
                        help="build nodes with sympy numbers (the old way)")
    args = parser.parse_args()
    sys.setrecursionlimit(100_000)
    cost_table(args.sizes, args.sympy_nodes)
    if args.costs_only:
        return
    print()
    rows = []
    for leaves in args.sizes:
        tree = random_tree(leaves, seed=leaves)
        start = time.perf_counter()
        game = to_game(tree, args.sympy_nodes)
        build = time.perf_counter() - start
        repeats = args.repeats if leaves <= 100_000 else 1
        t_base, expected = best_of(repeats, lambda tree=tree: baseline(tree))
        cold_game = to_game(tree, args.sympy_nodes)  # a fresh game: nothing cached yet
        start = time.perf_counter()
        bi.backward_induction(cold_game)
        t_cold = time.perf_counter() - start
        flat = bi._flat_tree(game, "bench")
        t_kernel, solution = best_of(repeats, lambda flat=flat: bi._solve(flat, 1000))
        t_full, result = best_of(repeats, lambda game=game: bi.backward_induction(game))
        assert tuple(result.equilibria[0].payoffs) == tuple(
            sympy.Rational(x.numerator, x.denominator) if isinstance(x, Fraction) else x
            for x in expected
        ), "backward induction disagrees with the baseline"
        profile = result.equilibria[0].profile
        t_verify, _ = best_of(repeats, lambda g=game, p=profile: verify_subgame_perfect(g, p))
        t_outcomes, _ = best_of(repeats, lambda g=game, p=profile: outcomes(g, p))
        rows.append((leaves, len(game.nodes), solution.count, build, t_base, t_kernel, t_cold,
                     t_full, t_verify, t_outcomes))
    print("| terminal nodes | nodes | SPE | game build s | baseline s | kernel s | "
          "backward_induction, first call s | backward_induction, repeat s | "
          "of which verify_subgame_perfect s | of which outcomes s | "
          "kernel/baseline | first call/baseline | repeat/baseline |")
    print("|---" * 13 + "|")
    for leaves, size, count, build, base, kernel, cold, full, ver, out in rows:
        print(f"| {leaves:,} | {size:,} | {count} | {build:.2f} | {base:.3f} | {kernel:.3f} | "
              f"{cold:.3f} | {full:.3f} | {ver:.3f} | {out:.3f} | {kernel / base:.2f} | "
              f"{cold / base:.2f} | {full / base:.2f} |")
    moves = 10_000
    game = centipede(moves)
    t_cent, result = best_of(1, lambda: bi.backward_induction(game))
    first = result.equilibria[0].outcomes[0].path
    print(f"\nCentipede with {moves:,} moves: backward_induction {t_cent:.3f} s, "
          f"{len(result.equilibria)} SPE, outcome {first}, payoffs {result.equilibria[0].payoffs}")


if __name__ == "__main__":
    main()

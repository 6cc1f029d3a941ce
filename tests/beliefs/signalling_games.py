"""Random sender-receiver signalling games for property tests and the pygambit cross-check."""

from __future__ import annotations

import random
from fractions import Fraction

from commit_calc.model import Chance, Decision, ExtensiveFormGame, Terminal


def signalling_game(types, messages, responses, priors, payoff, name="random"):
    """``payoff[t][m][r]`` is (sender, receiver); labels are the given strings."""
    root = Chance({
        t: (prior, Decision("Sender", {
            m: Decision("Receiver", {
                r: Terminal(payoff[i][j][k], name=f"{t}_{m}_{r}")
                for k, r in enumerate(responses)}, infoset=f"after {m}", name=f"{t}_{m}")
            for j, m in enumerate(messages)}, name=f"type {t}"))
        for i, (t, prior) in enumerate(zip(types, priors))}, name="nature")
    return ExtensiveFormGame.build(players=("Sender", "Receiver"), root=root, name=name)


def random_signalling_game(rng: random.Random, types=None, messages=None, responses=None):
    nt = types or rng.randint(2, 3)
    nm = messages or rng.randint(2, 3)
    nr = responses or rng.randint(2, 3)
    weights = [rng.randint(1, 4) for _ in range(nt)]
    priors = [Fraction(w, sum(weights)) for w in weights]
    high = rng.choice([2, 3, 5])
    payoff = [[[(rng.randint(0, high), rng.randint(0, high)) for _ in range(nr)]
               for _ in range(nm)] for _ in range(nt)]
    return signalling_game([f"t{i}" for i in range(nt)], [f"m{j}" for j in range(nm)],
                           [f"r{k}" for k in range(nr)], priors, payoff), payoff, priors

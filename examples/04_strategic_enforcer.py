"""4. When does the guarantor walk away? The Idlib interest against its reputation.

In example 3 the enforcer was reliable by chance. In reality the guarantor has interests of
its own (Walter 2002; Hartzell and Hoddie 2007). Here it is a third *player*: after the regime
reneges, the enforcer either protects the rebels (at a cost, sanctioning the regime) or
acquiesces. In the Fifth Legion case acquiescing could mean sending the legion to fight in
Idlib, which the enforcer may want (``idlib_interest``), at a cost to its reputation as a
guarantor (``reputation_cost``); Kreps (1990) explains why a reputation is worth keeping.

Solving backwards: the enforcer protects when

    enforcer_benefit - enforcement_cost >= enforcer_benefit + idlib_interest - reputation_cost,

that is when idlib_interest <= reputation_cost - enforcement_cost. The regime, expecting
protection, honours the deal, and the rebels disarm. Once the Idlib interest outweighs the
reputation, the guarantee is empty, the regime would renege, and the rebels stay armed: the
commitment problem has moved from the regime to the guarantor.

The script solves the three-player game, asks the library for the enforcer's threshold, sweeps
``idlib_interest`` to show where the deal collapses, and solves on both sides.

Run:  python examples/04_strategic_enforcer.py [--out DIR]
"""

from _common import describe, output_directory, save_plot, save_tree

from commit_calc import load_game, solve
from commit_calc.analysis.regions import parameter_regions
from commit_calc.analysis.sweep import Axis, sweep
from commit_calc.analysis.thresholds import thresholds

out = output_directory(__doc__)
game = load_game("strategic-enforcer")
defaults = {p.name: p.default for p in game.parameters}
print(f"{game.title}: players {', '.join(game.players)}; payoffs in USD/month")

# 1. At the defaults the guarantee holds: the enforcer would protect, so nobody tests it.
result = solve(game)
print(f"\nAt the default idlib_interest = {defaults['idlib_interest']}:")
describe(result)
save_tree(result.game, result.equilibria[0].profile, out, "04-tree-guarantee-holds")

# 2. The enforcer's condition, with its three interests symbolic.
free = ("idlib_interest", "reputation_cost", "enforcement_cost")
analysis = parameter_regions(game, {n: v for n, v in defaults.items() if n not in free})
print(f"\nRegions with {', '.join(free)} symbolic:")
for region in analysis.regions:
    print(f"  where {region.condition}: " + "; ".join(e.outcome for e in region.equilibria))
at_defaults = {n: defaults[n] for n in free}
threshold = thresholds(analysis, "idlib_interest", at_defaults)[0]
walk_away = threshold.value
print(f"threshold: idlib_interest = {threshold.formula} (= {walk_away} USD/month at the "
      "defaults)")

# 3. Sweep the Idlib interest from 0 to 1000 USD/month: where does the deal collapse?
grid = sweep(game, [Axis.parse("idlib_interest", 0, 1000, 101)])
previous = None
print("\nSweep of idlib_interest (0 to 1000 in steps of 10):")
for row in grid.rows():
    outcomes = sorted(e.outcome for e in row["equilibria"])
    if outcomes != previous:
        print(f"  from idlib_interest = {row['idlib_interest']}: {' or '.join(outcomes)}")
        previous = outcomes
save_plot(grid, out / "04-payoffs-vs-idlib-interest.png")

# 4. Just beyond the threshold the enforcer would acquiesce, so the regime would renege.
beyond = solve(game, {"idlib_interest": walk_away + 100})
print(f"\nAt idlib_interest = {walk_away + 100}:")
describe(beyond)
save_tree(beyond.game, beyond.equilibria[0].profile, out, "04-tree-guarantor-walks-away")

# 5. The map: the Idlib interest against the reputation cost.
save_plot(sweep(game, [Axis.parse("idlib_interest", 0, 1000, 101),
                       Axis.parse("reputation_cost", 0, 1200, 121)]),
          out / "04-outcome-map.png")

"""3. How reliable must the enforcer be, and what salary or amnesty buys a less reliable one?

Walter (1997, 2002) found that civil-war settlements hold when a third party guarantees them.
In the Fifth Legion case the guarantor is Russia, and the rebels cannot be sure it will be
there when the regime is tempted: the enforcer is *reliable* only with probability
``reliability``. A reliable enforcer sanctions a regime that reneges; an unreliable one does
not. Chance (nature) decides which, the regime sees it, and the rebels must decide whether to
disarm before they know.

Disarming is then a gamble. With U_H the rebels' payoff when the deal is honoured and U_N when
it is broken, they disarm when the *expected* payoff is at least what staying armed gives:

    reliability * U_H + (1 - reliability) * U_N >= exile_payoff,

so the enforcer must be reliable with probability at least
(exile_payoff - U_N) / (U_H - U_N). The script asks the library for this threshold (first as a
formula in every parameter, then its value at the defaults), and then for what it would take
to win over the rebels with a *less* reliable enforcer: a higher salary, or a wider amnesty.
Salary and amnesty are not alike: the regime saves the salary by reneging, so a high salary
tempts it to renege even under a reliable enforcer (Fearon 1995), while an amnesty costs it
nothing here.

Run:  python examples/03_enforcer_reliability.py [--out DIR]
"""

from _common import describe, output_directory, save_plot, save_tree

from commit_calc import load_game, solve
from commit_calc.analysis.regions import parameter_regions
from commit_calc.analysis.sweep import Axis, sweep
from commit_calc.analysis.thresholds import thresholds

out = output_directory(__doc__)
game = load_game("enforcer-reliability")
defaults = {p.name: p.default for p in game.parameters}
print(f"{game.title}: players {', '.join(game.players)}; payoffs in USD/month")


def others_at_defaults(*free):
    """Every parameter at its default, except those kept symbolic."""
    return {name: value for name, value in defaults.items() if name not in free}


# 1. At the defaults the enforcer is reliable half the time: not enough.
result = solve(game)
print(f"\nAt the default reliability = {defaults['reliability']}:")
describe(result)
save_tree(result.game, result.equilibria[0].profile, out, "03-tree-at-default")

# 2. The reliability threshold at the defaults, and the same threshold as a formula in every
#    parameter (everything symbolic: the library solves the rebels' comparison exactly).
at_defaults = parameter_regions(game, others_at_defaults("reliability"))
needed = thresholds(at_defaults, "reliability")[0].value
general = parameter_regions(game)
formula = next(t.formula for t in thresholds(general, "reliability") if t.value == needed)
print(f"\nthreshold: reliability = {formula}")
print(f"threshold at the defaults: reliability = {needed} (~{float(needed):.4f})")
for region in at_defaults.regions:
    print(f"  where {region.condition}: " + "; ".join(e.outcome for e in region.equilibria))

above = solve(game, {"reliability": needed + (1 - needed) / 10})
print(f"\nJust above the threshold (reliability = {above.parameters['reliability']}):")
describe(above)
save_tree(above.game, above.equilibria[0].profile, out, "03-tree-reliable-enough")

# 3. A less reliable enforcer (the default, 1/2): what salary or amnesty would do?
r = defaults["reliability"]
salary_analysis = parameter_regions(game, others_at_defaults("salary", "reliability"))
rebels_salary = [t for t in thresholds(salary_analysis, "salary", {"reliability": r})
                 if t.formula.free_symbols]
ceiling = next(t.value for t in thresholds(salary_analysis, "salary") if t.formula.is_number)
print(f"\nWith reliability = {r}:")
for t in rebels_salary:
    print(f"  the rebels would disarm for a salary of at least {t.value} "
          f"(salary = {t.formula})")
print(f"  but above salary = {ceiling} the regime reneges even when the enforcer is reliable:")
only_salary = parameter_regions(game, others_at_defaults("salary"))
for region in only_salary.regions:
    print(f"    where {region.condition}: " + "; ".join(e.outcome for e in region.equilibria))
lowest = thresholds(salary_analysis, "reliability", {"salary": ceiling})[0].value
print(f"  so a salary alone needs reliability >= {lowest} (~{float(lowest):.4f}), reached at "
      f"salary = {ceiling}, where a reliable enforcer leaves the regime indifferent")

amnesty_analysis = parameter_regions(game, others_at_defaults("amnesty"))
amnesty = thresholds(amnesty_analysis, "amnesty")[0].value
print(f"  an amnesty worth at least {amnesty} (default {defaults['amnesty']}) does it, "
      "since the regime does not save it by reneging")
check = solve(game, {"amnesty": amnesty + 50})
print(f"  check, solved at amnesty = {amnesty + 50}:")
describe(check)

# 4. Pictures: where the rebels disarm over salary and reliability, and everyone's payoffs
#    against reliability.
save_plot(sweep(game, [Axis.parse("salary", 0, 600, 121), Axis.parse("reliability", 0, 1, 101)]),
          out / "03-outcome-map.png")
save_plot(sweep(game, [Axis.parse("reliability", 0, 1, 101)]),
          out / "03-payoffs-vs-reliability.png")

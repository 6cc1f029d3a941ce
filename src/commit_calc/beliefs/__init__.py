"""Beliefs: assessments, perfect Bayesian and sequential equilibria, signalling games and
their refinements, exactly.

- :mod:`~commit_calc.beliefs.assessment`: assessments and the records solvers return;
- :mod:`~commit_calc.beliefs.check`: the independent exact check of an assessment;
- :mod:`~commit_calc.beliefs.pbe`: every pure perfect Bayesian equilibrium of a tree;
- :mod:`~commit_calc.beliefs.sequential`: Kreps-Wilson sequential equilibria where
  consistency can be decided;
- :mod:`~commit_calc.beliefs.signalling`: classification, Intuitive Criterion and D1;
- :mod:`~commit_calc.beliefs.polytope`: exact sets of beliefs (polytopes in a simplex).
"""

"""How likely is the deal to hold? Distributions on parameters, exact outcome probabilities
where the regions allow them, Monte Carlo elsewhere."""

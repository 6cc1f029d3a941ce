"""Parameters: exact defaults, bounds, and errors that name the parameter."""

from fractions import Fraction

import pytest
import sympy

from commit_calc.errors import ParameterError
from commit_calc.model.parameters import Parameter, Parameters


def test_values_are_exact_whatever_their_spelling():
    assert Parameter("r", default="3/4").default == sympy.Rational(3, 4)
    assert Parameter("r", default=0.75).default == sympy.Rational(3, 4)
    assert Parameter("r", default=Fraction(3, 4)).default == sympy.Rational(3, 4)
    assert Parameter("r", default="0.1").default == sympy.Rational(1, 10)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1/10", "'reliability' = -1/10 is below its lower bound 0"),
        (2, "'reliability' = 2 is above its upper bound 1"),
        ("abc", "'reliability'"),
    ],
)
def test_out_of_bounds_or_malformed_values_name_the_parameter(value, message):
    parameter = Parameter("reliability", default="1/2", lower=0, upper=1)
    with pytest.raises(ParameterError, match=message):
        parameter.check(value)


def test_a_default_outside_the_bounds_is_refused():
    with pytest.raises(ParameterError, match="above its upper bound"):
        Parameter("reliability", default=3, lower=0, upper=1)


def test_names_must_be_identifiers_and_not_reserved():
    for name in ("1x", "a-b", "", "lambda", "max", "equilibria"):
        with pytest.raises(ParameterError):
            Parameter(name)


def test_values_use_defaults_and_refuse_unknown_names():
    parameters = Parameters((Parameter("salary", 250), Parameter("amnesty", 300)))
    assert parameters.values({"salary": "200"}) == {"salary": 200, "amnesty": 300}
    with pytest.raises(ParameterError, match="unknown parameter 'wage'.*salary, amnesty"):
        parameters.values({"wage": 1})


def test_a_parameter_without_default_needs_a_value():
    parameters = Parameters((Parameter("cost"),))
    with pytest.raises(ParameterError, match="'cost' has no default"):
        parameters.values()
    assert parameters.values({"cost": 2}) == {"cost": 2}


def test_duplicate_parameters_are_refused():
    with pytest.raises(ParameterError, match="declared twice"):
        Parameters((Parameter("a"), Parameter("a")))


def test_symbols_carry_sign_assumptions_from_bounds():
    assert Parameter("r", lower=0, upper=1).symbol.is_nonnegative
    assert Parameter("c", lower=1).symbol.is_positive
    assert Parameter("x").symbol.is_real
    assert Parameter("x").symbol.is_nonnegative is None


def test_a_misspelt_parameter_name_gets_a_suggestion():
    """A newcomer's first mistake (``--set reliabilty=3/4``) names the parameter meant."""
    from commit_calc.io import load_game

    parameters = load_game("enforcer-reliability").parameters
    with pytest.raises(ParameterError, match="did you mean 'reliability'"):
        parameters["reliabilty"]
    with pytest.raises(ParameterError, match=r"'wage' \(parameters: "):
        parameters["wage"]

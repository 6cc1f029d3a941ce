"""Turning what a user writes for a payoff or probability into an exact sympy expression."""

from __future__ import annotations

import sympy

from commit_calc.errors import CommitCalcError, GameDefinitionError
from commit_calc.formula import check_expression, parse_formula
from commit_calc.model.parameters import Parameters
from commit_calc.model.values import exact_expr


def to_expression(value: object, parameters: Parameters, *, where: str) -> sympy.Expr:
    """An exact expression for ``value``: a number, a formula string or a sympy expression.

    Formula strings go through the safe parser; free symbols must name declared parameters.
    Every expression, however it was built, is held to the formula limits
    (:func:`~commit_calc.formula.check_expression`).

    >>> from commit_calc.model.parameters import Parameter, Parameters
    >>> ps = Parameters((Parameter("salary", 250),))
    >>> to_expression("salary * 12", ps, where="node 'n1'")
    12*salary
    >>> to_expression("wage", ps, where="node 'n1'")
    Traceback (most recent call last):
    ...
    commit_calc.errors.GameDefinitionError: node 'n1': formula 'wage': unknown parameter 'wage' \
(parameters: salary)
    """
    try:
        if isinstance(value, str):
            return parse_formula(value, parameters.symbols)
        expression = parameters.canonical(exact_expr(value, what=where), where=where)
        check_expression(expression)
        return expression
    except GameDefinitionError:
        raise
    except CommitCalcError as error:
        message = str(error)
        if not message.startswith(where):
            message = f"{where}: {message}"
        raise GameDefinitionError(message) from None

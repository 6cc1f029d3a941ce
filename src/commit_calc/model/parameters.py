"""Named parameters of a game: the salary, the amnesty, the enforcer's reliability, ...

A :class:`Parameter` carries a default value, optional bounds, a unit and a one-line meaning.
Payoffs and probabilities are sympy expressions in the parameters' symbols.
"""

from __future__ import annotations

import difflib
import keyword
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

import sympy

from commit_calc.errors import CommitCalcError, ParameterError
from commit_calc.model.values import exact_number

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# min and max are formula functions; "equilibria" is a key of sweep rows beside the parameters
_RESERVED = {"min", "max", "equilibria"}


@dataclass(frozen=True)
class Parameter:
    """A named quantity that payoffs or probabilities depend on.

    Examples
    --------
    >>> r = Parameter("reliability", default="1/2", lower=0, upper=1,
    ...               meaning="probability the enforcer is reliable")
    >>> r.default, r.symbol
    (1/2, reliability)
    >>> r.check(2)
    Traceback (most recent call last):
    ...
    commit_calc.errors.ParameterError: parameter 'reliability' = 2 is above its upper bound 1
    """

    name: str
    default: sympy.Rational | None = None
    lower: sympy.Rational | None = None
    upper: sympy.Rational | None = None
    unit: str = ""
    meaning: str = ""
    #: What the analyst believes about the value, e.g. "beta(3, 2)" (see
    #: commit_calc.uncertainty.distributions); "" for none.
    distribution: str = field(default="", repr=False)
    symbol: sympy.Symbol = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not _NAME.match(self.name):
            raise ParameterError(
                f"Parameter(): parameter name {self.name!r} must be letters, digits and "
                "underscores, starting with a letter or underscore"
            )
        if keyword.iskeyword(self.name) or self.name in _RESERVED:
            raise ParameterError(f"Parameter(): parameter name {self.name!r} is reserved "
                                 "(so are min, max, equilibria and Python's keywords)")
        for attribute in ("default", "lower", "upper"):
            value = getattr(self, attribute)
            if value is not None:
                try:
                    converted = exact_number(value, what=f"parameter '{self.name}' {attribute}")
                except CommitCalcError as error:
                    raise ParameterError(str(error)) from None
                object.__setattr__(self, attribute, converted)
        if self.lower is not None and self.upper is not None and self.lower > self.upper:
            raise ParameterError(
                f"parameter '{self.name}': lower bound {self.lower} is above upper bound "
                f"{self.upper}"
            )
        if self.default is not None:
            self.check(self.default)
        object.__setattr__(self, "symbol", _symbol_for(self.name, self.lower))

    def check(self, value: object) -> sympy.Rational:
        """The exact value, or :class:`ParameterError` if it is not a number in bounds."""
        try:
            number = exact_number(value, what=f"parameter '{self.name}'")
        except CommitCalcError as error:
            raise ParameterError(str(error)) from None
        if self.lower is not None and number < self.lower:
            raise ParameterError(
                f"parameter '{self.name}' = {number} is below its lower bound {self.lower}"
            )
        if self.upper is not None and number > self.upper:
            raise ParameterError(
                f"parameter '{self.name}' = {number} is above its upper bound {self.upper}"
            )
        return number

    @property
    def bounds_text(self) -> str:
        """The bounds as text: ``"[0, 1]"``, ``">= 0"``, or ``""``."""
        if self.lower is not None and self.upper is not None:
            return f"[{self.lower}, {self.upper}]"
        if self.lower is not None:
            return f">= {self.lower}"
        if self.upper is not None:
            return f"<= {self.upper}"
        return ""


def _symbol_for(name: str, lower: sympy.Rational | None) -> sympy.Symbol:
    """All parameters are real; a lower bound >= 0 also makes them nonnegative for sympy."""
    if lower is not None and lower > 0:
        return sympy.Symbol(name, positive=True)
    if lower is not None and lower >= 0:
        return sympy.Symbol(name, nonnegative=True)
    return sympy.Symbol(name, real=True)


@dataclass(frozen=True)
class Parameters:
    """An ordered collection of parameters with lookup by name."""

    items: tuple[Parameter, ...] = ()

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for parameter in self.items:
            if not isinstance(parameter, Parameter):
                raise ParameterError(f"parameters: expected Parameter, got {parameter!r}")
            if parameter.name in seen:
                raise ParameterError(f"parameter '{parameter.name}' is declared twice")
            seen.add(parameter.name)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __contains__(self, name: object) -> bool:
        return name in self.by_name

    def __getitem__(self, name: str) -> Parameter:
        try:
            return self.by_name[name]
        except KeyError:
            known = ", ".join(self.by_name) or "none"
            close = difflib.get_close_matches(name, list(self.by_name), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise ParameterError(
                f"unknown parameter '{name}' ({hint}parameters: {known})") from None

    @cached_property
    def by_name(self) -> dict[str, Parameter]:
        return {parameter.name: parameter for parameter in self.items}

    @cached_property
    def symbols(self) -> dict[str, sympy.Symbol]:
        """Name to sympy symbol, as the formula parser wants them."""
        return {parameter.name: parameter.symbol for parameter in self.items}

    def values(self, given: Mapping[str, object] | None = None) -> dict[str, sympy.Rational]:
        """Exact values for every parameter: those ``given``, else the defaults.

        Raises :class:`ParameterError` for an unknown name, a value out of bounds, or a
        parameter with neither a value nor a default.
        """
        given = dict(given or {})
        checked = self.checked(given)
        values: dict[str, sympy.Rational] = {}
        for parameter in self.items:
            if parameter.name in checked:
                values[parameter.name] = checked[parameter.name]
            elif parameter.default is not None:
                values[parameter.name] = parameter.default
            else:
                raise ParameterError(
                    f"parameter '{parameter.name}' has no default: give it a value"
                )
        return values

    def checked(self, given: Mapping[str, object]) -> dict[str, sympy.Rational]:
        """The given values, each checked against its parameter's bounds."""
        return {name: self[name].check(value) for name, value in given.items()}

    def without(self, names: Iterable[str]) -> Parameters:
        """The parameters other than ``names``."""
        dropped = set(names)
        return Parameters(tuple(p for p in self.items if p.name not in dropped))

    def canonical(self, expression: sympy.Expr, *, where: str) -> sympy.Expr:
        """``expression`` with every free symbol replaced by the parameter of the same name.

        Lets users write ``sympy.Symbol("salary")`` without our assumptions. A symbol that names
        no declared parameter is an error naming ``where`` it appears.
        """
        free = expression.free_symbols
        if not free:
            return expression
        replacements = {}
        for symbol in free:
            name = str(symbol)
            if name not in self.by_name:
                known = ", ".join(self.by_name) or "none declared"
                raise ParameterError(
                    f"{where}: unknown parameter '{name}' (parameters: {known})"
                )
            if symbol != self.by_name[name].symbol:
                replacements[symbol] = self.by_name[name].symbol
        return expression.xreplace(replacements) if replacements else expression

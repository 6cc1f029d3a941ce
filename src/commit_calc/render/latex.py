r"""Names and formulas as LaTeX that compiles, whatever the game file calls things.

Every label a user wrote (players, actions, outcomes, titles) goes through
:func:`latex_text`; every formula through :func:`latex_math`, which writes each parameter as
``\mathit{a\_b\_c}`` instead of letting sympy read ``a_b_c`` as ``a`` with subscripts.
The output needs only ``amsmath`` (for ``\text``).
"""

from __future__ import annotations

import re

import sympy

_SPECIAL = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}",
    # At the start of an \item, a [ would open its optional argument.
    "[": "{[}", "]": "{]}",
}
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def latex_text(text: str) -> str:
    r"""``text`` escaped for LaTeX's text mode (also inside ``\text{}``).

    Special characters become commands, line breaks spaces, control characters vanish, and a
    character beyond Latin-1 (which pdflatex may not know) is written as its code point.

    >>> latex_text("L & R 50% $B^$")
    'L \\& R 50\\% \\$B\\textasciicircum{}\\$'
    >>> latex_text("x_1 {}~\\")
    'x\\_1 \\{\\}\\textasciitilde{}\\textbackslash{}'
    """
    pieces = []
    for character in text:
        if character in _SPECIAL:
            pieces.append(_SPECIAL[character])
        elif character in "\n\r\t":
            pieces.append(" ")
        elif ord(character) < 32 or 127 <= ord(character) < 160:
            continue
        elif ord(character) > 255:
            pieces.append(rf"\texttt{{U+{ord(character):04X}}}")
        else:
            pieces.append(character)
    return "".join(pieces)


def latex_name(name: str) -> str:
    r"""A name inside maths: ``\mathit{a\_b\_c}`` for a parameter, ``\text{...}`` otherwise.

    >>> latex_name("a_b_c"), latex_name("$B^$")
    ('\\mathit{a\\_b\\_c}', '\\text{\\$B\\textasciicircum{}\\$}')
    """
    if _IDENTIFIER.fullmatch(name):
        return rf"\mathit{{{latex_text(name)}}}"
    return rf"\text{{{latex_text(name)}}}"


def latex_math(expression: sympy.Basic) -> str:
    r"""Maths-mode LaTeX of a formula or condition, each parameter written by
    :func:`latex_name`.

    >>> a, x = sympy.symbols("a_b_c x_1")
    >>> latex_math(a < x / 2)
    '\\mathit{a\\_b\\_c} < \\frac{\\mathit{x\\_1}}{2}'
    """
    names = {symbol: latex_name(symbol.name) for symbol in expression.free_symbols
             if isinstance(symbol, sympy.Symbol)}
    return str(sympy.latex(expression, symbol_names=names))

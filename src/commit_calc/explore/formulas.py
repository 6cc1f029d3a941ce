"""The threshold formulas, typeset as presentation MathML (browsers render it natively).

For each region key and each parameter the key is linear in, the value of the parameter
where the key is zero, as a formula of the others: ``reliability = 20/33`` at the catalog
defaults comes from such a formula. The page parses the MathML as XML and keeps only
MathML elements without attributes (see ``change.js``), so it never becomes markup as such.

>>> import sympy
>>> r, s = sympy.symbols("reliability patrol_cost")
>>> threshold_mathml(33 * r - 20 - s, [r, s])[0]
'<mrow><mfrac><mrow><mi>patrol_cost</mi><mo>+</mo><mn>20</mn></mrow><mn>33</mn></mfrac></mrow>'
>>> threshold_mathml(r * s - 1, [r, s])[1]
'<mfrac><mn>1</mn><mi>reliability</mi></mfrac>'
>>> threshold_mathml(r**2 - 1, [r, s])
[None, None]
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Sequence
from xml.sax.saxutils import escape

import sympy
from sympy.printing.mathml import mathml

#: Formulas longer than this (characters of MathML) are left out of the page.
MAX_FORMULA = 4000


def _placeholder(index: int) -> str:
    """A name of letters only (MathML printing splits digits and underscores off as
    subscripts), unlike any parameter's."""
    letters = string.ascii_lowercase
    text = ""
    index += 1
    while index:
        index, digit = divmod(index - 1, 26)
        text = letters[digit] + text
    return "zqx" + text


def threshold_mathml(key: sympy.Expr, symbols: Sequence[sympy.Symbol]) -> list[str | None]:
    """The MathML of the root of ``key`` along each symbol (None where it is not linear)."""
    stand_ins = {s: sympy.Symbol(_placeholder(i), real=True) for i, s in enumerate(symbols)}
    names = {f"<mi>{_placeholder(i)}</mi>": f"<mi>{escape(s.name)}</mi>"
             for i, s in enumerate(symbols)}
    renamed = sympy.expand(key.xreplace(stand_ins))
    row: list[str | None] = []
    for symbol in symbols:
        stand_in = stand_ins[symbol]
        poly = sympy.Poly(renamed, stand_in)
        if poly.degree() != 1:
            row.append(None)
            continue
        slope, rest = poly.all_coeffs()
        text = mathml(sympy.together(-rest / slope), printer="presentation")
        text = text.replace("<mo>&InvisibleTimes;</mo>", "<mo>&#183;</mo>")
        text = re.sub(r"&([A-Za-z]+);", lambda m: f"&#{ord(html.unescape(m.group(0))[0])};", text)
        for old, new in sorted(names.items(), key=lambda item: -len(item[0])):
            text = text.replace(old, new)
        row.append(text if len(text) <= MAX_FORMULA else None)
    return row

"""The lexical layer of Gambit's file formats: tokens with their lines, exact numbers, labels
made distinct as Gambit makes them, and the ``EFG 2 R``/``NFG 1 R`` header."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from fractions import Fraction
from typing import NamedTuple

from commit_calc.errors import GameFileError
from commit_calc.model.values import kernel_rational

Number = int | Fraction

MAX_EXPONENT_DIGITS = 400
"""Numbers such as ``1e400`` are accepted, ``1e401`` refused (exact values would be huge)."""

MAX_PROFILES = 1_000_000

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<brace>[{}])
  | (?P<comma>,)
  | (?P<string>"(?:[^"\\]|\\.)*")
  | (?P<number>[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?(?:/\d+)?(?=[\s{},"]|$))
  | (?P<symbol>[^\s{},"]+)
""", re.VERBOSE | re.DOTALL | re.ASCII)


class _Token(NamedTuple):  # a tuple: a 1 MB file has some 400,000 of them
    kind: str  # "{", "}", ",", "string", "number", "symbol", "end"
    text: str
    line: int


class Tokens:
    """Gambit's lexical tokens with their lines, read one at a time."""

    def __init__(self, text: str, source: str):
        self.source = source
        self.items = list(self._scan(text))
        self.position = 0

    def _scan(self, text: str) -> Iterator[_Token]:
        line = last_line = 1
        position = 0
        for match in _TOKEN.finditer(text):
            if match.start() != position:  # nothing matched there: an unterminated string
                break
            kind = match.lastgroup
            value = match.group()
            position = match.end()
            if kind == "space":
                line += value.count("\n")
                continue
            if kind == "string":
                yield _Token("string", value[1:-1].replace('\\"', '"'), line)
                line += value.count("\n")
            elif kind == "brace":
                yield _Token(value, value, line)
            elif kind == "comma":
                yield _Token(",", value, line)
            else:  # number or symbol
                yield _Token(kind or "", value, line)
            last_line = line
        if position != len(text):
            raise GameFileError("a label's closing quote is missing", path=self.source,
                                line=line)
        yield _Token("end", "", last_line)

    def peek(self) -> _Token:
        return self.items[self.position]

    def next(self) -> _Token:
        token = self.items[self.position]
        if token.kind != "end":
            self.position += 1
        return token

    def fail(self, message: str, token: _Token | None = None) -> GameFileError:
        token = token or self.peek()
        return GameFileError(message, path=self.source, line=token.line)

    def expect(self, kind: str, what: str) -> _Token:
        token = self.next()
        if token.kind != kind:
            found = "the end of the file" if token.kind == "end" else repr(token.text)
            raise self.fail(f"expected {what}, found {found}", token)
        return token

    def accept(self, kind: str) -> bool:
        if self.peek().kind == kind:
            self.next()
            return True
        return False

    def number(self, what: str) -> Number:
        token = self.expect("number", what)
        value = exact_value(token.text)
        if isinstance(value, str):
            raise self.fail(value, token)
        return value

    def integer(self, what: str) -> int:
        token = self.expect("number", what)
        if not re.fullmatch(r"\+?\d{1,9}", token.text):
            raise self.fail(f"expected {what} (a whole number), found {token.text!r}", token)
        return int(token.text)

    def strings(self, what: str) -> list[str]:
        self.expect("{", f"'{{' opening the {what}")
        labels = []
        while self.peek().kind == "string":
            labels.append(self.next().text)
        self.expect("}", f"'}}' closing the {what}")
        return labels

    def payoffs(self, count: int, what: str) -> tuple[Number, ...]:
        self.expect("{", f"'{{' opening the payoffs of {what}")
        values = []
        while self.peek().kind != "}":
            values.append(self.number(f"a payoff of {what}"))
            self.accept(",")
        closing = self.expect("}", f"'}}' closing the payoffs of {what}")
        if len(values) != count:
            raise self.fail(f"{what} has {len(values)} payoffs for {count} players", closing)
        return tuple(values)


def exact_value(text: str) -> Number | str:
    """The exact value of a number token (``.5``, ``3/4``, ``-1.5e3``) as a plain Python
    number (``int``, else ``mpq`` or ``Fraction``), or what is wrong with it.

    >>> exact_value("-1.5e3"), exact_value("3/4") == Fraction(3, 4), exact_value("1/0")
    (-1500, True, "'1/0' is not a number")
    """
    if len(text) <= 200:
        digits = text[1:] if text[:1] in "+-" else text
        if digits.isascii() and digits.isdigit():  # a whole number
            return int(text)
    mantissa, _, exponent = text.partition("/")[0].lower().partition("e")
    if len(text) > 200 or len(exponent.lstrip("+-")) > 3 or (
            exponent and abs(int(exponent)) > MAX_EXPONENT_DIGITS):
        return f"number {text[:40]!r} is too large"
    try:
        value = Fraction(text.partition("/")[0])
        if "/" in text:
            value /= int(text.partition("/")[2])
    except (ValueError, ZeroDivisionError):
        return f"{text!r} is not a number"
    return kernel_rational(value.numerator, value.denominator)


def normalize_labels(labels: Sequence[str]) -> list[str]:
    """Make labels distinct and non-empty as Gambit does.

    >>> normalize_labels(["", "x", "x", "x_1", "y"])
    ['_1', 'x_2', 'x_3', 'x_1', 'y']
    """
    if all(labels) and len(set(labels)) == len(labels):  # the usual case: nothing to rename
        return list(labels)
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    used = set(labels)
    visited: dict[str, int] = {}
    result = []
    for label in labels:
        if counts[label] == 1 and label != "":
            result.append(label)
            continue
        while True:
            visited[label] = visited.get(label, 0) + 1
            candidate = f"{label}_{visited[label]}"
            if candidate not in used:
                break
        used.add(candidate)
        result.append(candidate)
    return result


def header(tokens: Tokens, tag: str, version: str) -> tuple[str, list[str]]:
    """Read ``EFG 2 R "title" { "players" }`` (or the ``NFG 1 R`` form): title and players."""
    suffix = tag.lower()
    first = tokens.next()
    if first.kind != "symbol" or first.text != tag:
        raise tokens.fail(f"not an .{suffix} file: it must start with '{tag} {version} R'", first)
    if tokens.next().text != version:
        raise tokens.fail(
            f"only version {version} of the .{suffix} format is read ('{tag} {version} R')"
        )
    if tokens.next().text not in ("R", "D"):
        raise tokens.fail(f"expected R or D after '{tag} {version}'")
    title = tokens.expect("string", "the game's title in quotes").text
    return title, normalize_labels(tokens.strings("list of players"))



"""Finding the line of a key in TOML or JSON text, so that errors can say ``game.toml:12:``.

Neither ``tomllib`` nor ``json`` reports where a key sits once a file has parsed, so the line is
recovered by a light scan of the text: each part of the key path (``nodes``, ``n3``,
``payoffs``) is searched for, as a key, after the place where the previous part was found. This
is a heuristic: it finds ``[nodes.n3]``, ``"n3": {``, ``n3 = {`` and
``[[table.outcomes]]``.
When a part cannot be found, the line of the deepest part found is given (``None`` if none).

>>> text = ('players = ["A", "B"]\\n\\n[nodes.start]\\nplayer = "A"\\n\\n'
...         '[nodes.end]\\npayoffs = [1]\\n')
>>> line_of(text, ("nodes", "end", "payoffs"))
7
>>> line_of(text, ("nodes", "end", "player"))
6
>>> line_of(text, ("title",)) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence

KeyPath = Sequence["str | int"]


def _key_pattern(key: str) -> re.Pattern[str]:
    """A key as it is written: bare or quoted, before ``=``, ``:``, ``.`` or ``]``."""
    quoted = re.escape(key)
    alternatives = [rf'"{quoted}"', rf"'{quoted}'"]
    if re.fullmatch(r"[A-Za-z0-9_-]+", key):
        alternatives.append(rf"(?<![\w\"'-]){quoted}(?![\w\"'-])")
    return re.compile(r"(?:^|(?<=[\s\[.{,]))(?:" + "|".join(alternatives) + r")\s*[=:.\]]",
                      re.MULTILINE)


def _find(text: str, key: str, start: int) -> re.Match[str] | None:
    """The next place ``key`` is written as a key: before ``=`` or ``:``, or in a
    ``[table.header]`` (so that a value ``"key"]`` inside an array is not taken for it)."""
    for match in _key_pattern(key).finditer(text, start):
        if match.group().endswith(("=", ":")):
            return match
        line_start = text.rfind("\n", 0, match.start()) + 1
        if text[line_start:match.start()].lstrip().startswith("["):
            return match
    return None


def line_of(text: str, path: KeyPath) -> int | None:
    """The 1-based line where the value at ``path`` is written in ``text``, or ``None``.

    Integer parts index arrays: the ``k``-th ``[[table.outcomes]]`` header is found when the
    array is written as an array of tables; otherwise the array's own line is given.
    """
    position = 0
    found: int | None = None
    previous: str | None = None
    for part in path:
        if isinstance(part, int):
            if previous is None:
                break
            matches: list[re.Match[str]] = []
            start = found or 0
            while len(matches) <= part:
                match = _find(text, previous, start)
                if match is None:
                    break
                matches.append(match)
                start = match.end()
            if len(matches) > part:
                position = matches[part].end()
                found = matches[part].start()
            continue
        match = _find(text, part, position)
        if match is None:
            break
        position = match.end()
        found = match.start()
        previous = part
    if found is None:
        return None
    return text.count("\n", 0, found) + 1

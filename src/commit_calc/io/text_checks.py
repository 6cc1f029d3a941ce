"""What text a game file may hold: whole characters, and no control characters in labels."""

from __future__ import annotations

import re

from commit_calc.errors import GameFileError

#: Text fields for people, where a line break or a tab may stand.
_FREE_TEXT = frozenset({"title", "description", "sources", "meaning", "unit"})
#: Characters refused in labels (names of players, actions, nodes, parameters ...): controls,
#: including line breaks, which would break tables and one-line messages.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def refuse_bad_text(data: object, text: str, source: str) -> None:
    """Refuse half characters (JSON's ``\\ud800`` escapes, which no file or terminal can
    hold) and control characters: none in labels, only line breaks and tabs in the free
    text fields. The message gives the line of the first such character where it can."""
    stack: list[tuple[object, bool]] = [(data, False)]
    while stack:
        item, free = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                stack.append((key, False))
                stack.append((value, free or key in _FREE_TEXT))
        elif isinstance(item, list):
            stack.extend((value, free) for value in item)
        elif isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                match = re.search(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}", text)
                raise GameFileError("not valid JSON: a \\u escape names half of a character "
                                    "(a lone surrogate)", path=source,
                                    line=_line(text, match)) from None
            bad = (_CONTROL_IN_TEXT if free else _CONTROL).search(item)
            if bad:
                where = text.find(item) if item in text else -1
                raise GameFileError(
                    f"control character U+{ord(bad.group()):04X} in {item[:40]!r}: labels hold "
                    "no control characters (line breaks and tabs only in titles, descriptions, "
                    "sources, meanings and units)", path=source,
                    line=text.count("\n", 0, where) + 1 if where >= 0 else None)


def _line(text: str, match: re.Match[str] | None) -> int | None:
    return text.count("\n", 0, match.start()) + 1 if match else None

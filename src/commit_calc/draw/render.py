"""SVG and PNG from DOT text, through the Graphviz ``dot`` program when it is installed."""

from __future__ import annotations

import shutil
import subprocess

from commit_calc.errors import CommitCalcError

FORMATS = ("svg", "png", "pdf")


class DrawingUnavailable(CommitCalcError):
    """A picture format needs a program or library that is not installed."""


def render_dot(dot_text: str, image_format: str) -> bytes:
    """Run Graphviz's ``dot`` to turn DOT text into ``svg``, ``png`` or ``pdf`` bytes."""
    if image_format not in FORMATS:
        raise CommitCalcError(f"render_dot(): format {image_format!r} is not one of {FORMATS}")
    program = shutil.which("dot")
    if program is None:
        raise DrawingUnavailable(
            f"drawing {image_format.upper()} needs Graphviz's 'dot' program: install Graphviz "
            "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz; conda: "
            "conda install graphviz), or write DOT or TikZ text instead (--format dot|tikz)"
        )
    finished = subprocess.run(
        [program, f"-T{image_format}"], input=dot_text.encode(), capture_output=True,
        timeout=120, check=False,
    )
    if finished.returncode != 0:
        message = finished.stderr.decode(errors="replace").strip().splitlines()
        raise CommitCalcError(f"Graphviz failed: {message[0] if message else 'no message'}")
    return finished.stdout

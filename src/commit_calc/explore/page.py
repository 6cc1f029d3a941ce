"""The explorer page: one self-contained HTML file (inline script and style, no request to
any server: its Content-Security-Policy allows no connection and runs only its own script).

The game's data goes in as JSON inside ``<script type="application/json">`` with ``<``, ``>``
and ``&`` escaped, so no label can close the element; the script puts text into the page only
through ``textContent``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from importlib import resources
from typing import Any

#: The script files, in the order they run.
SCRIPTS = ("explorer.js", "picture.js", "change.js", "grid.js", "map.js", "explain.js",
           "explain_table.js")

_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src '{hash}'; \
style-src 'unsafe-inline'; img-src data:; connect-src 'none'; form-action 'none'; \
base-uri 'none'">
<meta name="generator" content="commit-calc explore">
<title>{title}</title>
<style>
{style}
</style>
</head>
<body>
<header><h1 id="title"></h1><p id="description"></p><ul id="notes" class="notes"></ul></header>
<main>
<section aria-labelledby="controls-title"><h2 id="controls-title">Parameters</h2>
<div id="controls"></div></section>
<div class="results">
<section aria-labelledby="result-title" aria-live="polite"><h2 id="result-title">Equilibrium \
outcome</h2>
<ul id="outcome" data-role="outcome" class="outcome"></ul>
<p id="grid-note" class="notes"></p><p id="chooser"></p>
<table id="payoffs" class="payoffs" aria-label="Payoffs of each equilibrium"></table></section>
<section aria-labelledby="picture-heading"><h2 id="picture-heading">The game</h2>
<div id="picture" class="picture"></div>
<p class="legend">Thick solid line: the equilibrium path. Solid line: its choices off the path. \
Thin dashed line: actions it does not take.</p></section>
<section id="map-section" aria-labelledby="map-title"><h2 id="map-title">Outcome map</h2>
<div id="map"></div></section>
<section aria-labelledby="change-title"><h2 id="change-title">What would change it</h2>
<ul id="change" class="change"></ul></section>
<section aria-labelledby="explanation-title"><h2 id="explanation-title">Why: step by step</h2>
<p id="explanation-note" class="notes"></p>
<ol id="explanation" class="explanation"></ol></section>
</div>
</main>
<footer><p>Made with commit-calc explore: exact equilibria computed in this page from the \
game's closed-form regions (no network, no Python needed).</p></footer>
<script type="application/json" id="game-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""


def json_for_html(data: Any) -> str:
    """JSON text safe inside a ``<script>`` element: ``<``, ``>`` and ``&`` as ``\\u`` escapes.

    >>> json_for_html({"label": "</script><b>&"})
    '{"label": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=True, allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _resource(name: str) -> str:
    return (resources.files("commit_calc.explore") / name).read_text(encoding="utf-8")


def render_page(data: dict[str, Any]) -> str:
    """The whole page for compiled game data (see :func:`.data.page_data`)."""
    script = "\n".join(_resource(name) for name in SCRIPTS)
    if "</script" in script.lower():  # never: the scripts are ours
        raise ValueError("explorer script contains a closing tag")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return _TEMPLATE.format(hash=f"sha256-{digest}", title=html.escape(str(data["title"])),
                            style=_resource("explorer.css"), data=json_for_html(data),
                            script=script)

"use strict";
/* The outcome map over two parameters (the others at their current values): each cell
   coloured by the outcomes of the region at its centre (keys evaluated in floating point: a
   picture at pixel resolution; the outcome shown above is exact), the thresholds where the
   colour changes, and the current point. Clicking the map moves the point there. */
(function () {
  const X = window.explorer;
  const MAP = X.DATA.map;
  const CELLS_X = 120, CELLS_Y = 80, CELL = 5;
  const COLOURS = ["#56B4E9", "#E69F00", "#009E73", "#F0E442", "#CC79A7", "#0072B2", "#D55E00",
    "#B6DBFF", "#FFD39A", "#A0E0C8", "#E8C8DC", "#BBBBBB"];
  const keyFloats = (X.DATA.keys || []).map(function (key) {
    return key.map(function (m) { return [Number(m[0]) / Number(m[1]), m[2]]; });
  });
  // one colour per set of outcomes: single outcomes first (ties lie on thresholds)
  const names = (X.DATA.regions || []).map(function (region) {
    const labels = [];
    region.equilibria.forEach(function (e) {
      const label = X.DATA.equilibria[e].outcome;
      if (labels.indexOf(label) < 0) labels.push(label);
    });
    return labels;
  });
  const sets = [];
  [true, false].forEach(function (single) {
    names.forEach(function (labels) {
      const name = labels.join("; or ");
      if ((labels.length === 1) === single && sets.indexOf(name) < 0) sets.push(name);
    });
  });
  const setOf = names.map(function (labels) { return sets.indexOf(labels.join("; or ")); });
  function regionOfFloats(x) {
    const signs = keyFloats.map(function (key) {
      let total = 0;
      for (const m of key) {
        let term = m[0];
        for (let i = 0; i < m[1].length; i++) if (m[1][i]) term *= Math.pow(x[i], m[1][i]);
        total += term;
      }
      return total > 0 ? 1 : (total < 0 ? -1 : 0);
    });
    for (let r = 0; r < X.DATA.regions.length; r++) {
      if (X.DATA.regions[r].terms.some(function (term) {
        return term.every(function (c) { return c[1].indexOf(signs[c[0]]) >= 0; });
      })) return r;
    }
    return -1;
  }
  function span(i) { return [X.toFloat(X.fromText(X.DATA.params[i].lo)), X.toFloat(X.fromText(X.DATA.params[i].hi))]; }
  let canvas = null;
  function build() {
    const box = document.getElementById("map");
    const px = X.DATA.params[MAP.x], py = X.DATA.params[MAP.y];
    box.appendChild(X.el("p", {}, "Outcomes as " + px.name + " (across) and " + py.name +
      " (up) vary, the other parameters at their current values. Click to move there."));
    canvas = X.el("canvas", { width: String(CELLS_X * CELL), height: String(CELLS_Y * CELL), role: "img",
      "aria-label": "outcome map over " + px.name + " and " + py.name });
    canvas.addEventListener("click", function (event) {
      const rect = canvas.getBoundingClientRect();
      const fx = (event.clientX - rect.left) / rect.width, fy = 1 - (event.clientY - rect.top) / rect.height;
      [[MAP.x, fx], [MAP.y, fy]].forEach(function (pair) {
        const p = X.DATA.params[pair[0]], s = span(pair[0]), step = Number(p.step);
        const value = Math.round((s[0] + pair[1] * (s[1] - s[0])) / step) * step;
        X.state.values[pair[0]] = X.fromText(value.toFixed(Math.max(0, -Math.floor(Math.log10(step)))));
      });
      X.setValue(MAP.x, X.state.values[MAP.x]);
      X.setValue(MAP.y, X.state.values[MAP.y]);
    });
    const axes = X.el("div", { "class": "map-axes" });
    axes.appendChild(canvas);
    axes.appendChild(X.el("div", { "class": "map-x" }, px.name + ": " + px.lo + " \u2192 " + px.hi));
    axes.appendChild(X.el("div", { "class": "map-y" }, py.name + ": " + py.lo + " \u2192 " + py.hi + " (bottom to top)"));
    box.appendChild(axes);
    box.appendChild(X.el("ul", { id: "map-legend", "class": "legend-list" }));
  }
  window.explorerMap = function (values) {
    if (!MAP || X.DATA.mode !== "exact") return;
    if (!canvas) build();
    const context = canvas.getContext("2d");
    const sx = span(MAP.x), sy = span(MAP.y);
    const x = values.map(X.toFloat);
    const codes = [];
    for (let j = 0; j < CELLS_Y; j++) {
      for (let i = 0; i < CELLS_X; i++) {
        x[MAP.x] = sx[0] + (sx[1] - sx[0]) * (i + 0.5) / CELLS_X;
        x[MAP.y] = sy[1] - (sy[1] - sy[0]) * (j + 0.5) / CELLS_Y;
        const r = regionOfFloats(x);
        const code = r < 0 ? -1 : setOf[r];
        codes.push(code);
        context.fillStyle = code < 0 ? "#FFFFFF" : COLOURS[code % COLOURS.length];
        context.fillRect(i * CELL, j * CELL, CELL, CELL);
      }
    }
    context.fillStyle = "#111111";
    for (let j = 0; j < CELLS_Y; j++) {
      for (let i = 0; i < CELLS_X; i++) {
        const c = codes[j * CELLS_X + i];
        if (i + 1 < CELLS_X && codes[j * CELLS_X + i + 1] !== c) context.fillRect((i + 1) * CELL - 1, j * CELL, 2, CELL);
        if (j + 1 < CELLS_Y && codes[(j + 1) * CELLS_X + i] !== c) context.fillRect(i * CELL, (j + 1) * CELL - 1, CELL, 2);
      }
    }
    const cx = (X.toFloat(values[MAP.x]) - sx[0]) / (sx[1] - sx[0]) * CELLS_X * CELL;
    const cy = (1 - (X.toFloat(values[MAP.y]) - sy[0]) / (sy[1] - sy[0])) * CELLS_Y * CELL;
    context.beginPath(); context.arc(cx, cy, 8, 0, 2 * Math.PI);
    context.fillStyle = "#FFFFFF"; context.fill(); context.lineWidth = 3; context.strokeStyle = "#000000"; context.stroke();
    const legend = document.getElementById("map-legend");
    X.clear(legend);
    const shown = [];
    codes.forEach(function (c) { if (c >= 0 && shown.indexOf(c) < 0) shown.push(c); });
    shown.sort(function (a, b) { return a - b; }).forEach(function (c) {
      const item = X.el("li", {});
      item.appendChild(X.el("span", { "class": "swatch", style: "background:" + COLOURS[c % COLOURS.length] }, "\u00a0\u00a0\u00a0"));
      item.appendChild(document.createTextNode(" " + sets[c]));
      legend.appendChild(item);
    });
  };
})();

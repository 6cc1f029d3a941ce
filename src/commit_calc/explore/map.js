"use strict";
/* The outcome map over two parameters (the others at their current values): each cell
   coloured by the outcomes of the region at its centre (keys evaluated in floating point: a
   picture at pixel resolution; the outcome shown above is exact), the thresholds where the
   colour changes, and the current point. Clicking the map moves the point there. */
(function () {
  const X = window.explorer;
  const MAP = X.DATA.map;
  const CELLS_X = 120, CELLS_Y = 80, CELL = 5;
  const COLOURS = X.MAP_COLOURS = ["#56B4E9", "#E69F00", "#009E73", "#F0E442", "#CC79A7", "#0072B2", "#D55E00",
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
  /* Each key as a polynomial in the two axes only, the other parameters at x: [[c, ex, ey]]. */
  function collapse(x) {
    return keyFloats.map(function (key) {
      const terms = new Map();
      for (const m of key) {
        let c = m[0];
        for (let i = 0; i < m[1].length; i++) {
          if (m[1][i] && i !== MAP.x && i !== MAP.y) c *= Math.pow(x[i], m[1][i]);
        }
        const ex = m[1][MAP.x] || 0, ey = m[1][MAP.y] || 0, id = ex * 1000 + ey;
        const t = terms.get(id);
        if (t) t[0] += c; else terms.set(id, [c, ex, ey]);
      }
      return Array.from(terms.values());
    });
  }
  function regionOfFloats(keys, u, v) {
    const signs = keys.map(function (key) {
      let total = 0;
      for (const t of key) {
        let term = t[0];
        for (let e = 0; e < t[1]; e++) term *= u;
        for (let e = 0; e < t[2]; e++) term *= v;
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
  const RGB = COLOURS.map(function (c) { return [1, 3, 5].map(function (k) { return parseInt(c.substr(k, 2), 16); }); });
  /* The cells' colours and, in black, the edges between cells of different outcomes. */
  function paint(context, codes) {
    const width = CELLS_X * CELL, image = context.createImageData(width, CELLS_Y * CELL), data = image.data;
    for (let py = 0; py < CELLS_Y * CELL; py++) {
      const j = Math.floor(py / CELL), edgeY = py % CELL === CELL - 1 && j + 1 < CELLS_Y;
      for (let px = 0; px < width; px++) {
        const i = Math.floor(px / CELL), c = codes[j * CELLS_X + i];
        const edge = (px % CELL === CELL - 1 && i + 1 < CELLS_X && codes[j * CELLS_X + i + 1] !== c) ||
          (edgeY && codes[(j + 1) * CELLS_X + i] !== c);
        const rgb = edge ? [17, 17, 17] : (c < 0 ? [255, 255, 255] : RGB[c % RGB.length]);
        const at = (py * width + px) * 4;
        data[at] = rgb[0]; data[at + 1] = rgb[1]; data[at + 2] = rgb[2]; data[at + 3] = 255;
      }
    }
    return image;
  }
  const cached = { others: null, codes: [], image: null };
  window.explorerMap = function (values) {
    if (!MAP) return;
    if (X.DATA.mode !== "exact") { window.explorerGridMap(values); return; }
    if (!canvas) build();
    const context = canvas.getContext("2d");
    const sx = span(MAP.x), sy = span(MAP.y);
    const others = values.map(function (v, i) { return i === MAP.x || i === MAP.y ? "" : v.n + "/" + v.d; }).join(",");
    if (others !== cached.others) {  // moving along the axes only moves the point
      const keys = collapse(values.map(X.toFloat));
      const codes = [];
      for (let j = 0; j < CELLS_Y; j++) {
        for (let i = 0; i < CELLS_X; i++) {
          const r = regionOfFloats(keys, sx[0] + (sx[1] - sx[0]) * (i + 0.5) / CELLS_X,
            sy[1] - (sy[1] - sy[0]) * (j + 0.5) / CELLS_Y);
          codes.push(r < 0 ? -1 : setOf[r]);
        }
      }
      cached.others = others; cached.codes = codes; cached.image = paint(context, codes);
    }
    const codes = cached.codes;
    context.putImageData(cached.image, 0, 0);
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

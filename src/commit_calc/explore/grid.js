"use strict";
/* Grid mode (a game without complete exact regions): "what would change it" and the outcome
   map from the precomputed grid points, each solved exactly. Both say they are grid-based: a
   change of outcome lies somewhere between two grid values, not at a known threshold. */
(function () {
  const X = window.explorer;
  if (X.DATA.mode !== "grid") return;
  const POINTS = X.DATA.points.map(function (p) { return { at: p[0].map(X.fromText), list: p[1] }; });
  const CELL = 24;

  function outcomes(list) {
    const labels = [];
    list.forEach(function (e) {
      const label = X.DATA.equilibria[e].outcome;
      if (labels.indexOf(label) < 0) labels.push(label);
    });
    return labels.length ? labels.join("; or ") : "no equilibrium found";
  }
  /* The grid points that differ from `at` in parameter j only, in increasing order of it. */
  function line(at, j) {
    return POINTS.filter(function (p) {
      return p.at.every(function (v, i) { return i === j || X.cmp(v, at[i]) === 0; });
    }).sort(function (a, b) { return X.cmp(a.at[j], b.at[j]); });
  }
  function plain(value) { return value.d === 1n ? value.n.toString() : value.n + "/" + value.d; }
  function describe(p, j, points, from, step, here) {
    let last = from;
    for (let k = from + step; k >= 0 && k < points.length; k += step) {
      if (outcomes(points[k].list) !== here) {
        const part = X.el("div", { "class": "threshold" });
        const value = points[k].at[j];
        part.appendChild(document.createTextNode((step > 0 ? "raise it to " : "lower it to ") + X.show(value) +
          " (grid-based: the nearest grid value where the outcome changes; the change lies between " +
          X.show(points[last].at[j]) + " and " + X.show(value) + "): " + outcomes(points[k].list) + ". "));
        const go = X.el("button", { type: "button", "class": "go" }, "set " + p.name + " = " + plain(value));
        go.addEventListener("click", function () { X.setValue(j, value); });
        part.appendChild(go);
        return part;
      }
      last = k;
    }
    return null;
  }
  window.explorerGridChange = function (found) {
    const box = document.getElementById("change");
    X.clear(box);
    if (!found) return;
    box.appendChild(X.el("li", { "class": "notes" }, "From the precomputed grid (each point solved exactly): the " +
      "outcome changes somewhere between the grid values named, and changes between two grid values are not seen."));
    const here = outcomes(found.list);
    X.DATA.params.forEach(function (p, j) {
      const item = X.el("li", { "data-param": p.name });
      item.appendChild(X.el("strong", {}, p.name + ": "));
      const points = line(found.at, j);
      const from = points.findIndex(function (q) { return X.cmp(q.at[j], found.at[j]) === 0; });
      const parts = points.length > 1 ? [describe(p, j, points, from, 1, here), describe(p, j, points, from, -1, here)]
        .filter(Boolean) : [];
      if (points.length <= 1) {
        item.appendChild(document.createTextNode("the grid has no other values of it from this point (it holds " +
          "the line of each parameter through the defaults): set the other parameters to their defaults."));
      } else if (!parts.length) {
        item.appendChild(document.createTextNode("the outcome is the same at every grid value of it from here."));
      }
      parts.forEach(function (part) { item.appendChild(part); });
      box.appendChild(item);
    });
  };

  // ---- the map: one cell per grid point (two free parameters: the full grid) ----
  let canvas = null, sets = [];
  function axis(i) {
    return X.DATA.axes[i].map(X.fromText);
  }
  /* The edges of each grid value's cell: half-way to its neighbours. */
  function edges(values) {
    const floats = values.map(X.toFloat), out = [floats[0]];
    for (let k = 1; k < floats.length; k++) out.push((floats[k - 1] + floats[k]) / 2);
    out.push(floats[floats.length - 1]);
    return out;
  }
  function build() {
    const box = document.getElementById("map");
    const px = X.DATA.params[X.DATA.map.x], py = X.DATA.params[X.DATA.map.y];
    box.appendChild(X.el("p", {}, "Outcomes at the grid points (each solved exactly) as " + px.name + " (across) and " +
      py.name + " (up) vary: grid-based, the boundaries lie between grid values. Click to move to a grid point."));
    const nx = axis(X.DATA.map.x).length, ny = axis(X.DATA.map.y).length;
    canvas = X.el("canvas", { width: String(nx * CELL), height: String(ny * CELL), role: "img",
      "aria-label": "outcome map over " + px.name + " and " + py.name + ", from the grid" });
    canvas.addEventListener("click", function (event) {
      const rect = canvas.getBoundingClientRect();
      const fx = (event.clientX - rect.left) / rect.width, fy = 1 - (event.clientY - rect.top) / rect.height;
      const xs = axis(X.DATA.map.x), ys = axis(X.DATA.map.y);
      X.state.values[X.DATA.map.x] = xs[Math.min(xs.length - 1, Math.floor(fx * xs.length))];
      X.setValue(X.DATA.map.y, ys[Math.min(ys.length - 1, Math.max(0, Math.floor(fy * ys.length)))]);
      X.setValue(X.DATA.map.x, X.state.values[X.DATA.map.x]);
    });
    const frame = X.el("div", { "class": "map-axes" });
    frame.appendChild(canvas);
    frame.appendChild(X.el("div", { "class": "map-x" }, px.name + ": " + X.DATA.axes[X.DATA.map.x][0] + " \u2192 " +
      X.DATA.axes[X.DATA.map.x][nx - 1]));
    frame.appendChild(X.el("div", { "class": "map-y" }, py.name + ": " + X.DATA.axes[X.DATA.map.y][0] + " \u2192 " +
      X.DATA.axes[X.DATA.map.y][ny - 1] + " (bottom to top)"));
    box.appendChild(frame);
    box.appendChild(X.el("ul", { id: "map-legend", "class": "legend-list" }));
    POINTS.forEach(function (p) { const s = outcomes(p.list); if (sets.indexOf(s) < 0) sets.push(s); });
    sets.sort(function (a, b) { return (a.indexOf("; or ") >= 0) - (b.indexOf("; or ") >= 0); });
    const legend = document.getElementById("map-legend");
    sets.forEach(function (s, c) {
      const item = X.el("li", {});
      item.appendChild(X.el("span", { "class": "swatch", style: "background:" + X.MAP_COLOURS[c % X.MAP_COLOURS.length] },
        "\u00a0\u00a0\u00a0"));
      item.appendChild(document.createTextNode(" " + s));
      legend.appendChild(item);
    });
  }
  window.explorerGridMap = function (values) {
    if (!canvas) build();
    const context = canvas.getContext("2d");
    const xs = axis(X.DATA.map.x), ys = axis(X.DATA.map.y), nx = xs.length, ny = ys.length;
    const code = new Map();
    POINTS.forEach(function (p) {
      code.set(p.at[X.DATA.map.x].n + "/" + p.at[X.DATA.map.x].d + "," + p.at[X.DATA.map.y].n + "/" + p.at[X.DATA.map.y].d,
        sets.indexOf(outcomes(p.list)));
    });
    function at(i, j) { return code.get(xs[i].n + "/" + xs[i].d + "," + ys[j].n + "/" + ys[j].d); }
    context.fillStyle = "#FFFFFF";
    context.fillRect(0, 0, canvas.width, canvas.height);
    for (let i = 0; i < nx; i++) {
      for (let j = 0; j < ny; j++) {
        context.fillStyle = X.MAP_COLOURS[at(i, j) % X.MAP_COLOURS.length];
        context.fillRect(i * CELL, (ny - 1 - j) * CELL, CELL, CELL);
      }
    }
    context.strokeStyle = "#111111"; context.lineWidth = 2;
    for (let i = 0; i < nx; i++) {
      for (let j = 0; j < ny; j++) {
        if (i + 1 < nx && at(i + 1, j) !== at(i, j)) {
          context.beginPath(); context.moveTo((i + 1) * CELL, (ny - 1 - j) * CELL); context.lineTo((i + 1) * CELL, (ny - j) * CELL); context.stroke();
        }
        if (j + 1 < ny && at(i, j + 1) !== at(i, j)) {
          context.beginPath(); context.moveTo(i * CELL, (ny - 1 - j) * CELL); context.lineTo((i + 1) * CELL, (ny - 1 - j) * CELL); context.stroke();
        }
      }
    }
    // the point shown: the cell of the nearest grid point, ringed
    const ex = edges(xs), ey = edges(ys), vx = X.toFloat(values[X.DATA.map.x]), vy = X.toFloat(values[X.DATA.map.y]);
    let i = 0, j = 0;
    while (i + 1 < nx && vx > ex[i + 1]) i++;
    while (j + 1 < ny && vy > ey[j + 1]) j++;
    context.beginPath(); context.arc((i + 0.5) * CELL, (ny - 0.5 - j) * CELL, CELL / 3, 0, 2 * Math.PI);
    context.fillStyle = "#FFFFFF"; context.fill(); context.lineWidth = 3; context.strokeStyle = "#000000"; context.stroke();
  };
})();

"use strict";
/* The tree (SVG, from commit_calc.draw.layout's coordinates) or the payoff table, with the
   chosen equilibrium highlighted: its path thick and solid, its other choices solid, the
   actions it does not take thin and dashed (told apart without colour). */
(function () {
  const X = window.explorer;
  const SCALE = 42; // pixels per centimetre of the layout
  const CHAR = 9; // about the width of a character of a payoff label (16px), in pixels
  const COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]; // Okabe-Ito

  function label(text, x, y, attrs) {
    const a = Object.assign({ x: x, y: y, "text-anchor": "middle" }, attrs || {});
    return X.svg("text", a, text);
  }
  /* The payoff labels under a leaf, as drawn. */
  function payoffTexts(n, at) {
    return n.payoffs.map(function (rf, k) { return X.DATA.players[k] + ": " + X.show(X.evalRat(rf, at)); });
  }
  /* The layout's x coordinates, stretched where neighbouring leaves' payoff labels (``texts``
     per node; about CHAR pixels a character) would run into each other: long names must
     not overlap. */
  function spread(nodes, xs, texts) {
    const leaves = nodes.map(function (n, i) { return i; })
      .filter(function (i) { return nodes[i].kind === "terminal"; })
      .sort(function (a, b) { return xs[a] - xs[b]; });
    const width = leaves.map(function (i) {
      return CHAR * Math.max.apply(null, texts[i].map(function (t) { return t.length; }).concat([1]));
    });
    let factor = 1;
    for (let k = 1; k < leaves.length; k++) {
      const gap = xs[leaves[k]] - xs[leaves[k - 1]], needed = (width[k] + width[k - 1]) / 2 + 14;
      if (gap > 0 && needed > gap) factor = Math.max(factor, needed / gap);
    }
    return xs.map(function (x) { return x * factor; });
  }
  function drawTree(equilibrium, at) {
    const nodes = X.DATA.picture.nodes;
    const texts = nodes.map(function (n) { return n.kind === "terminal" ? payoffTexts(n, at) : []; });
    const xs = spread(nodes, nodes.map(function (n) { return n.x * SCALE; }), texts);
    const ys = nodes.map(function (n) { return -n.y * SCALE; });
    const left = Math.min.apply(null, xs) - 75, right = Math.max.apply(null, xs) + 75;
    const bottom = Math.max.apply(null, ys) + 30 + 22 * X.DATA.players.length;
    const picture = X.svg("svg", { viewBox: [left, -40, right - left, bottom + 40].join(" "),
      width: "100%", style: "max-width:" + (right - left) + "px;min-width:" + Math.min(right - left, 640) + "px",
      role: "img", "aria-labelledby": "picture-title" });
    picture.appendChild(X.svg("title", { id: "picture-title" }, "Game tree with the chosen equilibrium highlighted"));
    const reach = nodes.map(function () { return X.ZERO; });
    reach[0] = X.ONE;
    const players = X.DATA.players;
    nodes.forEach(function (n, i) {
      n.children.forEach(function (c, a) {
        let p = null;
        if (n.kind === "chance") p = X.evalRat(n.probabilities[a], at);
        else if (equilibrium) p = X.evalRat(equilibrium.distributions[n.infoset][a], at);
        if (p !== null) reach[c] = X.mul(reach[i], p);
        const kind = p === null ? "plain" : (X.sgn(p) > 0 ? (X.sgn(reach[i]) > 0 ? "path" : "chosen") : "other");
        picture.appendChild(X.svg("line", { x1: xs[i], y1: ys[i], x2: xs[c], y2: ys[c], "class": "edge " + kind,
          "data-action": n.actions[a] }));
        let text = n.actions[a];
        if (p !== null && (n.kind === "chance" || (X.sgn(p) > 0 && X.cmp(p, X.ONE) < 0))) text += " (" + X.show(p) + ")";
        const mx = (xs[i] + xs[c]) / 2, my = (ys[i] + ys[c]) / 2;
        picture.appendChild(label(text, mx + (xs[c] < xs[i] ? -8 : 8), my - 4,
          { "text-anchor": xs[c] < xs[i] ? "end" : "start", "class": "action " + kind }));
      });
    });
    nodes.forEach(function (n, i) {
      if (n.kind === "terminal") {
        picture.appendChild(X.svg("rect", { x: xs[i] - 5, y: ys[i] - 5, width: 10, height: 10, "class": "leaf" }));
        texts[i].forEach(function (text, k) {
          picture.appendChild(label(text, xs[i], ys[i] + 24 + 20 * k,
            { "class": "payoff", fill: COLOURS[k % COLOURS.length] }));
        });
      } else {
        const colour = n.kind === "chance" ? "#FFFFFF" : COLOURS[players.indexOf(n.player) % COLOURS.length];
        picture.appendChild(X.svg("circle", { cx: xs[i], cy: ys[i], r: 9, fill: colour, "class": "node" }));
        picture.appendChild(label(n.kind === "chance" ? "Chance" : n.player, xs[i], ys[i] - 16, { "class": "mover" }));
      }
    });
    linkInfosets(picture, nodes, xs, ys);
    if (equilibrium && equilibrium.beliefs) {
      equilibrium.beliefs.forEach(function (b) {
        b[4].forEach(function (node, k) {
          picture.appendChild(label("belief " + X.show(X.fromText(b[1][k])) + (b[2] ? " (e.g.)" : ""), xs[node] - 14,
            ys[node] + 22, { "text-anchor": "end", "class": "belief", "data-infoset": String(b[0]) }));
        });
      });
    }
    return picture;
  }
  /* The beliefs of the chosen equilibrium, in words: by Bayes' rule on the path, the
     condition that supports it off the path (and the example belief drawn on the tree). */
  function beliefList(equilibrium) {
    const list = X.el("ul", { id: "beliefs", "class": "beliefs" });
    if (!equilibrium || !equilibrium.beliefs || !equilibrium.beliefs.length) return list;
    const infosets = new Map();
    X.DATA.picture.nodes.forEach(function (n) { if (n.infoset !== null) infosets.set(n.infoset, n.infosetLabel || n.name); });
    equilibrium.beliefs.forEach(function (b) {
      const shares = b[3].map(function (name, k) { return name + " " + X.show(X.fromText(b[1][k])); }).join(", ");
      list.appendChild(X.el("li", { "data-infoset": String(b[0]) }, "Beliefs at " + infosets.get(b[0]) + ": " +
        (b[2] ? b[2] + " (off the path; e.g. " + shares + ")" : shares + " (Bayes' rule)")));
    });
    return list;
  }
  function linkInfosets(picture, nodes, xs, ys) {
    const members = new Map();
    nodes.forEach(function (n, i) {
      if (n.infoset === null) return;
      if (!members.has(n.infoset)) members.set(n.infoset, []);
      members.get(n.infoset).push(i);
    });
    members.forEach(function (list) {
      for (let k = 1; k < list.length; k++) {
        picture.appendChild(X.svg("line", { x1: xs[list[k - 1]], y1: ys[list[k - 1]], x2: xs[list[k]], y2: ys[list[k]],
          "class": "infoset" }));
      }
    });
  }
  function drawTable(equilibrium, at) {
    const table = X.el("table", { "class": "game-table" });
    const strategies = X.DATA.picture.strategies;
    if (strategies.length !== 2) {
      return X.el("p", {}, "The payoff table is drawn for two players; see the payoffs above.");
    }
    table.appendChild(X.el("caption", {}, X.DATA.players[0] + " chooses a row, " + X.DATA.players[1] +
      " a column; cells give their payoffs. \u2605 marks the chosen equilibrium."));
    const head = X.el("tr", {});
    head.appendChild(X.el("th", {}, ""));
    /* a strategy's name, with its probability where the chosen equilibrium mixes */
    function named(player, s, k) {
      if (!equilibrium) return s;
      const p = X.evalRat(equilibrium.distributions[player][k], at);
      return X.sgn(p) > 0 && X.cmp(p, X.ONE) < 0 ? s + " (" + X.show(p) + ")" : s;
    }
    strategies[1].forEach(function (s, c) { head.appendChild(X.el("th", { scope: "col" }, named(1, s, c))); });
    table.appendChild(head);
    const cells = new Map();
    X.DATA.picture.cells.forEach(function (c) { cells.set(c[0][0] + "\u0000" + c[0][1], c[1]); });
    strategies[0].forEach(function (row, r) {
      const tr = X.el("tr", {});
      tr.appendChild(X.el("th", { scope: "row" }, named(0, row, r)));
      strategies[1].forEach(function (column, c) {
        const values = cells.get(r + "\u0000" + c);
        const played = equilibrium && X.sgn(X.evalRat(equilibrium.distributions[0][r], at)) > 0 &&
          X.sgn(X.evalRat(equilibrium.distributions[1][c], at)) > 0;
        const text = values.map(function (rf) { return X.show(X.evalRat(rf, at)); }).join(", ");
        tr.appendChild(X.el("td", played ? { "class": "played" } : {}, (played ? "\u2605 " : "") + text));
      });
      table.appendChild(tr);
    });
    return table;
  }
  /* The picture's view widened to everything drawn in it (long labels are not cut off). */
  function fit(picture) {
    const box = picture.getBBox(), margin = 12;
    if (!box.width) return;
    const view = picture.viewBox.baseVal;
    const left = Math.min(view.x, box.x - margin), top = Math.min(view.y, box.y - margin);
    const right = Math.max(view.x + view.width, box.x + box.width + margin);
    const bottom = Math.max(view.y + view.height, box.y + box.height + margin);
    picture.setAttribute("viewBox", [left, top, right - left, bottom - top].join(" "));
    picture.style.maxWidth = (right - left) + "px";
  }
  window.explorerDraw = function (equilibrium, at) {
    const box = document.getElementById("picture");
    X.clear(box);
    box.appendChild(X.DATA.picture.kind === "tree" ? drawTree(equilibrium, at) : drawTable(equilibrium, at));
    if (X.DATA.picture.kind === "tree") {
      fit(box.querySelector("svg"));
      box.appendChild(beliefList(equilibrium));
    }
  };
})();

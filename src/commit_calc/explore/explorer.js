"use strict";
/* The commit-calc explorer: evaluates the game's compiled exact regions (data in
   #game-data, written by commit_calc.explore) with BigInt fractions. Text from the data only
   ever reaches the page through textContent and setAttribute, never as markup. */
(function () {
  const DATA = JSON.parse(document.getElementById("game-data").textContent);
  const SVGNS = "http://www.w3.org/2000/svg";
  const PARAMS = DATA.params;
  const state = { values: [], selected: 0, cache: [] };

  // ---- exact fractions {n, d} with BigInt, d > 0, in lowest terms ----
  function gcd(a, b) { if (a < 0n) a = -a; if (b < 0n) b = -b; while (b) { [a, b] = [b, a % b]; } return a; }
  function frac(n, d) { if (d < 0n) { n = -n; d = -d; } const g = gcd(n, d) || 1n; return { n: n / g, d: d / g }; }
  const ZERO = { n: 0n, d: 1n }, ONE = { n: 1n, d: 1n };
  function add(a, b) { return frac(a.n * b.d + b.n * a.d, a.d * b.d); }
  function sub(a, b) { return frac(a.n * b.d - b.n * a.d, a.d * b.d); }
  function mul(a, b) { return frac(a.n * b.n, a.d * b.d); }
  function div(a, b) { return frac(a.n * b.d, a.d * b.n); }
  function pow(a, e) { return { n: a.n ** BigInt(e), d: a.d ** BigInt(e) }; }
  function sgn(a) { return a.n > 0n ? 1 : (a.n < 0n ? -1 : 0); }
  function cmp(a, b) { return sgn(sub(a, b)); }
  function fromText(text) {
    const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*(?:\/\s*(\d+))?\s*$/.exec(text);
    if (!m || (m[2] === "" && (m[3] === undefined || m[3] === ""))) return null;
    const digits = m[3] || "";
    let n = BigInt((m[2] || "0") + digits), d = 10n ** BigInt(digits.length);
    if (m[4] !== undefined) { if (BigInt(m[4]) === 0n) return null; d *= BigInt(m[4]); }
    return frac(m[1] === "-" ? -n : n, d);
  }
  function toFloat(a) { return Number(a.n) / Number(a.d); }
  function fromFloat(x) { return fromText(x.toPrecision(12).replace(/e.*$/, "")) || ZERO; }
  function show(a) {
    if (a.d === 1n) return a.n.toString();
    return a.n.toString() + "/" + a.d.toString() + " \u2248 " + Number(toFloat(a).toPrecision(4)).toString();
  }

  // ---- compiled formulas ----
  const COEFFICIENTS = new WeakMap();  // each monomial's coefficient, parsed once
  function coefficient(m) {
    let c = COEFFICIENTS.get(m);
    if (!c) { c = frac(BigInt(m[0]), BigInt(m[1])); COEFFICIENTS.set(m, c); }
    return c;
  }
  function evalPoly(poly, x) {
    let total = ZERO;
    for (const m of poly) {
      let term = coefficient(m);
      m[2].forEach(function (e, i) { if (e) term = mul(term, pow(x[i], e)); });
      total = add(total, term);
    }
    return total;
  }
  function evalRat(rf, x) { return div(evalPoly(rf[0], x), evalPoly(rf[1], x)); }
  function regionAt(x) {
    const signs = DATA.keys.map(function (k) { return sgn(evalPoly(k, x)); });
    for (let r = 0; r < DATA.regions.length; r++) {
      if (DATA.regions[r].terms.some(function (term) {
        return term.every(function (c) { return c[1].indexOf(signs[c[0]]) >= 0; });
      })) return r;
    }
    return -1;
  }
  /* The equilibria (indices) at x, and a note when the grid point shown is not x itself. */
  function equilibriaAt(x) {
    if (DATA.mode === "exact") {
      const r = regionAt(x);
      return r < 0 ? null : { list: DATA.regions[r].equilibria, at: x, note: "" };
    }
    let best = null, bestDistance = Infinity;
    for (const p of DATA.points) {
      const point = p[0].map(fromText);
      let distance = 0;
      point.forEach(function (v, i) {
        const span = toFloat(fromText(PARAMS[i].hi)) - toFloat(fromText(PARAMS[i].lo)) || 1;
        distance += Math.abs(toFloat(sub(v, x[i]))) / span;
        if (cmp(v, x[i]) !== 0) distance += 1e-9;
      });
      if (distance < bestDistance) { best = { list: p[1], at: point }; bestDistance = distance; }
    }
    const exact = best.at.every(function (v, i) { return cmp(v, x[i]) === 0; });
    best.note = exact ? "" : "These values are not on the precomputed grid: shown is the nearest grid point (" +
      PARAMS.map(function (p, i) { return p.name + " = " + show(best.at[i]); }).join(", ") + ").";
    return best;
  }

  // ---- DOM helpers (text only) ----
  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const k in attrs) node.setAttribute(k, attrs[k]);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVGNS, tag);
    for (const k in attrs) node.setAttribute(k, String(attrs[k]));
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  // ---- controls ----
  function buildControls() {
    const box = document.getElementById("controls");
    if (!PARAMS.length) box.appendChild(el("p", {}, "This game has no parameters to vary."));
    PARAMS.forEach(function (p, i) {
      state.values.push(fromText(p.default));
      const row = el("div", { "class": "control" });
      const title = el("label", { "for": "slider-" + i, "class": "name" }, p.name);
      row.appendChild(title);
      const about = [p.meaning, p.unit ? "(" + p.unit + ")" : "", boundsText(p)].filter(Boolean).join(" ");
      if (about) row.appendChild(el("span", { "class": "about", id: "about-" + i }, about));
      const slider = el("input", { type: "range", name: p.name, id: "slider-" + i, min: p.sliderMin, max: p.sliderMax,
        step: p.step, value: String(toFloat(fromText(p.default))) });
      if (about) slider.setAttribute("aria-describedby", "about-" + i);
      const exactLabel = el("label", { "for": "exact-" + i, "class": "visually-hidden" }, "exact value of " + p.name);
      const exact = el("input", { type: "text", id: "exact-" + i, inputmode: "text", autocomplete: "off",
        "data-param": String(i), "data-name": p.name, value: p.default, size: "10" });
      const problem = el("span", { "class": "problem", id: "problem-" + i, role: "status" });
      slider.addEventListener("input", function () {
        state.values[i] = fromText(slider.value);
        exact.value = slider.value; problem.textContent = ""; update();
      });
      function typed() {
        const value = fromText(exact.value);
        const why = value === null ? "not a number: type e.g. 3/4, 0.75 or 12" : outOfBounds(p, value);
        problem.textContent = why || "";
        exact.setAttribute("aria-invalid", why ? "true" : "false");
        if (why) return;
        state.values[i] = value; slider.value = String(toFloat(value)); update();
      }
      exact.addEventListener("change", typed);
      exact.addEventListener("keydown", function (e) { if (e.key === "Enter") typed(); });
      const line = el("div", { "class": "line" });
      [exactLabel, exact, problem].forEach(function (n) { line.appendChild(n); });
      row.insertBefore(line, row.children[1] || null);
      row.insertBefore(slider, line.nextSibling);
      box.appendChild(row);
    });
  }
  function boundsText(p) {
    if (p.min !== null && p.max !== null) return "from " + p.min + " to " + p.max;
    if (p.min !== null) return "at least " + p.min;
    if (p.max !== null) return "at most " + p.max;
    return "";
  }
  function outOfBounds(p, value) {
    if (p.min !== null && cmp(value, fromText(p.min)) < 0) return "below the lower bound " + p.min;
    if (p.max !== null && cmp(value, fromText(p.max)) > 0) return "above the upper bound " + p.max;
    return "";
  }
  function setValue(i, value) {
    state.values[i] = value;
    const text = value.d === 1n ? value.n.toString() : value.n.toString() + "/" + value.d.toString();
    document.getElementById("exact-" + i).value = text;
    document.getElementById("slider-" + i).value = String(toFloat(value));
    document.getElementById("problem-" + i).textContent = "";
    update();
  }

  // ---- the result ----
  function update() {
    const started = performance.now();
    const found = equilibriaAt(state.values);
    const outcome = document.getElementById("outcome");
    clear(outcome);
    document.getElementById("grid-note").textContent = found ? found.note : "";
    if (!found || !found.list.length) {
      outcome.setAttribute("data-count", "0");
      outcome.appendChild(el("li", {}, found ? "no equilibrium found" : "outside the values where the game is defined"));
      state.current = null; drawAll(); window.explorerExplainAt(found); return;
    }
    state.current = found;
    window.explorerExplainAt(found);
    outcome.setAttribute("data-count", String(found.list.length));
    found.list.forEach(function (e) { outcome.appendChild(el("li", {}, DATA.equilibria[e].outcome)); });
    if (state.selected >= found.list.length) state.selected = 0;
    drawAll();
    window.explorerChange(state.values, found);
    window.explorerMap(state.values);
    document.body.setAttribute("data-update-ms", String(performance.now() - started));
  }
  function drawAll() {
    const found = state.current;
    const chooser = document.getElementById("chooser");
    clear(chooser);
    const payoffs = document.getElementById("payoffs");
    clear(payoffs);
    if (found) {
      const head = el("tr", {}); head.appendChild(el("th", { scope: "col" }, "Equilibrium"));
      DATA.players.forEach(function (p) { head.appendChild(el("th", { scope: "col" }, p)); });
      payoffs.appendChild(head);
      found.list.forEach(function (e, k) {
        const row = el("tr", k === state.selected ? { "class": "selected" } : {});
        const cell = el("td", {});
        if (found.list.length > 1) {
          const radio = el("input", { type: "radio", name: "equilibrium", id: "eq-" + k, value: String(k) });
          radio.checked = k === state.selected;
          radio.addEventListener("change", function () { state.selected = k; drawAll(); });
          cell.appendChild(radio);
          const outcome = DATA.equilibria[e].outcome;
          const twins = found.list.filter(function (f) { return DATA.equilibria[f].outcome === outcome; }).length;
          cell.appendChild(el("label", { "for": "eq-" + k }, " " + (k + 1) + ". " + outcome +
            (twins > 1 ? " (the same path as another: they differ off it)" : "")));
        } else cell.textContent = DATA.equilibria[e].outcome;
        row.appendChild(cell);
        DATA.equilibria[e].payoffs.forEach(function (rf) { row.appendChild(el("td", { "class": "num" }, show(evalRat(rf, found.at)))); });
        payoffs.appendChild(row);
      });
      if (found.list.length > 1) chooser.textContent = found.list.length + " equilibria here: choose one to draw it.";
    }
    window.explorerDraw(found ? DATA.equilibria[found.list[state.selected]] : null, found ? found.at : state.values);
  }

  window.explorer = { DATA: DATA, fromText: fromText, coefficient: coefficient, show: show, evalPoly: evalPoly, evalRat: evalRat,
    add: add, sub: sub, mul: mul, div: div, cmp: cmp, sgn: sgn, toFloat: toFloat, fromFloat: fromFloat,
    el: el, svg: svg, clear: clear, setValue: setValue, state: state, equilibriaAt: equilibriaAt, regionAt: regionAt,
    ZERO: ZERO, ONE: ONE };
  window.addEventListener("DOMContentLoaded", function () {
    const started = performance.now();
    document.getElementById("title").textContent = DATA.title;
    document.getElementById("description").textContent = DATA.description;
    const notes = document.getElementById("notes");
    DATA.notes.concat(DATA.mode === "grid" ? ["Computed on a precomputed exact grid (" + DATA.points.length +
      (DATA.points.length === 1 ? " point" : " points") +
      ", each solved exactly), not from closed-form regions: move the controls to grid values."] : [])
      .forEach(function (n) { notes.appendChild(el("li", {}, n)); });
    const fixed = DATA.fixed.map(function (f) { return f[0] + " = " + f[1]; }).join(", ");
    if (fixed) notes.appendChild(el("li", {}, "Fixed: " + fixed));
    if (!DATA.map) document.getElementById("map-section").hidden = true;
    buildControls();
    update();
    document.body.setAttribute("data-render-ms", String(performance.now() - started));
    document.body.setAttribute("data-ready-ms", String(performance.now())); // since navigation
    document.body.setAttribute("data-ready", "true");
  });
})();

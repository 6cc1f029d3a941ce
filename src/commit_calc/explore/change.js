"use strict";
/* "What would change it": for each parameter, with the others at their current values, the
   nearest threshold (a root of a region key along it) in each direction, and the outcome just
   beyond. Roots of keys linear in the parameter are exact; others are found numerically and
   marked as approximate. */
(function () {
  const X = window.explorer;

  /* The key as coefficients of a polynomial in parameter j, the others at x. */
  function along(key, j, x) {
    const coefficients = [];
    for (const m of key) {
      let term = X.coefficient(m);
      m[2].forEach(function (e, i) { if (e && i !== j) term = X.mul(term, { n: x[i].n ** BigInt(e), d: x[i].d ** BigInt(e) }); });
      const degree = m[2][j] || 0;
      while (coefficients.length <= degree) coefficients.push(X.ZERO);
      coefficients[degree] = X.add(coefficients[degree], term);
    }
    while (coefficients.length && X.sgn(coefficients[coefficients.length - 1]) === 0) coefficients.pop();
    return coefficients;
  }
  function roots(coefficients, low, high) {
    if (coefficients.length < 2) return [];
    if (coefficients.length === 2) {
      return [{ value: X.div(X.sub(X.ZERO, coefficients[0]), coefficients[1]), exact: true }];
    }
    const f = function (t) { return coefficients.reduceRight(function (s, c) { return s * t + X.toFloat(c); }, 0); };
    const found = [], steps = 2000;
    let a = low, fa = f(a);
    for (let k = 1; k <= steps; k++) {
      let b = low + (high - low) * k / steps, fb = f(b);
      if (fa === 0) found.push(a);
      else if (fa * fb < 0) {
        let lo = a, hi = b;
        for (let n = 0; n < 80; n++) { const mid = (lo + hi) / 2; if (f(lo) * f(mid) <= 0) hi = mid; else lo = mid; }
        found.push((lo + hi) / 2);
      }
      a = b; fa = fb;
    }
    return found.map(function (t) { return { value: X.fromFloat(t), exact: false }; });
  }
  const MATHML = "http://www.w3.org/1998/Math/MathML";
  const ALLOWED = ["math", "mrow", "mi", "mn", "mo", "mfrac", "msup", "msub", "msubsup", "msqrt",
    "mroot", "mfenced", "mspace", "mtext"];
  /* The threshold formula of key k along parameter j as MathML: parsed as XML and rebuilt
     from allowed MathML elements and text only (no attribute is kept). */
  function formulaNode(k, j) {
    const text = X.DATA.formulas && X.DATA.formulas[k] && X.DATA.formulas[k][j];
    if (!text) return null;
    const parsed = new DOMParser().parseFromString('<math xmlns="' + MATHML + '">' + text + "</math>", "application/xml");
    if (parsed.getElementsByTagName("parsererror").length) return null;
    function copy(node) {
      if (node.nodeType === 3) return document.createTextNode(node.nodeValue);
      if (node.nodeType !== 1 || ALLOWED.indexOf(node.localName) < 0) return null;
      const made = document.createElementNS(MATHML, node.localName);
      node.childNodes.forEach(function (child) { const c = copy(child); if (c) made.appendChild(c); });
      return made;
    }
    return copy(parsed.documentElement);
  }
  function outcomeAt(x, regionAt) {
    const r = regionAt(x);
    if (r < 0) return "outside the game's domain";
    const labels = [];
    X.DATA.regions[r].equilibria.forEach(function (e) {
      if (labels.indexOf(X.DATA.equilibria[e].outcome) < 0) labels.push(X.DATA.equilibria[e].outcome);
    });
    return labels.join("; or ");
  }
  window.explorerChange = function (x, found) {
    const box = document.getElementById("change");
    if (!X.DATA.params.length) {
      X.clear(box);
      box.appendChild(X.el("li", {}, "The game has no parameters: nothing here can change its equilibria."));
      return;
    }
    if (X.DATA.mode !== "exact") { window.explorerGridChange(found); return; }
    const regionAt = X.regionAt;
    X.clear(box);
    X.DATA.params.forEach(function (p, j) {
      const lower = p.min === null ? null : X.fromText(p.min), upper = p.max === null ? null : X.fromText(p.max);
      const lo = X.toFloat(X.fromText(p.lo)), hi = X.toFloat(X.fromText(p.hi)), span = hi - lo;
      const searchLow = lower === null ? lo - 10 * span : X.toFloat(lower);
      const searchHigh = upper === null ? hi + 10 * span : X.toFloat(upper);
      let all = [];
      X.DATA.keys.forEach(function (key, k) {
        all = all.concat(roots(along(key, j, x), searchLow, searchHigh).map(function (r) { r.key = k; return r; }));
      });
      all = all.filter(function (r) {
        return (lower === null || X.cmp(r.value, lower) >= 0) && (upper === null || X.cmp(r.value, upper) <= 0);
      }).sort(function (a, b) { return X.cmp(a.value, b.value); });
      const item = X.el("li", { "data-param": p.name });
      item.appendChild(X.el("strong", {}, p.name + ": "));
      const current = x[j];
      const above = all.filter(function (r) { return X.cmp(r.value, current) > 0; });
      const below = all.filter(function (r) { return X.cmp(r.value, current) < 0; }).reverse();
      if (all.some(function (r) { return X.cmp(r.value, current) === 0; })) {
        // on a threshold now: the first change either way is right here
        const at = all.find(function (r) { return X.cmp(r.value, current) === 0; });
        const here = { value: current, exact: true, here: true, key: at.key };
        if (upper === null || X.cmp(current, upper) < 0) above.unshift(here);
        if (lower === null || X.cmp(current, lower) > 0) below.unshift(here);
      }
      const parts = [describe(p, j, x, changing(j, x, above, upper, 1, regionAt), upper, 1, regionAt),
        describe(p, j, x, changing(j, x, below, lower, -1, regionAt), lower, -1, regionAt)]
        .filter(Boolean);
      if (!parts.length) item.appendChild(document.createTextNode("no threshold within its bounds: changing it alone does not change the equilibria."));
      parts.forEach(function (part) { item.appendChild(part); });
      box.appendChild(item);
    });
  };
  /* The equilibria of the region holding x ("out" outside the domain). */
  function signature(x, regionAt) {
    const r = regionAt(x);
    return r < 0 ? "out" : X.DATA.regions[r].equilibria.slice().sort().join(",");
  }
  /* Where x moves along j, past the root ahead[k]: the value probed just beyond it (half way
     to the next root, else a step past it within the bound), or null where none is left. */
  function probeBeyond(j, x, ahead, k, bound, direction) {
    const threshold = ahead[k].value;
    const next = ahead.slice(k + 1).find(function (r) { return X.cmp(r.value, threshold) !== 0; });
    if (next) return X.div(X.add(threshold, next.value), { n: 2n, d: 1n });
    const distance = X.sub(threshold, x[j]);
    let size = X.sgn(distance) < 0 ? X.sub(X.ZERO, distance) : distance;
    if (X.cmp(size, X.ONE) < 0) size = X.ONE;
    const probe = direction > 0 ? X.add(threshold, size) : X.sub(threshold, size);
    if (bound !== null && X.cmp(probe, bound) * direction > 0) {
      return X.cmp(threshold, bound) === 0 ? null : X.div(X.add(threshold, bound), { n: 2n, d: 1n });
    }
    return probe;
  }
  /* The roots ahead from the first where the equilibria change (exactly at it or just past
     it): a root of a key that bounds only regions elsewhere is no threshold on this line. */
  function changing(j, x, ahead, bound, direction, regionAt) {
    const now = signature(x, regionAt);
    for (let k = 0; k < ahead.length; k++) {
      const at = x.slice(); at[j] = ahead[k].value;
      if (signature(at, regionAt) !== now) return ahead.slice(k);
      const probe = probeBeyond(j, x, ahead, k, bound, direction);
      if (probe === null) continue;
      const beyond = x.slice(); beyond[j] = probe;
      if (signature(beyond, regionAt) !== now) return ahead.slice(k);
    }
    return [];
  }
  function describe(p, j, x, ahead, bound, direction, regionAt) {
    if (!ahead.length) return null;
    const threshold = ahead[0].value;
    const probe = probeBeyond(j, x, ahead, 0, bound, direction);
    const at = x.slice(); at[j] = threshold;
    const part = X.el("div", { "class": "threshold" });
    const word = direction > 0 ? "raise it above " : "lower it below ";
    part.appendChild(document.createTextNode((ahead[0].exact ? "" : "\u2248 ") + word + X.show(threshold) +
      (ahead[0].here ? " (its value now, a threshold)" : "")));
    if (probe !== null) {
      const beyond = x.slice(); beyond[j] = probe;
      const there = outcomeAt(beyond, regionAt);
      part.appendChild(document.createTextNode(": " + there + (there === outcomeAt(x, regionAt) ?
        " (the same outcome: only choices off the path change)" : "") + ". "));
    } else part.appendChild(document.createTextNode(". "));
    part.appendChild(document.createTextNode("Exactly at it: " + outcomeAt(at, regionAt) + ". "));
    if (ahead[0].exact && !ahead[0].here) {
      const go = X.el("button", { type: "button", "class": "go" }, "set " + p.name + " = " + X.show(threshold).split(" ")[0]);
      go.addEventListener("click", function () { X.setValue(j, threshold); });
      part.appendChild(go);
    }
    const formula = formulaNode(ahead[0].key, j);
    if (formula) {
      const line = X.el("div", { "class": "formula" }, "the threshold: " + p.name + " = ");
      line.appendChild(formula);
      part.appendChild(line);
    }
    return part;
  }
})();

"use strict";
/* The step-by-step explanation of the current point, worded as `commit-calc solve --explain`
   words it (commit_calc.explain): its structure and fixed sentence parts come from Python
   (DATA.explain); the numbers are computed here exactly from the equilibria shown. */
(function () {
  const X = window.explorer;
  const PLAN = X.DATA.explain;
  const PLAYERS = X.DATA.players;

  // ---- numbers as commit_calc.explain.words writes them ----
  function exactText(a) { return a.d === 1n ? a.n.toString() : a.n.toString() + "/" + a.d.toString(); }
  function bits(n) { return n < 0n ? (-n).toString(2).length : n.toString(2).length; }
  /* The double nearest to a (as Python's float(Fraction)). */
  function nearest(a) {
    const limit = 2n ** 53n;
    if ((a.n < 0n ? -a.n : a.n) < limit && a.d < limit) return Number(a.n) / Number(a.d);
    const shift = bits(a.n) - bits(a.d) - 64;
    const q = shift >= 0 ? a.n / (a.d << BigInt(shift)) : (a.n << BigInt(-shift)) / a.d;
    return Number(q) * Math.pow(2, shift);
  }
  /* x as Python's f"{x:.6g}": the double's exact value rounded half to even. */
  function general(x, p) {
    if (x === 0) return "0";
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, Math.abs(x));
    const hi = view.getUint32(0), lo = view.getUint32(4), biased = (hi >>> 20) & 0x7ff;
    let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo), e2 = -1074;
    if (biased) { mantissa |= 1n << 52n; e2 = biased - 1075; }
    const num = e2 >= 0 ? mantissa << BigInt(e2) : mantissa, den = e2 >= 0 ? 1n : 1n << BigInt(-e2);
    const top = 10n ** BigInt(p);
    let e = Math.floor(Math.log10(Math.abs(x)));
    function scaled(e) {
      const k = p - 1 - e;
      return k >= 0 ? [num * 10n ** BigInt(k), den] : [num, den * 10n ** BigInt(-k)];
    }
    let [n, d] = scaled(e);
    if (n < (top / 10n) * d) { e -= 1; [n, d] = scaled(e); } else if (n >= top * d) { e += 1; [n, d] = scaled(e); }
    let q = n / d;
    const r = n % d;
    if (2n * r > d || (2n * r === d && q % 2n === 1n)) q += 1n;
    if (q === top) { q /= 10n; e += 1; }
    const digits = q.toString();
    function trim(s) { return s.indexOf(".") < 0 ? s : s.replace(/0+$/, "").replace(/\.$/, ""); }
    let text;
    if (e >= -4 && e < p) {
      text = e >= 0 ? trim(digits.slice(0, e + 1) + "." + digits.slice(e + 1)) : trim("0." + "0".repeat(-e - 1) + digits);
    } else {
      const exponent = Math.abs(e) < 10 ? "0" + Math.abs(e) : String(Math.abs(e));
      text = trim(digits[0] + "." + digits.slice(1)) + "e" + (e < 0 ? "-" : "+") + exponent;
    }
    return (x < 0 ? "-" : "") + text;
  }
  function number(a) { const t = exactText(a); return a.d === 1n ? t : t + " (" + general(nearest(a), 6) + ")"; }
  function factor(a) { const t = exactText(a); return t[0] === "-" || t.indexOf("/") >= 0 ? "(" + t + ")" : t; }
  function listing(labels) {
    if (labels.length <= 1) return labels.join("");
    return labels.slice(0, -1).join(", ") + " and " + labels[labels.length - 1];
  }
  function vector(values) { return PLAYERS.map(function (p, k) { return p + " " + number(values[k]); }).join(", "); }
  function zero(a) { return X.sgn(a) === 0; }
  function sum(list) { return list.reduce(function (s, v) { return X.add(s, v); }, X.ZERO); }

  // ---- trees: backward induction (commit_calc.explain.tree) ----
  const NODES = X.DATA.picture.nodes || [];
  const PARENT = NODES.map(function () { return -1; });
  NODES.forEach(function (n, i) { n.children.forEach(function (c) { PARENT[c] = i; }); });
  function path(i) {
    const actions = [];
    while (PARENT[i] >= 0) { const p = NODES[PARENT[i]]; actions.unshift(p.actions[p.children.indexOf(i)]); i = PARENT[i]; }
    return actions;
  }
  function moves(n, i, equilibrium, at) {
    return n.kind === "chance" ? n.probabilities.map(function (rf) { return X.evalRat(rf, at); })
      : equilibrium.distributions[n.infoset].map(function (rf) { return X.evalRat(rf, at); });
  }
  /* Every player's expected payoff from each node on (explain.tree.node_values). */
  function nodeValues(equilibrium, at) {
    const values = NODES.map(function () { return null; });
    for (let i = NODES.length - 1; i >= 0; i--) {
      const n = NODES[i];
      if (n.kind === "terminal") { values[i] = n.payoffs.map(function (rf) { return X.evalRat(rf, at); }); continue; }
      const weights = moves(n, i, equilibrium, at);
      values[i] = PLAYERS.map(function (_, k) {
        return sum(n.children.filter(function (c, a) { return !zero(weights[a]); })
          .map(function (c) { return X.mul(weights[n.children.indexOf(c)], values[c][k]); }));
      });
    }
    return values;
  }
  function situations(n, values) {
    const found = new Map();
    values.forEach(function (perNode, k) {
      const key = n.children.map(function (c) { return perNode[c].map(exactText).join(","); }).join(";");
      if (!found.has(key)) found.set(key, { children: n.children.map(function (c) { return perNode[c]; }), numbers: [] });
      found.get(key).numbers.push(String(k + 1));
    });
    return Array.from(found.values());
  }
  function prefix(all, numbers) {
    if (all.length === 1) return "";
    return "In " + (numbers.length === 1 ? "equilibrium" : "equilibria") + " " + listing(numbers) + ": ";
  }
  function decisionSteps(step, values) {
    const n = NODES[step.node], mover = PLAYERS.indexOf(n.player), all = situations(n, values);
    return all.map(function (s) {
      const own = s.children.map(function (v) { return v[mover]; });
      const best = own.reduce(function (m, v) { return X.cmp(v, m) > 0 ? v : m; });
      const chosen = n.actions.filter(function (a, k) { return X.cmp(own[k], best) === 0; });
      let text = prefix(all, s.numbers) + "At '" + n.name + "' (" + step.where + ") " + n.player + " moves; payoffs to " +
        n.player + ": " + n.actions.map(function (a, k) { return a + " " + number(own[k]); }).join(", ") + ". ";
      if (chosen.length === 1) text += "Choice: " + chosen[0] + ".";
      else {
        const kept = chosen.length === 2 ? "both" : "all";
        text += "Tie: " + n.player + " is indifferent between " + listing(chosen) + " (" + kept + " give " + number(best) +
          "): " + kept + " kept, giving several subgame-perfect equilibria.";
      }
      return text;
    });
  }
  function chanceSteps(step, values, at) {
    const n = NODES[step.node], all = situations(n, values);
    const weights = n.probabilities.map(function (rf) { return X.evalRat(rf, at); });
    const said = n.actions.map(function (a, k) { return a + " with probability " + exactText(weights[k]); }).join(", ");
    return all.map(function (s) {
      const sums = PLAYERS.map(function (p, k) {
        const total = sum(weights.map(function (w, c) { return X.mul(w, s.children[c][k]); }));
        return p + " " + weights.map(function (w, c) { return exactText(w) + " \u00d7 " + factor(s.children[c][k]); }).join(" + ") +
          " = " + number(total);
      });
      return prefix(all, s.numbers) + "At '" + n.name + "' (" + step.where + ") chance moves: " + said +
        ". Expected payoffs: " + sums.join("; ") + ".";
    });
  }
  function distributionText(actions, distribution) {
    const played = actions.map(function (a, k) { return [a, distribution[k]]; }).filter(function (p) { return !zero(p[1]); });
    if (played.length === 1) return played[0][0];
    return played.map(function (p) { return p[0] + " " + exactText(p[1]); }).join(", ");
  }
  function subgameStep(step, equilibria, values, at) {
    const distinct = new Map();
    equilibria.forEach(function (e, k) {
      const choice = step.sets.map(function (s) { return e.distributions[s[0]].map(function (rf) { return X.evalRat(rf, at); }); });
      const key = choice.map(function (d) { return d.map(exactText).join(","); }).join(";");
      if (!distinct.has(key)) distinct.set(key, { choice: choice, payoffs: values[k][step.node] });
    });
    const described = Array.from(distinct.values()).map(function (found) {
      return step.sets.map(function (s, k) { return s[1] + " at " + s[2] + ": " + distributionText(s[3], found.choice[k]); })
        .join("; ") + " (payoffs " + vector(found.payoffs) + ")";
    });
    return step.head + described.join(" | ") + ".";
  }
  function outcomesText(equilibrium, at) {
    const found = [];
    (function walk(i, probability) {
      const n = NODES[i];
      if (n.kind === "terminal") { found.push([path(i), probability]); return; }
      const weights = moves(n, i, equilibrium, at);
      n.children.forEach(function (c, a) { if (!zero(weights[a])) walk(c, X.mul(probability, weights[a])); });
    })(0, X.ONE);
    if (found.length === 1) return found[0][0].join(" > ") || "nothing (the root is terminal)";
    return found.map(function (o) { return o[0].join(" > ") + " (probability " + exactText(o[1]) + ")"; }).join(", ");
  }
  function resultSteps(equilibria, at) {
    const count = equilibria.length;
    if (!count) return [];
    const kind = X.DATA.concept === "spe" ? "subgame-perfect equilibri" : "Nash equilibri";
    const parts = equilibria.map(function (e, k) {
      return (count > 1 ? "(" + (k + 1) + ") " : "") + "play " + outcomesText(e, at) + ", payoffs " +
        vector(e.payoffs.map(function (rf) { return X.evalRat(rf, at); }));
    });
    return [(count === 1 ? "So there is one " + kind + "um: " : "So there are " + count + " " + kind + "a: ") + parts.join("; ") + "."];
  }
  function treeSteps(equilibria, at) {
    if (X.DATA.concept !== "spe" || !equilibria.length) {
      const note = (equilibria.length ? PLAN.nashNote : PLAN.noneNote).split("{method}").join(X.DATA.method);
      return [note].concat(resultSteps(equilibria, at));
    }
    const values = equilibria.map(function (e) { return nodeValues(e, at); });
    let steps = [];
    PLAN.steps.forEach(function (step) {
      if (step.kind === "decision") steps = steps.concat(decisionSteps(step, values));
      else if (step.kind === "chance") steps = steps.concat(chanceSteps(step, values, at));
      else steps.push(subgameStep(step, equilibria, values, at));
    });
    return steps.concat(resultSteps(equilibria, at));
  }

  window.explorerExplain = { treeSteps: treeSteps, listing: listing, number: number, factor: factor,
    exactText: exactText, vector: vector, zero: zero, sum: sum };
})();

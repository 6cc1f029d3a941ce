"use strict";
/* The explanation for a payoff table (commit_calc.explain.table): each player's best response
   or indifference, with the indifference equation solved exactly, then the section on the page
   that shows the explanation of the current point. */
(function () {
  const X = window.explorer, W = window.explorerExplain;
  const PLAYERS = X.DATA.players;

  function cellsAt(at) {
    const cells = new Map();
    X.DATA.picture.cells.forEach(function (c) {
      cells.set(c[0].join(","), c[1].map(function (rf) { return X.evalRat(rf, at); }));
    });
    return cells;
  }
  function product(lists) {
    return lists.reduce(function (acc, list) {
      const out = [];
      acc.forEach(function (prefix) { list.forEach(function (s) { out.push(prefix.concat([s])); }); });
      return out;
    }, [[]]);
  }
  /* The player's expected payoff from each of its pure strategies against the others' mixes. */
  function expected(cells, mix, support, player) {
    const others = PLAYERS.map(function (_, k) { return k; }).filter(function (k) { return k !== player; });
    return X.DATA.picture.strategies[player].map(function (_, own) {
      return W.sum(product(others.map(function (k) { return support[k]; })).map(function (combination) {
        const index = PLAYERS.map(function () { return 0; });
        index[player] = own;
        let weight = X.ONE;
        others.forEach(function (k, i) { index[k] = combination[i]; weight = X.mul(weight, mix[k][combination[i]]); });
        return X.mul(weight, cells.get(index.join(","))[player]);
      }));
    });
  }
  function othersText(mix, support, player) {
    const parts = [];
    PLAYERS.forEach(function (name, k) {
      if (k === player) return;
      const labels = X.DATA.picture.strategies[k];
      if (support[k].length === 1) parts.push(name + "'s " + labels[support[k][0]]);
      else parts.push(name + "'s mix (" + support[k].map(function (s) { return labels[s] + " " + W.exactText(mix[k][s]); }).join(", ") + ")");
    });
    return W.listing(parts);
  }
  /* The unique solution of the linear equations rows (each [coefficients..., constant],
     meaning sum c_i u_i = constant), or null (none, or not unique). */
  function solveLinear(rows, unknowns) {
    const m = rows.map(function (r) { return r.slice(); });
    let rank = 0;
    const pivots = [];
    for (let col = 0; col < unknowns && rank < m.length; col++) {
      const r = m.findIndex(function (row, i) { return i >= rank && !W.zero(row[col]); });
      if (r < 0) continue;
      [m[rank], m[r]] = [m[r], m[rank]];
      const pivot = m[rank][col];
      m[rank] = m[rank].map(function (v) { return X.div(v, pivot); });
      m.forEach(function (row, i) {
        if (i === rank || W.zero(row[col])) return;
        const f = row[col];
        m[i] = row.map(function (v, j) { return X.sub(v, X.mul(f, m[rank][j])); });
      });
      pivots.push(col); rank++;
    }
    if (m.some(function (row, i) { return i >= rank && !W.zero(row[unknowns]); })) return null;
    if (rank < unknowns) return null;
    const solution = [];
    pivots.forEach(function (col, i) { solution[col] = m[i][unknowns]; });
    return solution;
  }
  function equation(cells, mix, support, player) {
    if (PLAYERS.length !== 2) return null;
    const opponent = 1 - player, mixed = support[opponent];
    if (mixed.length < 2) return null;
    const letter = opponent === 0 ? "p" : "q";
    const names = mixed.length === 2 ? [letter] : mixed.slice(1).map(function (_, k) { return letter + (k + 1); });
    const texts = names.concat(["(1 - " + names.join(" - ") + ")"]);
    const sidesText = [], sides = [];
    support[player].forEach(function (own) {
      const coefficients = mixed.map(function (t) { return cells.get((player === 0 ? [own, t] : [t, own]).join(","))[player]; });
      sidesText.push(coefficients.map(function (c, i) { return W.factor(c) + texts[i]; }).join(" + "));
      const last = coefficients[coefficients.length - 1];
      sides.push(coefficients.slice(0, -1).map(function (c) { return X.sub(c, last); }).concat([last]));
    });
    // side_j = side_0:  sum (a_ji - a_0i) u_i = b_0 - b_j
    const rows = sides.slice(1).map(function (side) {
      return side.slice(0, -1).map(function (a, i) { return X.sub(a, sides[0][i]); })
        .concat([X.sub(sides[0][names.length], side[names.length])]);
    });
    const labels = X.DATA.picture.strategies[opponent];
    const meaning = W.listing(names.map(function (n, i) { return n + " = P(" + labels[mixed[i]] + ")"; }));
    const text = sidesText.join(" = ");
    const actual = names.map(function (_, i) { return mix[opponent][mixed[i]]; });
    const solution = solveLinear(rows, names.length);
    if (solution && solution.every(function (v, i) { return X.cmp(v, actual[i]) === 0; })) {
      return text + " -> " + names.map(function (n, i) { return n + " = " + W.exactText(solution[i]); }).join(", ") +
        " (with " + meaning + ")";
    }
    return text + ", which holds at this equilibrium's " + names.map(function (n, i) { return n + " = " + W.exactText(actual[i]); })
      .join(", ") + " (with " + meaning + "; the conditions alone do not fix the probabilities)";
  }
  function playerStep(cells, mix, support, player, label) {
    const name = PLAYERS[player], labels = X.DATA.picture.strategies[player];
    const values = expected(cells, mix, support, player);
    const own = support[player], value = values[own[0]];
    const played = own.map(function (s) { return labels[s]; });
    const against = othersText(mix, support, player);
    const rest = labels.map(function (_, s) { return s; }).filter(function (s) { return own.indexOf(s) < 0; });
    const others = rest.length ? " Its other strategies do no better: " +
      rest.map(function (s) { return labels[s] + " gives " + W.number(values[s]); }).join(", ") + "." : "";
    if (own.length === 1) {
      return label + name + " plays " + played[0] + ": against " + against + " it gives " + W.number(value) + "." +
        (others || " It has no other strategy.") + " So " + played[0] + " is a best response.";
    }
    const said = equation(cells, mix, support, player);
    if (said === null) {
      return label + name + " mixes " + W.listing(played) + ": against " + against + " each gives " + W.number(value) +
        ", so " + name + " is indifferent among them and any mix of them is a best response." + others;
    }
    return label + PLAYERS[1 - player] + " mixes so that " + name + " is indifferent between " + W.listing(played) + ": " +
      said + ". Each then gives " + name + " " + W.number(value) + ", so " + name + "'s mix is a best response." + others;
  }
  function tableSteps(equilibria, at) {
    const cells = cellsAt(at), steps = [];
    equilibria.forEach(function (e, k) {
      const mix = e.distributions.map(function (d) { return d.map(function (rf) { return X.evalRat(rf, at); }); });
      const support = mix.map(function (d) { return d.map(function (_, s) { return s; }).filter(function (s) { return !W.zero(d[s]); }); });
      const label = equilibria.length > 1 ? "Equilibrium " + (k + 1) + ": " : "";
      PLAYERS.forEach(function (_, player) { steps.push(playerStep(cells, mix, support, player, label)); });
      steps.push(label + "No player gains by deviating, so this is a Nash equilibrium with payoffs " +
        W.vector(e.payoffs.map(function (rf) { return X.evalRat(rf, at); })) + ".");
    });
    if (!equilibria.length) steps.push("No equilibrium was found (" + X.DATA.method + ").");
    return steps;
  }

  /* The explanation section: the steps for the equilibria at the point shown. */
  window.explorerExplainAt = function (found) {
    const box = document.getElementById("explanation");
    const note = document.getElementById("explanation-note");
    X.clear(box);
    note.textContent = "";
    if (X.DATA.concept === "pbe" || X.DATA.concept === "sequential") {
      note.textContent = "The step-by-step explanation covers subgame-perfect and Nash equilibria (as " +
        "commit-calc solve --explain); the beliefs of these equilibria are written on the tree.";
      return;
    }
    if (!found) return;
    const equilibria = found.list.map(function (e) { return X.DATA.equilibria[e]; });
    const steps = X.DATA.explain.kind === "table" ? tableSteps(equilibria, found.at) : W.treeSteps(equilibria, found.at);
    if (found.note) note.textContent = "At the grid point shown above.";
    steps.forEach(function (s) { box.appendChild(X.el("li", {}, s)); });
  };
})();

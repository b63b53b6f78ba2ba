/* portraits — browser-side behaviour of the generated site: territory search (header box and
 * results page), comparison of territories, map explorer (curtain / side by side).
 * Works from any static host and from disk (file://): no fetch, no XHR; data files are scripts
 * loaded with <script src>. Plain ES2019, no dependency. */
(function () {
  "use strict";

  var doc = document;
  var body = doc.body;
  // Relative path from the page to the site root, written by the generator on <body>.
  var ROOT = (body && body.getAttribute("data-root")) || "";
  if (!ROOT) {
    var rootHolder = doc.querySelector("[data-root]");
    ROOT = (rootHolder && rootHolder.getAttribute("data-root")) || "";
  }

  var MAX_SUGGESTIONS = 8;
  var LEVEL_RANK = { region: 0, departement: 1, epci: 2, scot: 3, commune: 4 };
  // Four colours for the compared territories: AA contrast on white (>= 4.5:1), distinct in
  // lightness and hue (also for the common colour-vision deficiencies).
  var PALETTE = ["#000091", "#b34000", "#00736e", "#8e1c6e"];
  var NBSP = "\u00a0";
  var NNBSP = "\u202f";
  var SVG_NS = "http://www.w3.org/2000/svg";
  var collator = new Intl.Collator("fr", { sensitivity: "base", numeric: true });

  // ---------------------------------------------------------------------------------------------
  // Small DOM helpers

  function el(tag, attrs) {
    var node = doc.createElement(tag);
    setAttrs(node, attrs);
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function svgEl(tag, attrs) {
    var node = doc.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function setAttrs(node, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") node.textContent = v;
      else node.setAttribute(k, v === true ? "" : String(v));
    });
  }

  function append(node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
    node.appendChild(typeof child === "string" ? doc.createTextNode(child) : child);
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function plural(n, one, many) { return n === 1 ? one : many; }

  // A polite live region, visually hidden; repeated messages are re-announced.
  function liveRegion(parent) {
    var p = el("p", { "class": "visually-hidden", "aria-live": "polite" });
    parent.appendChild(p);
    var timer = 0;
    return function announce(text, delay) {
      clearTimeout(timer);
      timer = setTimeout(function () {
        p.textContent = p.textContent === text ? text + NBSP : text;
      }, delay === undefined ? 350 : delay);
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Script loading (the only way to read data under file://)

  var scripts = {};

  function loadScript(src) {
    if (!scripts[src]) {
      scripts[src] = new Promise(function (resolve, reject) {
        var s = doc.createElement("script");
        s.src = src;
        s.async = true;
        s.onload = function () { resolve(); };
        s.onerror = function () {
          delete scripts[src];
          if (s.parentNode) s.parentNode.removeChild(s);
          reject(new Error("introuvable : " + src));
        };
        doc.head.appendChild(s);
      });
    }
    return scripts[src];
  }

  // ---------------------------------------------------------------------------------------------
  // Numbers, French style: decimal comma, U+202F between thousands, U+2212 minus, half away from zero.

  function formatNumber(v, decimals) {
    if (typeof v !== "number" || !isFinite(v)) return "—";
    var d = Math.max(0, Math.min(6, decimals | 0));
    var scale = Math.pow(10, d);
    var n = Math.round(Math.abs(v) * scale);
    var negative = v < 0 && n !== 0;
    var intPart = Math.floor(n / scale);
    var frac = n - intPart * scale;
    var s = String(intPart).replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
    if (d > 0) s += "," + String(frac).padStart(d, "0");
    return (negative ? "\u2212" : "") + s;
  }

  function formatValue(v, decimals, unit) {
    var s = formatNumber(v, decimals);
    return s === "—" || !unit ? s : s + NBSP + unit;
  }

  function isNum(v) { return typeof v === "number" && isFinite(v); }

  // Black or white, whichever contrasts more with a "#rrggbb" background (WCAG relative luminance).
  function textOn(hex) {
    var m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(String(hex).trim());
    if (!m) return "#000";
    var lum = [m[1], m[2], m[3]].map(function (h) {
      var c = parseInt(h, 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    var L = 0.2126 * lum[0] + 0.7152 * lum[1] + 0.0722 * lum[2];
    return (L + 0.05) / 0.05 >= 1.05 / (L + 0.05) ? "#000" : "#fff";
  }

  // ---------------------------------------------------------------------------------------------
  // Search: normalisation, index, matching, ranking

  // Words of a text without accents, case or punctuation ("Saint-Dié" -> ["saint", "die"]).
  function baseWords(s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/ß/g, "ss")
      .split(/[^a-z0-9]+/).filter(Boolean);
  }

  var SAINT = { st: "saint", ste: "sainte", sts: "saints", stes: "saintes" };

  function expandWord(w) { return SAINT[w] || w; }

  function normalize(s) { return baseWords(s).map(expandWord).join(" "); }

  var indexPromise = null;

  function loadIndex() {
    if (!indexPromise) {
      var ready = window.PORTRAITS_SEARCH ? Promise.resolve() : loadScript(ROOT + "donnees/recherche.js");
      indexPromise = ready.then(function () {
        var data = window.PORTRAITS_SEARCH;
        if (!data || !Array.isArray(data.items)) throw new Error("index de recherche invalide");
        return prepareIndex(data);
      });
      indexPromise.catch(function () { indexPromise = null; });
    }
    return indexPromise;
  }

  function prepareIndex(data) {
    var levels = data.levels || {};
    var order = Object.keys(levels);
    var rank = function (level) {
      if (Object.prototype.hasOwnProperty.call(LEVEL_RANK, level)) return LEVEL_RANK[level];
      var i = order.indexOf(level);
      return 10 + (i < 0 ? order.length : i);
    };
    var byId = new Map();
    var items = data.items.map(function (r) {
      var norm = normalize(r[0]);
      var item = {
        name: String(r[0]), level: String(r[1]), code: String(r[2]), path: String(r[3] || ""),
        context: String(r[4] || ""), postal: String(r[5] || "").split(/\s+/).filter(Boolean),
        norm: norm, words: norm.split(" "), compact: norm.replace(/ /g, ""),
        plain: baseWords(r[0]).join(" "), rank: rank(String(r[1]))
      };
      item.id = item.level + "-" + item.code;
      byId.set(item.id, item);
      return item;
    });
    return {
      items: items, byId: byId, levels: levels,
      label: function (level) { return levels[level] || level; },
      levelOrder: function (a, b) { return rank(a) - rank(b); }
    };
  }

  function parseQuery(text) {
    var raw = baseWords(text);
    if (!raw.length) return null;
    var words = raw.map(function (w) {
      var alts = SAINT[w] ? [SAINT[w], w] : [w];
      return { text: w, digits: /^\d+$/.test(w), alts: alts };
    });
    var expanded = raw.map(expandWord).join(" ");
    return {
      words: words,
      digitsOnly: words.every(function (w) { return w.digits; }),
      digits: raw.join(""),
      norm: expanded,
      prefixes: [expanded, raw.join(" ")],
      compacts: [expanded.replace(/ /g, ""), raw.join("")]
    };
  }

  // A match of one item, or null: {item, tier, postal}. Tier: 0 exact, 1 starts with, 2 other.
  function matchItem(item, q) {
    var postal = null;
    var byCode = false;
    var ok = q.words.every(function (w) {
      if (w.digits) {
        if (item.code.indexOf(w.text) === 0) { byCode = true; return true; }
        for (var i = 0; i < item.postal.length; i++) {
          if (item.postal[i].indexOf(w.text) === 0) { postal = postal || item.postal[i]; return true; }
        }
      }
      return w.alts.some(function (a) {
        return item.words.some(function (x) { return x.indexOf(a) === 0; });
      });
    });
    if (!ok && !q.digitsOnly) {
      // "lhopital" for "L'Hôpital", "saintdie" for "Saint-Dié".
      ok = q.compacts.some(function (c) { return c.length >= 3 && item.compact.indexOf(c) === 0; });
    }
    if (!ok) return null;
    var tier;
    if (q.digitsOnly) {
      tier = item.code === q.digits || (postal && postal === q.digits) ? 0 : 1;
      if (byCode) postal = null;
    } else if (item.norm === q.norm || item.plain === q.prefixes[1]) {
      tier = 0;
    } else if (q.prefixes.some(function (p) { return item.norm.indexOf(p) === 0 || item.plain.indexOf(p) === 0; })
               || q.compacts.some(function (c) { return item.compact.indexOf(c) === 0; })) {
      tier = 1;
    } else {
      tier = 2;
    }
    return { item: item, tier: tier, postal: postal };
  }

  function compareMatches(a, b) {
    return a.tier - b.tier || a.item.rank - b.item.rank
      || collator.compare(a.item.name, b.item.name) || (a.item.code < b.item.code ? -1 : a.item.code > b.item.code ? 1 : 0);
  }

  function search(index, text) {
    var q = parseQuery(text);
    if (!q) return [];
    var out = [];
    for (var i = 0; i < index.items.length; i++) {
      var m = matchItem(index.items[i], q);
      if (m) out.push(m);
    }
    out.sort(compareMatches);
    return out;
  }

  function matchContext(m) {
    var parts = [];
    if (m.postal) parts.push("code postal " + m.postal);
    if (m.item.context) parts.push(m.item.context);
    return parts.join(" · ");
  }

  function countText(n) {
    return n === 0 ? "Aucun territoire trouvé"
      : formatNumber(n, 0) + " " + plural(n, "territoire trouvé", "territoires trouvés");
  }

  function pluralLabel(label) {
    // "Commune" -> "Communes"; acronyms (EPCI, SCoT) do not change.
    return /[a-zà-ÿ]$/.test(label) ? label + "s" : label;
  }

  // ---------------------------------------------------------------------------------------------
  // Combobox (ARIA 1.2 pattern, list autocomplete): header search and compare picker.
  // options.mode "link": each option is a link to the portrait; "pick": choosing calls onPick(item).

  var comboCount = 0;

  function Combobox(input, list, container, options) {
    var self = this;
    comboCount++;
    this.input = input;
    this.list = list;
    this.container = container;
    this.opts = options;
    this.index = null;
    this.matches = [];
    this.shown = [];
    this.active = -1;
    this.prefix = (list.id || "suggestions-" + comboCount) + "-option-";
    this.announce = liveRegion(container);

    // A text input rather than type=search: the list replaces the browser's own suggestions, and
    // axe-core 3.x (scripts/a11y_check.py) rejects autocomplete=off and role=combobox on type=search.
    if (input.getAttribute("type") === "search") input.setAttribute("type", "text");
    input.setAttribute("enterkeyhint", "search");
    input.setAttribute("autocomplete", "off");
    input.setAttribute("spellcheck", "false");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-autocomplete", "list");
    if (list.id) input.setAttribute("aria-controls", list.id);

    var ensure = function () {
      if (self.index) return;
      loadIndex().then(function (idx) {
        self.index = idx;
        if (doc.activeElement === input && input.value.trim()) self.update(true);
      }, function () {
        self.announce("La recherche est indisponible : index des territoires introuvable.", 0);
      });
    };
    input.addEventListener("focus", function () {
      ensure();
      if (self.index && input.value.trim()) self.update(false);
    });
    input.addEventListener("input", function () { ensure(); self.update(true); });
    input.addEventListener("keydown", function (e) { self.onKey(e); });
    container.addEventListener("focusout", function (e) {
      if (!e.relatedTarget || !container.contains(e.relatedTarget)) self.close();
    });
    // Keep the focus in the input when an option is pressed; the click then follows or picks it.
    list.addEventListener("mousedown", function (e) { e.preventDefault(); });
    list.addEventListener("click", function (e) {
      var li = e.target.closest ? e.target.closest("[role=option]") : null;
      if (!li || li.getAttribute("aria-disabled") === "true") return;
      var i = Number(li.getAttribute("data-index"));
      if (self.opts.mode === "pick") { e.preventDefault(); self.choose(i); }
      // link mode: the browser follows the link.
    });
  }

  Combobox.prototype.results = function () {
    var exclude = this.opts.exclude;
    return exclude ? this.matches.filter(function (m) { return !exclude(m.item); }) : this.matches;
  };

  Combobox.prototype.update = function (speak) {
    var text = this.input.value;
    if (!this.index) return;
    if (!text.trim()) { this.matches = []; this.close(); return; }
    this.matches = search(this.index, text);
    var results = this.results();
    this.render(results);
    if (speak) this.announce(countText(results.length));
  };

  Combobox.prototype.render = function (results) {
    var self = this;
    var list = this.list;
    clear(list);
    this.shown = results.slice(0, MAX_SUGGESTIONS);
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    var blocked = this.opts.blocked ? this.opts.blocked() : null;
    if (blocked) this.shown = [];
    if (!this.shown.length) {
      list.appendChild(el("li", { "class": "suggestion-empty", role: "option", "aria-disabled": "true", "aria-selected": "false",
        id: this.prefix + "aucun", text: blocked || "Aucun territoire trouvé" }));
    }
    this.shown.forEach(function (m, i) {
      var item = m.item;
      var inner = [
        el("span", { "class": "s-name", text: item.name }), " ",
        el("span", { "class": "s-level", text: self.index.label(item.level) + " " + item.code }), " ",
        el("span", { "class": "s-context", text: matchContext(m) })
      ];
      var content = self.opts.mode === "link"
        ? el("a", { href: ROOT + item.path, tabindex: "-1" }, inner)
        : el("span", { "class": "s-pick" }, inner);
      list.appendChild(el("li", { role: "option", id: self.prefix + i, "data-index": i, "aria-selected": "false" }, content));
    });
    this.open();
  };

  Combobox.prototype.open = function () {
    this.list.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  };

  Combobox.prototype.close = function () {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  };

  Combobox.prototype.isOpen = function () { return !this.list.hidden; };

  Combobox.prototype.setActive = function (i) {
    var options = this.list.querySelectorAll("[role=option]");
    this.active = i;
    for (var k = 0; k < options.length; k++) {
      var on = k === i;
      options[k].setAttribute("aria-selected", on ? "true" : "false");
      options[k].classList.toggle("is-active", on);
    }
    if (i >= 0 && options[i]) {
      this.input.setAttribute("aria-activedescendant", options[i].id);
      if (options[i].scrollIntoView) options[i].scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  };

  Combobox.prototype.onKey = function (e) {
    var n = this.shown.length;
    switch (e.key) {
      case "ArrowDown":
      case "Down":
        if (!this.index) return;
        e.preventDefault();
        if (!this.isOpen()) {
          if (!this.input.value.trim()) return;
          this.update(false);
          if (this.shown.length) this.setActive(0);
          return;
        }
        if (n) this.setActive(this.active + 1 >= n ? 0 : this.active + 1);
        break;
      case "ArrowUp":
      case "Up":
        if (!this.isOpen() || !n) return;
        e.preventDefault();
        this.setActive(this.active <= 0 ? n - 1 : this.active - 1);
        break;
      case "Enter":
        if (this.isOpen() && this.active >= 0 && this.active < n) {
          e.preventDefault();
          this.choose(this.active);
        } else if (this.opts.mode === "pick") {
          e.preventDefault();
          if (this.isOpen() && n) this.choose(0);
        }
        // link mode without an active option: the form is submitted to the results page.
        break;
      case "Escape":
      case "Esc":
        if (this.isOpen()) { e.preventDefault(); this.close(); }
        break;
      case "Home":
      case "End":
        break;
      default:
    }
  };

  Combobox.prototype.choose = function (i) {
    var m = this.shown[i];
    if (!m) return;
    if (this.opts.mode === "link") {
      var a = this.list.querySelector("#" + cssEscape(this.prefix + i) + " a");
      window.location.assign(a ? a.href : ROOT + m.item.path);
      return;
    }
    this.close();
    this.input.value = "";
    this.matches = [];
    if (this.opts.onPick) this.opts.onPick(m.item);
  };

  function cssEscape(s) {
    return window.CSS && CSS.escape ? CSS.escape(s) : String(s).replace(/[^a-zA-Z0-9_-]/g, "\\$&");
  }

  // ---------------------------------------------------------------------------------------------
  // Header search box

  function initHeaderSearch() {
    var input = doc.getElementById("recherche-q");
    var list = doc.getElementById("recherche-suggestions");
    if (!input || !list) return;
    var form = input.form || input.closest("form") || input.parentNode;
    new Combobox(input, list, form, { mode: "link" });
  }

  // ---------------------------------------------------------------------------------------------
  // Results page (recherche.html?q=…)

  function initResultsPage(page) {
    var q = "";
    try { q = (new URLSearchParams(window.location.search).get("q") || "").trim(); } catch (e) { q = ""; }
    var input = doc.getElementById("recherche-q");
    if (input && q) input.value = q;
    var out = el("div", { "class": "results" });
    page.appendChild(out);

    if (!q) {
      var examples = ["Strasbourg", "st die", "67482", "88100"];
      append(out, [
        el("p", { text: "Tapez dans le champ « Rechercher un territoire », en haut de la page, le nom d’une commune, d’un EPCI, d’un SCoT, d’un département ou d’une région, un code INSEE ou SIREN, ou un code postal, puis validez. Les accents, les majuscules et les tirets sont sans importance, et « st » vaut « saint »." }),
        el("p", {}, "Exemples : ", examples.map(function (x, i) {
          return [i ? ", " : "", el("a", { href: ROOT + "recherche.html?q=" + encodeURIComponent(x), text: "« " + x + " »" })];
        }), ".")
      ]);
      return;
    }

    var status = el("p", { "class": "results-count", role: "status", text: "Recherche en cours…" });
    out.appendChild(status);
    loadIndex().then(function (index) {
      var matches = search(index, q);
      var quoted = "« " + q + " »";
      document.title = quoted + " · " + document.title;
      if (!matches.length) {
        status.textContent = "Aucun territoire pour " + quoted + ".";
        out.appendChild(el("p", { text: "Vérifiez l’orthographe, essayez le début du nom seulement, un code INSEE, SIREN ou un code postal à cinq chiffres." }));
        return;
      }
      status.textContent = formatNumber(matches.length, 0) + " " + plural(matches.length, "territoire", "territoires") + " pour " + quoted;
      var groups = new Map();
      matches.forEach(function (m) {
        if (!groups.has(m.item.level)) groups.set(m.item.level, []);
        groups.get(m.item.level).push(m);
      });
      Array.from(groups.keys()).sort(index.levelOrder).forEach(function (level) {
        var ms = groups.get(level);
        var hid = "resultats-" + level;
        var section = el("section", { "class": "results-group", "aria-labelledby": hid },
          el("h2", { id: hid }, pluralLabel(index.label(level)) + " ", el("span", { "class": "results-n", text: "(" + formatNumber(ms.length, 0) + ")" })));
        var ul = el("ul", { "class": "results-list" });
        ms.forEach(function (m) {
          ul.appendChild(el("li", {},
            el("a", { href: ROOT + m.item.path, text: m.item.name }), " ",
            el("span", { "class": "s-level", text: index.label(m.item.level) + " " + m.item.code }), " ",
            matchContext(m) ? el("span", { "class": "s-context", text: matchContext(m) }) : null));
        });
        section.appendChild(ul);
        out.appendChild(section);
      });
    }, function () {
      status.textContent = "La recherche est indisponible : l’index des territoires (donnees/recherche.js) est introuvable.";
      status.classList.add("warning");
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Compare page (comparer.html?t=commune-67482,departement-67&p=2010-2021)

  function initCompare(root) {
    var metaNode = doc.getElementById("comparer-meta");
    var meta;
    try { meta = JSON.parse(metaNode ? metaNode.textContent : ""); } catch (e) { meta = null; }
    if (!meta) {
      root.appendChild(el("p", { "class": "warning", text: "La comparaison est indisponible : description des indicateurs illisible." }));
      return;
    }
    var periods = Array.isArray(meta.periods) ? meta.periods : [];
    var indicators = Array.isArray(meta.indicators) ? meta.indicators : [];
    var classes = Array.isArray(meta.classes) ? meta.classes : [];
    var max = Math.max(2, parseInt(root.getAttribute("data-max"), 10) || 4);
    var periodById = {};
    periods.forEach(function (p) { periodById[p.id] = p; });

    // State from the URL.
    var params;
    try { params = new URLSearchParams(window.location.search); } catch (e) { params = new URLSearchParams(""); }
    var ids = [];
    (params.get("t") || "").split(/[,\s]+/).forEach(function (t) {
      t = t.trim();
      if (/^[a-z]+-[A-Za-z0-9]+$/.test(t) && ids.indexOf(t) < 0 && ids.length < max) ids.push(t);
    });
    var period = params.get("p");
    if (!periodById[period]) period = periodById[meta.defaultPeriod] ? meta.defaultPeriod : (periods[0] ? periods[0].id : "");

    var index = null;
    var state = {}; // id -> {status: "loading" | "ok" | "error", data}

    // Skeleton.
    var announce = liveRegion(root);
    var picker = el("div", { "class": "cmp-picker" });
    var searchBox = el("div", { "class": "cmp-search" });
    var input = el("input", { id: "comparer-q", type: "text", autocomplete: "off", role: "combobox",
      "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": "comparer-suggestions",
      "aria-describedby": "comparer-aide", placeholder: "Par exemple : Strasbourg, 67482, 88100" });
    var list = el("ul", { id: "comparer-suggestions", role: "listbox", "aria-label": "Territoires à ajouter", hidden: true });
    append(searchBox, [el("label", { "for": "comparer-q", text: "Ajouter un territoire" }),
      el("p", { id: "comparer-aide", "class": "cmp-help", text: "De deux à " + max + " territoires, de n’importe quel niveau : nom, code INSEE ou SIREN, code postal." }),
      input, list]);
    var chosenTitle = el("h2", { id: "comparer-choix", text: "Territoires comparés" });
    var chosen = el("ol", { "class": "cmp-chosen", "aria-labelledby": "comparer-choix" });
    var periodBox = null;
    var select = null;
    if (periods.length) {
      select = el("select", { id: "comparer-periode" });
      periods.forEach(function (p) {
        select.appendChild(el("option", { value: p.id, selected: p.id === period, text: p.label || p.id }));
      });
      periodBox = el("div", { "class": "cmp-period" }, el("label", { "for": "comparer-periode", text: "Période" }), select);
    }
    append(picker, [chosenTitle, chosen, searchBox, periodBox]);
    var hint = el("p", { "class": "cmp-hint info", text: "Choisissez de deux à " + numberWord(max) + " territoires pour les comparer." });
    var results = el("div", { "class": "cmp-results" });
    append(root, [picker, hint, results]);

    new Combobox(input, list, searchBox, {
      mode: "pick",
      exclude: function (item) { return ids.indexOf(item.id) >= 0; },
      blocked: function () { return ids.length >= max ? max + " territoires au plus : retirez-en un pour en ajouter un autre." : null; },
      onPick: add
    });

    if (select) {
      select.addEventListener("change", function () {
        period = select.value;
        save();
        render();
        announce("Période " + labelOfPeriod(period), 100);
      });
    }

    loadIndex().then(function (idx) { index = idx; renderChosen(); }, function () {});
    ids.forEach(load);
    save();
    render();

    function numberWord(n) { return ({ 2: "deux", 3: "trois", 4: "quatre", 5: "cinq", 6: "six" })[n] || String(n); }

    function labelOfPeriod(id) { return periodById[id] ? (periodById[id].label || id) : id; }

    function load(id) {
      if (state[id] && state[id].status !== "error") return;
      state[id] = { status: "loading" };
      loadScript(ROOT + "donnees/territoires/" + id + ".js").then(function () {
        var d = window.PORTRAITS_DATA && window.PORTRAITS_DATA[id];
        state[id] = d ? { status: "ok", data: d } : { status: "error" };
      }, function () {
        state[id] = { status: "error" };
      }).then(function () {
        if (ids.indexOf(id) >= 0) render();
      });
    }

    function add(item) {
      if (ids.indexOf(item.id) >= 0) return;
      if (ids.length >= max) {
        announce("Déjà " + max + " territoires : retirez-en un pour en ajouter un autre.", 0);
        return;
      }
      ids.push(item.id);
      load(item.id);
      save();
      render();
      announce(item.name + " ajouté : " + ids.length + " " + plural(ids.length, "territoire", "territoires") + " sur " + max + ".", 100);
    }

    function remove(id) {
      var i = ids.indexOf(id);
      if (i < 0) return;
      var name = nameOf(id);
      ids.splice(i, 1);
      save();
      render();
      input.focus();
      announce(name + " retiré.", 100);
    }

    function save() {
      var qs = "?" + (ids.length ? "t=" + ids.join(",") + "&" : "") + "p=" + encodeURIComponent(period);
      try { window.history.replaceState(null, "", qs); } catch (e) { /* refused under file:// by some browsers */ }
    }

    function entry(id) {
      var s = state[id];
      var d = s && s.status === "ok" ? s.data : null;
      var it = index ? index.byId.get(id) : null;
      return { id: id, data: d, item: it, status: s ? s.status : "loading" };
    }

    function nameOf(id) {
      var e = entry(id);
      return e.data ? e.data.name : e.item ? e.item.name : id;
    }

    function levelOf(id) {
      var e = entry(id);
      if (e.data) return (e.data.levelLabel || e.data.level) + " " + e.data.code;
      if (e.item) return index.label(e.item.level) + " " + e.item.code;
      return "";
    }

    function portraitPath(e) {
      var p = e.data && e.data.periods && e.data.periods[period];
      if (p && p.path) return p.path;
      return e.item ? e.item.path : "";
    }

    function render() {
      renderChosen();
      renderResults();
    }

    function renderChosen() {
      clear(chosen);
      ids.forEach(function (id, i) {
        var e = entry(id);
        var name = nameOf(id);
        var li = el("li", { "class": "cmp-chosen-item" },
          el("span", { "class": "cmp-who" },
            el("span", { "class": "cmp-swatch", style: "background:" + PALETTE[i % PALETTE.length], "aria-hidden": "true" }),
            el("span", { "class": "cmp-name", text: name }), " ",
            el("span", { "class": "s-level", text: levelOf(id) })));
        var actions = el("span", { "class": "cmp-actions" });
        if (e.status === "error") {
          li.appendChild(el("span", { "class": "cmp-error", role: "alert", text: "Données introuvables pour " + (name === id ? id : name + " (" + id + ")") + "." }));
        } else if (e.status === "loading") {
          li.appendChild(el("span", { "class": "cmp-loading", text: "Chargement…" }));
        }
        var path = portraitPath(e);
        if (path) {
          actions.appendChild(el("a", { href: ROOT + path }, "Portrait",
            el("span", { "class": "visually-hidden", text: " de " + name + "," }),
            " " + (e.data && e.data.periods && e.data.periods[period] ? labelOfPeriod(period) : "")));
        }
        var btn = el("button", { type: "button", "class": "cmp-remove" }, "Retirer", el("span", { "class": "visually-hidden", text: " " + name }));
        btn.addEventListener("click", function () { remove(id); });
        actions.appendChild(btn);
        li.appendChild(actions);
        chosen.appendChild(li);
      });
      if (!ids.length) chosen.appendChild(el("li", { "class": "cmp-none", text: "Aucun territoire choisi." }));
      searchBox.classList.toggle("is-full", ids.length >= max);
      hint.hidden = ids.length >= 2;
      if (ids.length >= max) {
        hint.hidden = false;
        hint.textContent = max + " territoires au plus : retirez-en un pour en ajouter un autre.";
      } else {
        hint.textContent = "Choisissez de deux à " + numberWord(max) + " territoires pour les comparer.";
      }
    }

    function renderResults() {
      clear(results);
      var entries = ids.map(function (id, i) { var e = entry(id); e.color = PALETTE[i % PALETTE.length]; return e; });
      if (ids.length < 2) return;
      var pending = entries.filter(function (e) { return e.status === "loading"; }).length;
      var ready = entries.filter(function (e) { return e.data; });
      if (pending) {
        results.appendChild(el("p", { "class": "cmp-status", role: "status", text: "Chargement des données…" }));
        return;
      }
      if (ready.length < 2) {
        results.appendChild(el("p", { "class": "warning", text: "Il faut les données d’au moins deux territoires pour les comparer." }));
        return;
      }
      var p = periodById[period];
      if (p) {
        results.appendChild(table(ready, p));
        results.appendChild(charts(ready, p));
      } else {
        results.appendChild(el("p", { "class": "info", text: "Aucune période : une seule date d’occupation du sol, les indicateurs d’évolution ne peuvent pas être comparés." }));
      }
      results.appendChild(composition(ready, p));
    }

    function valueOf(e, ind) {
      var per = e.data.periods && e.data.periods[period];
      var v = per && per.values ? per.values[ind.id] : null;
      return isNum(v) ? v : null;
    }

    function decimalsOf(ind) { return ind.decimals === undefined ? 1 : ind.decimals; }

    function groupsOf() {
      var groups = [];
      var byName = {};
      indicators.forEach(function (ind) {
        var g = ind.group || "";
        if (!byName[g]) { byName[g] = { name: g, items: [] }; groups.push(byName[g]); }
        byName[g].items.push(ind);
      });
      return groups;
    }

    function table(entries, p) {
      var t = el("table", { "class": "cmp-table" },
        el("caption", { text: "Indicateurs clés, " + (p.label || p.id) }));
      var head = el("tr", {}, el("th", { scope: "col", text: "Indicateur" }));
      entries.forEach(function (e) {
        head.appendChild(el("th", { scope: "col", "class": "num" },
          el("span", { "class": "cmp-swatch", style: "background:" + e.color, "aria-hidden": "true" }),
          el("span", { "class": "cmp-col-name", text: e.data.name }), " ",
          el("span", { "class": "s-level", text: e.data.levelLabel || e.data.level })));
      });
      t.appendChild(el("thead", {}, head));
      groupsOf().forEach(function (g) {
        var tbody = el("tbody", {});
        if (g.name) tbody.appendChild(el("tr", { "class": "cmp-group" }, el("th", { scope: "rowgroup", colspan: entries.length + 1, text: g.name })));
        g.items.forEach(function (ind) {
          var tr = el("tr", {}, el("th", { scope: "row", text: ind.label }));
          entries.forEach(function (e) {
            tr.appendChild(el("td", { "class": "num", "data-indicator": ind.id, "data-territory": e.id,
              text: formatValue(valueOf(e, ind), decimalsOf(ind), ind.unit) }));
          });
          tbody.appendChild(tr);
        });
        t.appendChild(tbody);
      });
      return el("section", { "class": "cmp-section", "aria-labelledby": "comparer-tableau" },
        el("h2", { id: "comparer-tableau", text: "Indicateurs" }),
        el("div", { "class": "table-wrap", role: "region", tabindex: "0", "aria-label": "Tableau des indicateurs (défilement horizontal possible)" }, t),
        el("p", { "class": "method", text: "« — » : sans objet pour ce territoire ou cette période." }));
    }

    function charts(entries, p) {
      var section = el("section", { "class": "cmp-section", "aria-labelledby": "comparer-graphiques" },
        el("h2", { id: "comparer-graphiques", text: "Graphiques" }),
        el("p", { "class": "method", text: "Un graphique par indicateur, " + (p.label || p.id) + " : une barre par territoire ; les valeurs négatives partent vers la gauche du trait vertical du zéro." }));
      groupsOf().forEach(function (g) {
        if (g.name) section.appendChild(el("h3", { text: g.name }));
        var grid = el("div", { "class": "cmp-charts" });
        g.items.forEach(function (ind) { grid.appendChild(barChart(entries, ind, p)); });
        section.appendChild(grid);
      });
      return section;
    }

    function barChart(entries, ind, p) {
      var d = decimalsOf(ind);
      var values = entries.map(function (e) { return valueOf(e, ind); });
      var nums = values.filter(isNum);
      var lo = Math.min.apply(null, [0].concat(nums));
      var hi = Math.max.apply(null, [0].concat(nums));
      var span = hi - lo || 1;
      var x = function (v) { return 1 + 98 * (v - lo) / span; }; // percent of the width
      var row = 42;
      var top = 6;
      var height = top + entries.length * row + 4;
      var zero = x(0).toFixed(3) + "%";
      var labels = entries.map(function (e, i) { return e.data.name + " " + formatValue(values[i], d, ind.unit); });
      var svg = svgEl("svg", { "class": "cmp-bars", width: "100%", height: height, role: "img",
        "aria-label": ind.label + ", " + (p.label || p.id) + " : " + labels.join(" ; ") + "." });
      entries.forEach(function (e, i) {
        var y = top + i * row;
        var v = values[i];
        svg.appendChild(svgEl("text", { x: "1%", y: y + 13, "class": "cmp-bar-label" },
          e.data.name + " : ", svgEl("tspan", { "class": "cmp-bar-value", text: formatValue(v, d, ind.unit) })));
        svg.appendChild(svgEl("line", { x1: zero, x2: zero, y1: y + 17, y2: y + 37, "class": "cmp-zero" }));
        if (isNum(v)) {
          var a = x(0);
          var b = x(v);
          var w = Math.abs(b - a);
          svg.appendChild(svgEl("rect", { x: Math.min(a, b).toFixed(3) + "%", y: y + 19, height: 16,
            width: (w > 0 ? Math.max(w, 0.3) : 0).toFixed(3) + "%", fill: e.color }));
        }
      });
      return el("figure", { "class": "cmp-chart" },
        el("figcaption", {}, ind.label, ind.unit ? el("span", { "class": "unit", text: " (" + ind.unit + ")" }) : null),
        svg);
    }

    function composition(entries, p) {
      var years = p ? [String(p.start), String(p.end)] : (Array.isArray(meta.millesimes) && meta.millesimes.length
        ? [String(meta.millesimes[meta.millesimes.length - 1])] : []);
      // A millésime's name: its year, or its rank where départements have different years
      // (each territory's own years are then in its data).
      function yearName(year) {
        var i = Array.isArray(meta.millesimes) ? meta.millesimes.map(String).indexOf(year) : -1;
        return i >= 0 && Array.isArray(meta.millesimeLabels) ? meta.millesimeLabels[i] : year;
      }
      var ranked = Array.isArray(meta.millesimeLabels) && meta.millesimeLabels.some(function (l, i) { return l !== String(meta.millesimes[i]); });
      var section = el("section", { "class": "cmp-section", "aria-labelledby": "comparer-occupation" },
        el("h2", { id: "comparer-occupation", text: "Occupation du sol" + (!years.length ? "" : ranked ? " au " + years.map(yearName).join(" et au ") : " en " + years.join(" et ")) }),
        el("p", { "class": "method", text: "Part de chaque classe dans la surface décrite par l’occupation du sol, à chaque millésime (100 % = toute la surface décrite)." }));
      var legend = el("ul", { "class": "cmp-legend", "aria-label": "Légende des classes" });
      classes.forEach(function (c) {
        legend.appendChild(el("li", {}, el("span", { "class": "swatch", style: "background:" + c.color, "aria-hidden": "true" }), c.label));
      });
      section.appendChild(legend);
      var grid = el("div", { "class": "cmp-compositions" });
      entries.forEach(function (e) {
        var block = el("div", { "class": "cmp-composition" },
          el("h3", {}, el("span", { "class": "cmp-swatch", style: "background:" + e.color, "aria-hidden": "true" }), e.data.name,
            " ", el("span", { "class": "s-level", text: (e.data.levelLabel || e.data.level) + " " + e.data.code })));
        years.forEach(function (year) {
          var stock = e.data.stock ? e.data.stock[year] : null;
          var own = (e.data.years && e.data.years[year]) || yearName(year);
          var rowEl = el("div", { "class": "cmp-stack-row" }, el("span", { "class": "cmp-year", text: own }));
          var total = Array.isArray(stock) ? stock.reduce(function (s, v) { return s + (isNum(v) && v > 0 ? v : 0); }, 0) : 0;
          if (!total) {
            rowEl.appendChild(el("span", { "class": "cmp-nodata", text: "pas de données en " + own }));
          } else {
            var parts = [];
            var svg = svgEl("svg", { "class": "cmp-stack", width: "100%", height: 26, role: "img" });
            var acc = 0;
            stock.forEach(function (v, k) {
              if (!isNum(v) || v <= 0) return;
              var c = classes[k] || { label: "Classe " + (k + 1), color: "#767676" };
              var share = 100 * v / total;
              var label = c.label + " " + formatValue(share, 1, "%");
              parts.push(label);
              svg.appendChild(svgEl("rect", { x: acc.toFixed(3) + "%", y: 0, width: share.toFixed(3) + "%", height: 26,
                fill: c.color, "class": "cmp-seg" }, svgEl("title", { text: label })));
              if (share >= 10) {
                svg.appendChild(svgEl("text", { x: (acc + share / 2).toFixed(3) + "%", y: 17.5, "text-anchor": "middle",
                  "class": "cmp-seg-label", fill: textOn(c.color), text: formatNumber(share, 0) + NBSP + "%" }));
              }
              acc += share;
            });
            svg.setAttribute("aria-label", e.data.name + " en " + year + " : " + parts.join(", ") + ".");
            rowEl.appendChild(svg);
          }
          block.appendChild(rowEl);
        });
        grid.appendChild(block);
      });
      section.appendChild(grid);
      return section;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Map explorer: curtain ("rideau") or side by side ("côte à côte")

  function initExplorer(root) {
    var controls = root.querySelector(".explorer-controls");
    var stage = root.querySelector("[data-stage]") || root.querySelector(".explorer-stage");
    if (!stage) return;
    var left = stage.querySelector(".explorer-left");
    var right = stage.querySelector(".explorer-right");
    var range = stage.querySelector(".explorer-range");
    var leftSelect = root.querySelector("select[data-left]");
    var rightSelect = root.querySelector("select[data-right]");
    var overlayBox = root.querySelector("input[data-overlay]");
    if (controls) controls.hidden = false;
    root.classList.add("is-enhanced");

    function mainImg(pane) { return pane ? pane.querySelector("img:not(.explorer-overlay)") : null; }

    function yearOf(select, pane) {
      if (select && select.selectedIndex >= 0) return select.options[select.selectedIndex].text.trim();
      var cap = pane ? pane.querySelector("figcaption") : null;
      return cap ? cap.textContent.trim() : "";
    }

    function applySelect(select, pane) {
      if (!select || !pane || select.selectedIndex < 0) return;
      var opt = select.options[select.selectedIndex];
      var img = mainImg(pane);
      if (img) {
        if (img.getAttribute("src") !== opt.value) img.setAttribute("src", opt.value);
        img.setAttribute("alt", opt.getAttribute("data-alt") || ("Carte de l’occupation du sol en " + opt.text.trim()));
      }
      var cap = pane.querySelector("figcaption");
      if (cap) cap.textContent = opt.text.trim();
    }

    [[leftSelect, left], [rightSelect, right]].forEach(function (pair) {
      if (!pair[0]) return;
      applySelect(pair[0], pair[1]); // form state may have been restored by the browser
      pair[0].addEventListener("change", function () { applySelect(pair[0], pair[1]); describe(); });
    });

    if (overlayBox) {
      var syncOverlay = function () {
        root.querySelectorAll(".explorer-overlay").forEach(function (img) { img.hidden = !overlayBox.checked; });
      };
      overlayBox.addEventListener("change", syncOverlay);
      syncOverlay();
    }

    if (!left || !right || !range) {
      root.classList.add("is-single");
      zoomPanes([left], controls, null);
      return;
    }

    // The two panes in one box, with the handle line; the range stays under them.
    var maps = el("div", { "class": "explorer-maps" });
    stage.insertBefore(maps, left);
    maps.appendChild(left);
    maps.appendChild(right);
    var handle = el("div", { "class": "explorer-handle", "aria-hidden": "true" });
    maps.appendChild(handle);
    if (range.parentNode !== stage || range.previousElementSibling !== maps) stage.insertBefore(range, maps.nextSibling);
    var w = mainImg(left) ? parseFloat(mainImg(left).getAttribute("width")) : 0;
    if (w > 0) root.style.setProperty("--map-w", w + "px");

    var pos = parseFloat(range.value);
    if (!isFinite(pos)) pos = 50;
    var curtain = true;

    function describe() {
      range.setAttribute("aria-valuetext", Math.round(pos) + " % : " + yearOf(leftSelect, left) + " à gauche, " + yearOf(rightSelect, right) + " à droite");
    }

    function setPos(p) {
      pos = Math.max(0, Math.min(100, p));
      var s = Math.round(pos * 100) / 100;
      if (curtain) right.style.clipPath = "inset(0 0 0 " + s + "%)";
      handle.style.left = s + "%";
      if (Number(range.value) !== Math.round(pos)) range.value = String(Math.round(pos));
      describe();
    }

    function setMode(mode) {
      curtain = mode !== "cote-a-cote";
      root.classList.toggle("is-rideau", curtain);
      root.classList.toggle("is-side", !curtain);
      range.hidden = !curtain;
      handle.hidden = !curtain;
      if (curtain) setPos(pos);
      else right.style.clipPath = "";
    }

    range.addEventListener("input", function () { setPos(parseFloat(range.value)); });
    range.addEventListener("change", function () { setPos(parseFloat(range.value)); });

    var dragging = null, downX = 0;
    function fromPointer(e) {
      var r = maps.getBoundingClientRect();
      if (r.width > 0) setPos(100 * (e.clientX - r.left) / r.width);
    }
    maps.addEventListener("pointerdown", function (e) {
      if (!curtain || (e.pointerType === "mouse" && e.button !== 0)) return;
      dragging = e.pointerId;
      downX = e.clientX;
      try { maps.setPointerCapture(e.pointerId); } catch (err) { /* not capturable */ }
      fromPointer(e);
      e.preventDefault();
    });
    maps.addEventListener("pointermove", function (e) { if (dragging === e.pointerId) fromPointer(e); });
    var stop = function (e) { if (dragging === e.pointerId) dragging = null; };
    maps.addEventListener("pointerup", stop);
    maps.addEventListener("pointercancel", stop);
    maps.addEventListener("dragstart", function (e) { e.preventDefault(); });
    // With the curtain, the panes' own clicks go to the curtain: a tap that did not drag it also
    // says what the piece there is (both panes describe every millésime).
    maps.addEventListener("click", function (e) {
      var img = mainImg(left);
      if (!curtain || Math.abs(e.clientX - downX) > 4 || !img || !img.hasAttribute("data-polygones")) return;
      tellPiece(img, e.clientX, e.clientY);
    });

    var radios = root.querySelectorAll("input[type=radio][name=mode]");
    var checked = "rideau";
    radios.forEach(function (r) {
      if (r.checked) checked = r.value;
      r.addEventListener("change", function () { if (r.checked) setMode(r.value); });
    });
    range.hidden = false;
    setMode(checked);
    setPos(pos);
    // One zoom for the two millésimes: side by side a drag pans them; with the curtain, a drag
    // moves the curtain and the buttons, the wheel and the keys zoom and pan.
    zoomPanes([left, right], controls, function () { return !curtain; });
  }

  // The explorer's panes made zoomable together: each pane's images (the map and its overlays) in
  // a stack, in a frame; the buttons in the controls.
  function zoomPanes(panes, controls, canDrag) {
    var frames = panes.filter(Boolean).map(function (pane) {
      var imgs = Array.prototype.filter.call(pane.children, function (c) { return c.tagName === "IMG"; });
      if (!imgs.length) return null;
      var stack = el("div", { "class": "map-stack" });
      pane.insertBefore(stack, imgs[0]);
      imgs.forEach(function (img) { stack.appendChild(img); });
      return zoomFrame(stack, "100%");
    }).filter(Boolean);
    if (!frames.length || !controls) return;
    var tools = el("div", { "class": "zoom-tools explorer-zoom", role: "group", "aria-label": "Zoom des cartes" });
    controls.appendChild(tools);
    createZoom(frames, tools, canDrag);
  }

  // ---------------------------------------------------------------------------------------------
  // Map zoom and pan (img.map in a .map-with-legend, and the level maps): the image is put in a
  // frame of its own size; buttons (+, −, whole view), the wheel, a drag, a pinch and the keyboard
  // (+ − 0 and the arrows, once the frame has the focus) zoom and move it. The image is resized,
  // not scaled, so that the browser draws an SVG map again at the new size: sharp at any zoom.

  var MAX_ZOOM = 8;
  var ZOOM_LABEL = "Carte zoomable : touches plus et moins pour zoomer, flèches pour se déplacer, zéro pour la vue entière";

  // Puts `target` (an image, or a .map-stack of images and link areas) in a zoom frame of the
  // image's proportions; `width`: the frame's CSS width. Returns the frame.
  function zoomFrame(target, width) {
    var picture = target.tagName === "IMG" ? target : target.querySelector("img");
    var w = picture && parseFloat(picture.getAttribute("width")), h = picture && parseFloat(picture.getAttribute("height"));
    if (!(w > 0 && h > 0) || target.closest(".zoom-frame")) return null;
    var frame = el("div", { "class": "zoom-frame", tabindex: "0", role: "group", "aria-label": ZOOM_LABEL });
    frame.style.width = width || (w + "px");
    frame.style.aspectRatio = w + " / " + h;
    target.parentNode.insertBefore(frame, target);
    frame.appendChild(target);
    return frame;
  }

  // One zoom for one or several frames of the same proportions (the explorer's two millésimes stay
  // in step): `tools` receives the buttons; `canDrag()` says whether a drag pans (the explorer's
  // curtain takes the drag). The offsets are kept as fractions of the frame, so a resize or a
  // change of layout keeps the view.
  function createZoom(frames, tools, canDrag) {
    var s = 1, ox = 0, oy = 0;
    function button(label, text, action) {
      var b = el("button", { type: "button", "aria-label": label, title: label }, text);
      b.addEventListener("click", function (e) { e.stopPropagation(); action(); });
      tools.appendChild(b);
      return b;
    }
    function apply() {
      s = Math.min(MAX_ZOOM, Math.max(1, s));
      ox = Math.min(0, Math.max(1 - s, ox));
      oy = Math.min(0, Math.max(1 - s, oy));
      frames.forEach(function (frame) {
        var target = frame.firstElementChild;
        target.style.width = (s * 100) + "%";
        target.style.left = (ox * frame.clientWidth) + "px";
        target.style.top = (oy * frame.clientHeight) + "px";
        frame.setAttribute("data-zoom", s.toFixed(2));
        // Unzoomed, a finger moving up or down scrolls the page; zoomed, it moves the map.
        frame.style.touchAction = s > 1 ? "none" : "pan-y";
        // For the map pieces: the view changed (they draw what comes into view, hide their tip).
        frame.dispatchEvent(new CustomEvent("portraits:view"));
      });
      out.disabled = s <= 1;
      reset.disabled = s <= 1;
      inn.disabled = s >= MAX_ZOOM;
    }
    // Zoom by `factor` about the point (fx, fy) of the frame (fractions), which stays in place.
    function zoomAt(factor, fx, fy) {
      var next = Math.min(MAX_ZOOM, Math.max(1, s * factor));
      ox = fx - (fx - ox) * next / s;
      oy = fy - (fy - oy) * next / s;
      s = next;
      apply();
    }
    function whole() { s = 1; ox = 0; oy = 0; apply(); }
    var inn = button("Zoomer", "+", function () { zoomAt(1.5, 0.5, 0.5); });
    var out = button("Dézoomer", "\u2212", function () { zoomAt(1 / 1.5, 0.5, 0.5); });
    var reset = button("Vue entière", "\u21ba", whole);
    frames.forEach(function (frame) {
      function at(x, y) { var r = frame.getBoundingClientRect(); return [(x - r.left) / r.width, (y - r.top) / r.height]; }
      // The wheel zooms a map that has the focus or is zoomed already, or with Ctrl (a trackpad's
      // pinch); otherwise it scrolls the page, as a reader expects.
      frame.addEventListener("wheel", function (e) {
        if (!(e.ctrlKey || e.metaKey || s > 1 || doc.activeElement === frame)) return;
        e.preventDefault();
        var f = at(e.clientX, e.clientY);
        zoomAt(e.deltaY < 0 ? 1.25 : 1 / 1.25, f[0], f[1]);
      }, { passive: false });
      frame.addEventListener("keydown", function (e) {
        var step = 0.08;
        if (e.key === "+" || e.key === "=") zoomAt(1.5, 0.5, 0.5);
        else if (e.key === "-" || e.key === "\u2212") zoomAt(1 / 1.5, 0.5, 0.5);
        else if (e.key === "0") whole();
        else if (e.key === "ArrowLeft") { ox += step; apply(); }
        else if (e.key === "ArrowRight") { ox -= step; apply(); }
        else if (e.key === "ArrowUp") { oy += step; apply(); }
        else if (e.key === "ArrowDown") { oy -= step; apply(); }
        else return;
        e.preventDefault();
        e.stopPropagation();
      });
      // Drag to move, two fingers to zoom. The pointer is captured only once it moves, and the
      // click that ends a drag is dropped, so that a tap on a territory's link area still follows it.
      var pointers = {}, moved = false;
      function list() { return Object.keys(pointers).map(function (k) { return pointers[k]; }); }
      frame.addEventListener("pointerdown", function (e) {
        if (e.target.closest(".zoom-tools") || (canDrag && !canDrag())) return;
        pointers[e.pointerId] = { x: e.clientX, y: e.clientY, x0: e.clientX, y0: e.clientY };
        moved = false;
      });
      frame.addEventListener("click", function (e) {
        if (moved) { e.preventDefault(); e.stopPropagation(); moved = false; }
      }, true);
      frame.addEventListener("pointermove", function (e) {
        var p = pointers[e.pointerId];
        if (!p) return;
        if (!moved && Math.hypot(e.clientX - p.x0, e.clientY - p.y0) < 4) return;
        if (!moved) { moved = true; frame.setPointerCapture(e.pointerId); }
        var ps = list(), r = frame.getBoundingClientRect();
        if (ps.length === 1) {
          ox += (e.clientX - p.x) / r.width; oy += (e.clientY - p.y) / r.height;
          p.x = e.clientX; p.y = e.clientY;
          apply();
        } else if (ps.length === 2) {
          var other = ps[0] === p ? ps[1] : ps[0];
          var before = Math.hypot(p.x - other.x, p.y - other.y);
          var after = Math.hypot(e.clientX - other.x, e.clientY - other.y);
          p.x = e.clientX; p.y = e.clientY;
          var f = at((p.x + other.x) / 2, (p.y + other.y) / 2);
          if (before > 0) zoomAt(after / before, f[0], f[1]);
        }
        e.preventDefault();
      });
      function up(e) { delete pointers[e.pointerId]; }
      frame.addEventListener("pointerup", up);
      frame.addEventListener("pointercancel", up);
    });
    window.addEventListener("resize", apply);
    apply();
    return { apply: apply };
  }

  // A map of a page (img.map in a .map-with-legend, a level map with its link areas): its own
  // frame, its buttons inside it. The image is resized, not scaled, so that the browser draws an
  // SVG map again at the new size: sharp at any zoom.
  function initZoom(target) {
    if (target.tagName === "IMG" && target.hasAttribute("data-polygones")) {
      // A stack, so that the pieces drawn over a picture follow it.
      var stack = el("div", { "class": "map-stack" });
      target.parentNode.insertBefore(stack, target);
      stack.appendChild(target);
      target = stack;
    }
    var frame = zoomFrame(target);
    if (!frame) return;
    var tools = el("div", { "class": "zoom-tools" });
    frame.appendChild(tools);
    createZoom([frame], tools);
  }


  // ---------------------------------------------------------------------------------------------
  // Map pieces (img[data-polygones]: a territory's map whose land-cover pieces were written beside
  // it, carte-polygones.js and, for a map drawn as a picture, a grid of tiles carte-polygones-N.js).
  // A tap or a click on the map, or Enter on the focused map (its centre), says what the piece
  // there is: its area, its class at each millésime and its change over the map's period. Where the
  // map is a PNG, zooming in draws the pieces in view over it, sharp at any zoom. The data is loaded
  // on the first tap or zoom only.

  var pieceScripts = {};   // script URL -> the object its call passed
  window.portraitsMapPieces = function (data) {
    var s = doc.currentScript;
    if (s && s.src) pieceScripts[s.src] = data;
  };

  // Google's encoded polyline (the generator's MapPiecesScript.encode): [x0, y0, x1, y1, …] in units.
  function decodeRing(str) {
    var out = [], x = 0, y = 0, acc = 0, shift = 0, odd = false;
    for (var i = 0; i < str.length; i++) {
      var c = str.charCodeAt(i) - 63;
      acc |= (c & 31) << shift;
      if (c >= 32) { shift += 5; continue; }
      var v = (acc & 1) ? ~(acc >> 1) : (acc >> 1);
      acc = 0; shift = 0;
      if (!odd) { x += v; out.push(x); } else { y += v; out.push(y); }
      odd = !odd;
    }
    return out;
  }

  function decodePieces(list) {
    return list.map(function (p) {
      var rings = p[3].map(decodeRing);
      var r = rings[0], minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (var i = 0; i < r.length; i += 2) {
        if (r[i] < minX) minX = r[i];
        if (r[i] > maxX) maxX = r[i];
        if (r[i + 1] < minY) minY = r[i + 1];
        if (r[i + 1] > maxY) maxY = r[i + 1];
      }
      // A piece whose bounds meet several tiles is in each of them: its exterior ring's text names
      // it, so that it is drawn once (twice, the even-odd rule would make it a hole).
      return { area: p[0], classes: p[1], kinds: p[2], rings: rings, box: [minX, minY, maxX, maxY], key: p[3][0] };
    });
  }

  function scriptData(src) {
    return loadScript(src).then(function () {
      var d = pieceScripts[src];
      if (!d) throw new Error("vide : " + src);
      if (d.pieces && !d.decoded) { d.decoded = decodePieces(d.pieces); d.pieces = null; }
      return d;
    });
  }

  // The index of the img's territory, then the pieces of one tile (0 when there is one).
  function pieceIndex(img) { return scriptData(new URL("carte-polygones.js", img.src).href); }
  function pieceTile(img, index, t) {
    if (index.grid[0] * index.grid[1] === 1) return Promise.resolve(index.decoded || []);
    return scriptData(new URL("carte-polygones-" + t + ".js", img.src).href).then(function (d) { return d.decoded; },
      function () { return []; });   // an empty tile has no file
  }
  function tileAt(index, x, y) {
    var c = Math.min(index.grid[0] - 1, Math.max(0, Math.floor(x / index.w * index.grid[0])));
    var r = Math.min(index.grid[1] - 1, Math.max(0, Math.floor(y / index.h * index.grid[1])));
    return r * index.grid[0] + c;
  }

  // Even-odd rule over the piece's rings (the exterior and its holes), in units.
  function pieceContains(p, x, y) {
    if (x < p.box[0] || x > p.box[2] || y < p.box[1] || y > p.box[3]) return false;
    var inside = false;
    p.rings.forEach(function (r) {
      for (var i = 0, j = r.length - 2; i < r.length; j = i, i += 2) {
        var yi = r[i + 1], yj = r[j + 1];
        if ((yi > y) !== (yj > y) && x < (r[j] - r[i]) * (y - yi) / (yj - yi) + r[i]) inside = !inside;
      }
    });
    return inside;
  }

  // What the img shows: a millésime (carte-2021) or a period's changes (carte-changements-2010-2021).
  function mapSubject(img) {
    var name = decodeURIComponent(img.src.split(/[?#]/)[0].split("/").pop());
    var m = /^carte-changements-(.+)\.(svg|png)$/.exec(name);
    if (m) return { period: m[1] };
    m = /^carte-(\d+)\.(svg|png)$/.exec(name);
    return m ? { millesime: Number(m[1]) } : {};
  }

  function areaText(m2) {
    var ha = m2 / 10000;
    return formatValue(ha, ha < 1 ? 2 : 1, "ha");
  }

  function describePiece(index, p, subject) {
    var lines = [{ text: "Polygone : " + areaText(p.area) + " (sa partie dans la commune)", strong: true }];
    index.millesimes.forEach(function (year, m) {
      var c = index.classes[p.classes[m]];
      var name = Array.isArray(index.millesimeLabels) ? index.millesimeLabels[m] : year;
      lines.push({ text: name + " : " + (c ? c[1] + " (" + c[0] + ")" : "non décrit à ce millésime"), strong: subject.millesime === year });
    });
    var pi = index.periods.indexOf(subject.period);
    if (pi >= 0) {
      var kind = null;
      index.kinds.forEach(function (k) { if (k[0] === p.kinds[pi]) kind = k[1]; });
      lines.push({ text: "Changement " + index.periodLabels[pi] + " : " + (kind || "aucun"), strong: true });
    }
    return lines;
  }

  var mapTip = null;
  function showMapTip(lines, x, y) {
    if (!mapTip) {
      mapTip = el("div", { "class": "chart-tip map-tip", role: "status" });
      body.appendChild(mapTip);
    }
    clear(mapTip);
    lines.forEach(function (l) { mapTip.appendChild(el(l.strong ? "strong" : "span", {}, l.text)); });
    mapTip.hidden = false;
    mapTip.style.left = "0px";
    mapTip.style.top = "0px";
    var w = mapTip.offsetWidth, h = mapTip.offsetHeight;
    var px = x + window.scrollX, py = y + window.scrollY;
    var maxX = doc.documentElement.clientWidth + window.scrollX - w - 4;
    mapTip.style.left = Math.max(window.scrollX + 4, Math.min(maxX, px - w / 2)) + "px";
    mapTip.style.top = (y - h - 14 < 0 ? py + 14 : py - h - 14) + "px";
  }
  function hideMapTip() { if (mapTip) mapTip.hidden = true; }

  // The piece under (clientX, clientY) of the img, told in the tip.
  function tellPiece(img, clientX, clientY) {
    pieceIndex(img).then(function (index) {
      var r = img.getBoundingClientRect();
      if (!(r.width > 0)) return;
      var x = (clientX - r.left) / r.width * index.w, y = (clientY - r.top) / r.height * index.h;
      return pieceTile(img, index, tileAt(index, x, y)).then(function (pieces) {
        var ux = x * index.q, uy = y * index.q, subject = mapSubject(img), found = null;
        pieces.forEach(function (p) {
          if (!pieceContains(p, ux, uy)) return;
          // Where pieces overlap (a change between two layers), the one described at the map's millésime.
          var m = index.millesimes.indexOf(subject.millesime);
          if (!found || (m >= 0 && found.classes[m] < 0 && p.classes[m] >= 0)) found = p;
        });
        if (found) showMapTip(describePiece(index, found, subject), clientX, clientY);
        else showMapTip([{ text: "Hors du territoire ou sans occupation du sol décrite" }], clientX, clientY);
      });
    }, function () { /* no pieces for this map */ });
  }

  function initMapPieces(img) {
    var frame = img.closest(".zoom-frame");
    if (!frame) return;
    frame.setAttribute("aria-label", frame.getAttribute("aria-label") + ", Entrée pour décrire le polygone au centre");
    frame.addEventListener("click", function (e) {
      if (e.target.closest(".zoom-tools, a")) return;
      tellPiece(img, e.clientX, e.clientY);
    });
    frame.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { hideMapTip(); return; }
      if (e.key !== "Enter") return;
      var r = frame.getBoundingClientRect();
      tellPiece(img, r.left + r.width / 2, r.top + r.height / 2);
      e.preventDefault();
    });
    frame.addEventListener("portraits:view", hideMapTip);
    if (!/\.png$/i.test(img.src.split(/[?#]/)[0]) && !img.closest(".explorer-pane")) return;
    // A picture: the pieces in view drawn over it once zoomed in.
    var layer = null, timer = null, drawnKey = "";
    function refresh() {
      clearTimeout(timer);
      timer = setTimeout(draw, 120);
    }
    function draw() {
      var zoom = parseFloat(frame.getAttribute("data-zoom") || "1");
      var picture = /\.png$/i.test(img.src.split(/[?#]/)[0]);
      if (!picture || zoom <= 1.01) { if (layer) layer.hidden = true; drawnKey = ""; return; }
      pieceIndex(img).then(function (index) {
        if (index.grid[0] * index.grid[1] === 1 && !index.decoded) return;
        var fr = frame.getBoundingClientRect(), ir = img.getBoundingClientRect();
        var x0 = (fr.left - ir.left) / ir.width * index.w, x1 = (fr.right - ir.left) / ir.width * index.w;
        var y0 = (fr.top - ir.top) / ir.height * index.h, y1 = (fr.bottom - ir.top) / ir.height * index.h;
        var a = tileAt(index, x0, y0), b = tileAt(index, x1, y1), cols = index.grid[0];
        var tiles = [];
        for (var row = Math.floor(a / cols); row <= Math.floor(b / cols); row++)
          for (var col = a % cols; col <= b % cols; col++) tiles.push(row * cols + col);
        if (tiles.length > 16) return;   // too far out to need them
        var subject = mapSubject(img), key = img.src + "|" + tiles.join(",");
        if (key === drawnKey && layer && !layer.hidden) return;
        return Promise.all(tiles.map(function (t) { return pieceTile(img, index, t); })).then(function (lists) {
          if (!layer) {
            layer = svgEl("svg", { "class": "map-pieces", "aria-hidden": "true", focusable: "false" });
            img.parentNode.insertBefore(layer, img.nextSibling);
          }
          layer.setAttribute("viewBox", "0 0 " + index.w * index.q + " " + index.h * index.q);
          clear(layer);
          var m = index.millesimes.indexOf(subject.millesime), pi = index.periods.indexOf(subject.period);
          var colors = {};
          index.kinds.forEach(function (k) { colors["k" + k[0]] = k[2]; });
          var byColor = {}, seen = new Set();
          lists.forEach(function (pieces) {
            pieces.forEach(function (p) {
              if (seen.has(p.key)) return;
              seen.add(p.key);
              var color = null;
              if (m >= 0 && p.classes[m] >= 0) color = index.classes[p.classes[m]][2];
              else if (pi >= 0 && p.kinds[pi] > 0) color = colors["k" + p.kinds[pi]];
              if (!color) return;
              var d = byColor[color] || (byColor[color] = []);
              p.rings.forEach(function (r) { d.push("M" + r.join(" ") + "Z"); });
            });
          });
          Object.keys(byColor).forEach(function (color) {
            // Strokes in screen pixels whatever the zoom (an SVG attribute: CSS does not define it).
            layer.appendChild(svgEl("path", { d: byColor[color].join(""), fill: color, stroke: color, "fill-rule": "evenodd", "vector-effect": "non-scaling-stroke" }));
          });
          // The outline decoded once per territory, not at every pan.
          if (index.outlinePath === undefined) index.outlinePath = index.outline.map(function (s) { return "M" + decodeRing(s).join(" ") + "Z"; }).join("");
          var outline = index.outlinePath;
          if (outline) layer.appendChild(svgEl("path", { d: outline, "class": "map-pieces-outline", "vector-effect": "non-scaling-stroke" }));
          layer.hidden = false;
          drawnKey = key;
        });
      }).catch(function () { /* no tiles: the picture stays */ });
    }
    frame.addEventListener("portraits:view", refresh);
    new MutationObserver(function () { drawnKey = ""; refresh(); }).observe(img, { attributes: true, attributeFilter: ["src"] });
  }

  // ---------------------------------------------------------------------------------------------
  // Chart hotspots (g.hits > rect, one per bar, dot, cell or node, written by the SVG backend with the
  // exact label and value as their <title>): a tooltip on hover, on tap and on keyboard focus.
  // Each chart is one stop in the tab order; the arrow keys, Home and End move between its
  // hotspots. Without the script the browser still shows the <title> on hover.

  var tip = null;

  function showTip(hit) {
    if (!tip) {
      tip = el("div", { "class": "chart-tip", role: "tooltip", id: "infobulle-graphique" });
      body.appendChild(tip);
    }
    tip.textContent = hit.getAttribute("aria-label");
    tip.hidden = false;
    var r = hit.getBoundingClientRect();
    var x = r.left + r.width / 2 + window.scrollX, y = r.top + window.scrollY;
    tip.style.left = "0px";
    tip.style.top = "0px";
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var maxX = doc.documentElement.clientWidth + window.scrollX - w - 4;
    tip.style.left = Math.max(window.scrollX + 4, Math.min(maxX, x - w / 2)) + "px";
    tip.style.top = (r.top - h - 6 < 0 ? y + r.height + 6 : y - h - 6) + "px";
    hit.setAttribute("aria-describedby", "infobulle-graphique");
  }

  function hideTip() { if (tip) tip.hidden = true; }

  function initHotspots(svg) {
    var hits = Array.prototype.slice.call(svg.querySelectorAll("g.hits > rect"));
    if (!hits.length) return;
    // A chart's phone layout carries no titles: its hotspots are those of its desktop layout, in
    // the same order (the page's "graphique-x-etroit" is "graphique-x" laid out narrow).
    var twin = /-etroit$/.test(svg.id) ? doc.getElementById(svg.id.replace(/-etroit$/, "")) : null;
    var twinHits = twin ? twin.querySelectorAll("g.hits > rect") : [];
    hits.forEach(function (hit, k) {
      var title = hit.querySelector("title");
      if (title) {
        hit.setAttribute("aria-label", title.textContent);
        hit.removeChild(title);   // the script's tooltip replaces the browser's
      } else if (twinHits[k]) {
        var t = twinHits[k].querySelector("title");
        hit.setAttribute("aria-label", twinHits[k].getAttribute("aria-label") || (t ? t.textContent : ""));
      }
      hit.setAttribute("role", "img");
      hit.setAttribute("tabindex", k === 0 ? "0" : "-1");
      hit.addEventListener("mouseenter", function () { showTip(hit); });
      hit.addEventListener("mouseleave", function () { if (doc.activeElement !== hit) hideTip(); });
      hit.addEventListener("focus", function () {
        hits.forEach(function (h) { h.setAttribute("tabindex", h === hit ? "0" : "-1"); });
        showTip(hit);
      });
      hit.addEventListener("blur", hideTip);
      hit.addEventListener("keydown", function (e) {
        var next = null;
        if (e.key === "ArrowRight" || e.key === "ArrowDown") next = hits[Math.min(hits.length - 1, k + 1)];
        else if (e.key === "ArrowLeft" || e.key === "ArrowUp") next = hits[Math.max(0, k - 1)];
        else if (e.key === "Home") next = hits[0];
        else if (e.key === "End") next = hits[hits.length - 1];
        else if (e.key === "Escape") { hideTip(); return; }
        if (!next) return;
        e.preventDefault();
        next.focus();
      });
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Sortable tables (table[data-sortable]): each column header becomes a button; a click sorts the
  // rows by the cells' data-sort value (numbers) or their text (French collation), ascending then
  // descending; aria-sort says the order. Without the script the table is a plain table.

  function initSortable(table) {
    var tbody = table.tBodies[0];
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, col) {
      var button = el("button", { type: "button", "class": "sort" });
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(tbody.rows);
        function key(row) {
          var cell = row.cells[col];
          var v = cell.getAttribute("data-sort");
          return v === null ? cell.textContent.trim() : (v === "" ? null : parseFloat(v));
        }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          if (x === null || y === null) return x === y ? 0 : (x === null ? 1 : -1);   // "–" last
          var c = typeof x === "number" ? x - y : collator.compare(x, y);
          return ascending ? c : -c;
        });
        rows.forEach(function (r) { tbody.appendChild(r); });
      });
    });
  }


  // ---------------------------------------------------------------------------------------------
  // The first screen of a phone (the stylesheet applies these below 600 px): the main menu behind a
  // "Menu" button, the notices folded to one line each behind a button that unfolds them. Without
  // the script, both are shown whole.

  function initCompactHeader() {
    var nav = doc.querySelector(".site-header nav"), list = nav && nav.querySelector("ul");
    if (list) {
      list.id = list.id || "menu-principal";
      var menu = el("button", { type: "button", "class": "menu-toggle", "aria-expanded": "false", "aria-controls": list.id }, "Menu");
      nav.insertBefore(menu, list);
      nav.classList.add("is-folded");
      menu.addEventListener("click", function () {
        var open = nav.classList.contains("is-folded");
        nav.classList.toggle("is-folded", !open);
        nav.classList.toggle("is-open", open);
        menu.setAttribute("aria-expanded", String(open));
      });
    }
    var notices = doc.querySelector(".notices");
    var n = notices ? notices.querySelectorAll("p").length : 0;
    if (n) {
      notices.id = notices.id || "avertissements";
      notices.classList.add("is-folded");
      var label = n > 1 ? "Lire les " + n + " avertissements en entier" : "Lire l’avertissement en entier";
      var more = el("button", { type: "button", "class": "notices-toggle", "aria-expanded": "false", "aria-controls": notices.id }, label);
      notices.appendChild(more);
      more.addEventListener("click", function () {
        var open = notices.classList.toggle("is-folded") === false;
        more.setAttribute("aria-expanded", String(open));
        more.textContent = open ? "Replier les avertissements" : label;
      });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Start

  function start() {
    initCompactHeader();
    initHeaderSearch();
    var page = doc.getElementById("recherche-page");
    if (page) { loadIndex().catch(function () {}); initResultsPage(page); }
    var compare = doc.getElementById("comparer");
    if (compare) initCompare(compare);
    doc.querySelectorAll("[data-explorer]").forEach(initExplorer);
    doc.querySelectorAll("table[data-sortable]").forEach(initSortable);
    doc.querySelectorAll("svg.chart").forEach(initHotspots);
    doc.querySelectorAll(".map-with-legend > img.map, .map-with-legend > img[width], .map-with-legend > .map-stack").forEach(initZoom);
    doc.querySelectorAll("img[data-polygones]").forEach(initMapPieces);
    doc.addEventListener("click", function (e) { if (!e.target.closest(".zoom-frame, .explorer-maps")) hideMapTip(); });
  }

  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", start);
  else start();
})();

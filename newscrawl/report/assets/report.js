// The newscrawl story report. Reads the JSON embedded in the page and builds
// every element with createElement and textContent: text from crawled pages
// is never parsed as HTML.
(function () {
  "use strict";

  var PAGE_SIZE = 50; // rows per list page: the DOM holds one page, never the whole crawl
  var SEARCH_DELAY_MS = 200; // typing pause before a search runs
  var WORD_DIFF_CELLS = 2500000; // largest word-by-word table; beyond it paragraphs are shown whole
  var EDIT_SIMILARITY = 0.5; // share of words two paragraphs must share to count as one, edited
  var PALETTE = ["#2a5db0", "#b0492a", "#2f8f5b", "#8a4fb0", "#c28a12", "#1f8a99", "#b02a6b",
    "#5b6b2f", "#6b4f2a", "#42509b"];
  var SVG_NS = "http://www.w3.org/2000/svg";

  // Milliseconds since navigation start: the script began (the document was
  // read up to here), the page was ready; texts: how long their JSON took to parse.
  var timing = { script: performance.now(), index: null, ready: null, texts: null, clicks: [] };
  window.__newscrawlReport = timing;

  function $(id) { return document.getElementById(id); }

  // el("td", {className: "num"}, "text", childNode, ...): strings become text nodes.
  function el(tag, props) {
    var node = document.createElement(tag);
    setProps(node, props);
    appendAll(node, Array.prototype.slice.call(arguments, 2));
    return node;
  }
  function sv(tag, attrs) {
    var node = document.createElementNS(SVG_NS, tag);
    if (attrs) for (var k in attrs) if (attrs[k] !== undefined) node.setAttribute(k, String(attrs[k]));
    appendAll(node, Array.prototype.slice.call(arguments, 2));
    return node;
  }
  function setProps(node, props) {
    if (!props) return;
    for (var key in props) {
      if (key === "dataset") { for (var d in props.dataset) node.dataset[d] = props.dataset[d]; }
      else if (key === "onclick" || key === "ontoggle") node.addEventListener(key.slice(2), props[key]);
      else if (key === "className" || key === "title" || key === "type" || key === "disabled" || key === "open") node[key] = props[key];
      else node.setAttribute(key, String(props[key]));
    }
  }
  function appendAll(node, children) {
    children.forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      if (Array.isArray(child)) appendAll(node, child);
      else if (typeof child === "string" || typeof child === "number") node.appendChild(document.createTextNode(String(child)));
      else node.appendChild(child);
    });
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

  var D = JSON.parse($("report-index").textContent);
  timing.index = performance.now() - timing.script;
  // The texts (gzipped JSON in base64) are unpacked on first need; views that
  // need them wait for loadTexts() in render().
  var X = null, textsPromise = null;
  function texts() {
    if (X === null) throw new Error("texts read before they were loaded");
    return X;
  }
  function loadTexts() {
    if (textsPromise === null) {
      var start = performance.now();
      textsPromise = new Promise(function (resolve) {
        if (typeof DecompressionStream === "undefined") throw new Error("this browser cannot unpack the texts (no DecompressionStream)");
        var packed = atob($("report-texts").textContent.trim());
        var bytes = new Uint8Array(packed.length);
        for (var i = 0; i < packed.length; i++) bytes[i] = packed.charCodeAt(i);
        resolve(new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text());
      }).then(function (json) {
        X = JSON.parse(json);
        timing.texts = performance.now() - start;
        return X;
      });
    }
    return textsPromise;
  }
  function needsTexts() {
    return route.view === "story" || route.view === "article" || (filters.inText && filters.text.trim() !== "");
  }
  var S = D.strings;
  function str(ref) { return ref >= 0 ? S[ref] : ""; }
  function color(ref) { return PALETTE[(ref >= 0 ? ref : 0) % PALETTE.length]; }
  function pad(n) { return n < 10 ? "0" + n : String(n); }
  function when(seconds, withTime) {
    if (seconds === null || seconds === undefined) return "no date";
    var d = new Date(seconds * 1000);
    var day = d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate());
    return withTime === false ? day : day + " " + pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()) + " UTC";
  }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many || one + "s"); }

  // -- filters -------------------------------------------------------------------

  var filters = { outlet: -1, agency: -1, from: null, to: null, text: "", inText: true };
  var cache = { key: null, articles: null, stories: null };
  var lowerParagraphs = null;

  function filterKey() { return JSON.stringify(filters); }

  function matchingParagraphs(query) {
    var t = texts();
    if (lowerParagraphs === null) lowerParagraphs = t.paragraphs.map(function (p) { return p.toLowerCase(); });
    var hit = new Uint8Array(lowerParagraphs.length);
    for (var i = 0; i < lowerParagraphs.length; i++) if (lowerParagraphs[i].indexOf(query) !== -1) hit[i] = 1;
    return hit;
  }

  function articleMatches() {
    var key = filterKey();
    if (cache.key === key) return cache;
    var n = D.n, out = [], query = filters.text.trim().toLowerCase();
    var paragraphHits = query && filters.inText ? matchingParagraphs(query) : null;
    var refs = paragraphHits ? texts().text : null;
    for (var i = 0; i < n; i++) {
      if (filters.outlet >= 0 && D.outlet[i] !== filters.outlet) continue;
      if (filters.agency >= 0 && D.wire[i] !== filters.agency &&
          !(D.cluster[i] >= 0 && D.stories[D.cluster[i]][1] === filters.agency)) continue;
      var p = D.published[i];
      if (filters.from !== null && (p === null || p < filters.from)) continue;
      if (filters.to !== null && (p === null || p >= filters.to)) continue;
      if (query) {
        var found = D.title[i].toLowerCase().indexOf(query) !== -1 || D.url[i].toLowerCase().indexOf(query) !== -1;
        if (!found && refs) {
          var own = refs[i];
          for (var j = 0; j < own.length && !found; j++) if (paragraphHits[own[j]]) found = true;
        }
        if (!found) continue;
      }
      out.push(i);
    }
    var inStory = new Uint8Array(D.stories.length), stories = [];
    out.forEach(function (i) { if (D.cluster[i] >= 0) inStory[D.cluster[i]] = 1; });
    for (var s = 0; s < D.stories.length; s++) if (inStory[s]) stories.push(s);
    cache = { key: key, articles: out, stories: stories };
    return cache;
  }

  function dayStart(value) {
    if (!value) return null;
    var t = Date.parse(value + "T00:00:00Z");
    return isNaN(t) ? null : t / 1000;
  }

  function readFilters() {
    filters.outlet = $("f-outlet").value === "" ? -1 : Number($("f-outlet").value);
    filters.agency = $("f-agency").value === "" ? -1 : Number($("f-agency").value);
    filters.from = dayStart($("f-from").value);
    var to = dayStart($("f-to").value);
    filters.to = to === null ? null : to + 86400;
    filters.text = $("f-text").value;
    filters.inText = $("f-intext").checked;
    route.pages = {};
    render();
  }

  function setupFilters() {
    D.outlets.forEach(function (ref) { $("f-outlet").appendChild(el("option", { value: ref }, str(ref))); });
    D.agencies.forEach(function (ref) { $("f-agency").appendChild(el("option", { value: ref }, str(ref))); });
    ["f-outlet", "f-agency", "f-from", "f-to", "f-intext"].forEach(function (id) {
      $(id).addEventListener("change", readFilters);
    });
    var timer = null;
    $("f-text").addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(readFilters, SEARCH_DELAY_MS);
    });
    $("filters").addEventListener("submit", function (e) { e.preventDefault(); readFilters(); });
    $("filters").addEventListener("reset", function () { setTimeout(readFilters, 0); });
  }

  // -- charts (inline SVG) -----------------------------------------------------------

  var BAR_ROW = 18, LABEL_WIDTH = 170, CHART_WIDTH = 440, MAX_BARS = 15;
  var MAX_TIME_BARS = 200; // more would be thinner than a pixel or two

  function barChart(pairs, cls, label) {
    pairs = pairs.filter(function (p) { return p[1] > 0; }).sort(function (a, b) { return b[1] - a[1]; });
    if (pairs.length > MAX_BARS) {
      var rest = pairs.slice(MAX_BARS - 1).reduce(function (t, p) { return t + p[1]; }, 0);
      pairs = pairs.slice(0, MAX_BARS - 1).concat([["(" + (pairs.length - MAX_BARS + 1) + " more)", rest]]);
    }
    if (!pairs.length) return el("p", { className: "muted" }, "none");
    var max = pairs[0][1], span = CHART_WIDTH - LABEL_WIDTH - 50;
    var svg = sv("svg", { width: CHART_WIDTH, height: pairs.length * BAR_ROW + 4, role: "img", "aria-label": label });
    pairs.forEach(function (p, row) {
      var y = row * BAR_ROW + 2, w = Math.max(1, Math.round((p[1] / max) * span));
      var name = p[0].length > 26 ? p[0].slice(0, 25) + "…" : p[0];
      svg.appendChild(sv("text", { x: LABEL_WIDTH - 6, y: y + 12, "text-anchor": "end" }, name));
      svg.appendChild(sv("rect", { x: LABEL_WIDTH, y: y + 2, width: w, height: BAR_ROW - 5, "class": "bar " + cls },
        sv("title", null, p[0] + ": " + p[1])));
      svg.appendChild(sv("text", { x: LABEL_WIDTH + w + 4, y: y + 12 }, String(p[1])));
    });
    return svg;
  }

  function timeChart(ids) {
    var times = [];
    ids.forEach(function (i) { if (D.published[i] !== null) times.push(D.published[i]); });
    if (!times.length) return { svg: el("p", { className: "muted" }, "no publication dates"), unit: "" };
    var lo = Infinity, hi = -Infinity;
    times.forEach(function (t) { if (t < lo) lo = t; if (t > hi) hi = t; });
    // Hours for a crawl of up to three days, days beyond (at most a year of bars).
    var step = hi - lo <= 3 * 86400 ? 3600 : 86400;
    var first = Math.floor(lo / step) * step;
    var bins = Math.floor((hi - first) / step) + 1;
    if (bins > MAX_TIME_BARS) { // a long span: wider bars, a whole number of hours or days each
      step = Math.ceil((hi - first + 1) / MAX_TIME_BARS / step) * step;
      first = Math.floor(lo / step) * step;
      bins = Math.floor((hi - first) / step) + 1;
    }
    var counts = new Array(bins).fill(0);
    times.forEach(function (t) { counts[Math.min(bins - 1, Math.floor((t - first) / step))]++; });
    var height = 120, width = CHART_WIDTH, base = height - 20, max = Math.max.apply(null, counts);
    var bw = (width - 20) / bins;
    var svg = sv("svg", { width: width, height: height, role: "img", "aria-label": "articles over time" });
    counts.forEach(function (c, k) {
      var h = max ? Math.round((c / max) * (base - 10)) : 0;
      var x = 10 + k * bw;
      svg.appendChild(sv("rect", { x: x.toFixed(1), y: base - h, width: Math.max(1, bw - 1).toFixed(1), height: h, "class": "bar" },
        sv("title", null, when(first + k * step, step < 86400) + ": " + c)));
    });
    svg.appendChild(sv("line", { x1: 10, x2: width - 10, y1: base, y2: base, "class": "axis" }));
    svg.appendChild(sv("text", { x: 10, y: height - 5 }, when(lo, step < 86400)));
    svg.appendChild(sv("text", { x: width - 10, y: height - 5, "text-anchor": "end" }, when(hi, step < 86400)));
    return { svg: svg, unit: step < 86400 ? "per hour" : "per day" };
  }

  function entries(obj) { return Object.keys(obj || {}).map(function (k) { return [k, obj[k]]; }); }

  function viewOverview(root) {
    var m = articleMatches(), ids = m.articles, st = D.stats || {};
    var perOutlet = {};
    var removed = 0;
    ids.forEach(function (i) { perOutlet[D.outlet[i]] = (perOutlet[D.outlet[i]] || 0) + 1; removed += D.removed[i]; });
    var dropped = entries(st.dropped).reduce(function (t, p) { return t + p[1]; }, 0);
    var cards = el("div", { className: "cards" },
      card("articles", ids.length), card("outlets", Object.keys(perOutlet).length),
      card("stories on 2+ outlets", m.stories.length), card("blocks removed", removed));
    if (st.present) {
      cards.appendChild(card("pages fetched", st.pages));
      cards.appendChild(card("dropped", dropped));
      cards.appendChild(card("offsite requests filtered", st.offsite));
      cards.appendChild(card("finish", st.finish_reason || "?"));
    }
    var time = timeChart(ids);
    var kinds = st.present && entries(st.removed).length ? st.removed : D.removed_by_kind;
    root.appendChild(cards);
    root.appendChild(el("div", { className: "charts" },
      el("section", { className: "chart", id: "chart-outlets" }, el("h2", null, "Articles per outlet"),
        barChart(Object.keys(perOutlet).map(function (r) { return [str(Number(r)) || "(no outlet)", perOutlet[r]]; }), "", "articles per outlet")),
      el("section", { className: "chart", id: "chart-time" }, el("h2", null, "Articles " + time.unit), time.svg),
      el("section", { className: "chart", id: "chart-dropped" }, el("h2", null, "Dropped, by reason (whole crawl)"),
        st.present ? barChart(entries(st.dropped), "drop", "drops by reason") : el("p", { className: "muted" }, "no stats file")),
      el("section", { className: "chart", id: "chart-removed" }, el("h2", null, "Removed blocks, by kind (whole crawl)"),
        barChart(entries(kinds), "kind", "removals by kind"))));
    if (st.present && entries(st.skipped).length) {
      root.appendChild(el("section", { className: "chart" }, el("h2", null, "Not followed by discovery, by reason"),
        barChart(entries(st.skipped), "drop", "discovery skips")));
    }
  }
  function card(label, value) { return el("div", { className: "card" }, el("b", null, String(value)), label); }

  // -- lists ---------------------------------------------------------------------------

  function pager(total, onPage) {
    var pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    var view = route.view, page = Math.min(route.pages[view] || 0, pages - 1);
    var box = el("div", { className: "pager" },
      el("button", { type: "button", disabled: page === 0, className: "prev", onclick: function () { route.pages[view] = page - 1; onPage(); } }, "‹ previous"),
      el("span", null, "page " + (page + 1) + " of " + pages + " (" + total + ")"),
      el("button", { type: "button", disabled: page >= pages - 1, className: "next", onclick: function () { route.pages[view] = page + 1; onPage(); } }, "next ›"));
    return { box: box, start: page * PAGE_SIZE, end: Math.min(total, (page + 1) * PAGE_SIZE) };
  }

  function miniTimeline(members, width, height) {
    var times = members.map(function (i) { return D.published[i]; }).filter(function (t) { return t !== null; });
    var lo = Math.min.apply(null, times), hi = Math.max.apply(null, times);
    var svg = sv("svg", { width: width, height: height, "class": "timeline" });
    svg.appendChild(sv("line", { x1: 6, x2: width - 6, y1: height / 2, y2: height / 2, stroke: "#dde1e6" }));
    members.forEach(function (i) {
      var t = D.published[i];
      var x = t === null || !times.length ? width - 6 : (hi > lo ? 6 + ((t - lo) / (hi - lo)) * (width - 12) : width / 2);
      svg.appendChild(sv("circle", { cx: x.toFixed(1), cy: height / 2, r: 5, fill: color(D.outlet[i]) },
        sv("title", null, str(D.outlet[i]) + ", " + when(t))));
    });
    return svg;
  }

  // One page of a list: a heading, the pager, and a table with a row per id.
  function listView(root, ids, heading, tableId, headers, row) {
    var p = pager(ids.length, render);
    var body = el("tbody");
    for (var k = p.start; k < p.end; k++) body.appendChild(row(ids[k]));
    root.appendChild(el("h2", null, heading));
    root.appendChild(p.box);
    root.appendChild(el("table", { className: "list", id: tableId },
      el("thead", null, el("tr", null, headers.map(function (h) {
        return el("th", h.charAt(0) === "#" ? { className: "num" } : null, h.replace(/^#/, ""));
      }))), body));
  }

  function openRow(cls, view, id, cells) {
    var data = {}; data[view] = id;
    return el("tr", { className: "row " + cls, dataset: data, onclick: function (e) { e.preventDefault(); go(view, id); } }, cells);
  }

  function viewStories(root) {
    var list = articleMatches().stories;
    listView(root, list, plural(list.length, "story", "stories") + " printed by two or more outlets", "stories",
      ["first published", "headline (origin)", "origin outlet", "agency", "#outlets", "#copies", "timeline"],
      function (s) {
        var story = D.stories[s], origin = story[0], members = story[2];
        var outlets = {};
        members.forEach(function (i) { outlets[str(D.outlet[i])] = 1; });
        return openRow("story-row", "story", s, [
          el("td", null, when(D.published[members[0]])),
          el("td", null, el("a", { className: "link", href: "#story/" + s }, D.title[origin] || "(no headline)")),
          el("td", null, str(D.outlet[origin])),
          el("td", null, str(story[1]) || "—"),
          el("td", { className: "num outlets" }, String(Object.keys(outlets).length)),
          el("td", { className: "num" }, String(members.length)),
          el("td", null, miniTimeline(members, 220, 18))]);
      });
  }

  function viewArticles(root) {
    var list = articleMatches().articles;
    listView(root, list, plural(list.length, "article"), "articles",
      ["published", "outlet", "headline", "wire", "#removed", "syndication"],
      function (i) {
        return openRow("article-row", "article", i, [
          el("td", null, when(D.published[i])),
          el("td", null, str(D.outlet[i])),
          el("td", null, el("a", { className: "link", href: "#article/" + i }, D.title[i] || "(no headline)")),
          el("td", null, str(D.wire[i]) || "—"),
          el("td", { className: "num" }, String(D.removed[i])),
          el("td", null, D.cluster[i] >= 0 ? "story of " + D.stories[D.cluster[i]][2].length : "")]);
      });
  }

  // -- one story: each copy against the origin -------------------------------------------------

  function paragraphsOf(i) { var t = texts(); return t.text[i].map(function (r) { return t.paragraphs[r]; }); }
  function norm(s) { return s.replace(/\s+/g, " ").trim().toLowerCase(); }
  function words(s) { return s.toLowerCase().match(/[\p{L}\p{N}]+/gu) || []; }
  // Dice coefficient of the two paragraphs' sets of words (punctuation ignored).
  function similarity(a, b) {
    var wa = {}, na = 0, shared = 0, nb = 0;
    words(a).forEach(function (w) { if (!wa[w]) { wa[w] = 1; na++; } });
    var seen = {};
    words(b).forEach(function (w) { if (!seen[w]) { seen[w] = 1; nb++; if (wa[w]) shared++; } });
    return na + nb ? (2 * shared) / (na + nb) : 1;
  }

  // Longest common subsequence of two sequences: [["kept", i, j] | ["del", i] | ["add", j]].
  function align(a, b, same) {
    var n = a.length, m = b.length, w = m + 1;
    var table = new Uint32Array((n + 1) * w);
    for (var i = n - 1; i >= 0; i--)
      for (var j = m - 1; j >= 0; j--)
        table[i * w + j] = same(a[i], b[j]) ? table[(i + 1) * w + j + 1] + 1 : Math.max(table[(i + 1) * w + j], table[i * w + j + 1]);
    var ops = [], x = 0, y = 0;
    while (x < n && y < m) {
      if (same(a[x], b[y])) { ops.push(["kept", x++, y++]); }
      else if (table[(x + 1) * w + y] >= table[x * w + y + 1]) ops.push(["del", x++]);
      else ops.push(["add", y++]);
    }
    while (x < n) ops.push(["del", x++]);
    while (y < m) ops.push(["add", y++]);
    return ops;
  }

  // Paragraph diff of a copy against its origin: kept, dropped, added, and
  // edited (a dropped and an added paragraph between the same kept ones that
  // share most of their words).
  function paragraphDiff(origin, copy) {
    var a = origin.map(norm), b = copy.map(norm);
    var ops = a.length * b.length > WORD_DIFF_CELLS ? null : align(a, b, function (p, q) { return p === q; });
    if (ops === null) { // too long to align: kept where identical, else dropped or added
      var inB = {}; b.forEach(function (p) { inB[p] = 1; });
      var inA = {}; a.forEach(function (p) { inA[p] = 1; });
      ops = a.map(function (p, i) { return inB[p] ? ["kept", i, b.indexOf(p)] : ["del", i]; })
        .concat(b.map(function (p, j) { return inA[p] ? null : ["add", j]; }).filter(Boolean));
    }
    var out = [], run = [];
    function flush() {
      var dels = run.filter(function (o) { return o[0] === "del"; });
      var adds = run.filter(function (o) { return o[0] === "add"; });
      var used = {};
      dels.forEach(function (d) {
        var best = -1, bestScore = EDIT_SIMILARITY;
        adds.forEach(function (add, k) {
          if (used[k]) return;
          var score = similarity(origin[d[1]], copy[add[1]]);
          if (score >= bestScore) { best = k; bestScore = score; }
        });
        if (best >= 0) { used[best] = 1; out.push({ op: "edited", a: origin[d[1]], b: copy[adds[best][1]] }); }
        else out.push({ op: "dropped", a: origin[d[1]] });
      });
      adds.forEach(function (add, k) { if (!used[k]) out.push({ op: "added", b: copy[add[1]] }); });
      run = [];
    }
    ops.forEach(function (o) {
      if (o[0] === "kept") { flush(); out.push({ op: "kept", a: origin[o[1]], b: copy[o[2]] }); }
      else run.push(o);
    });
    flush();
    return out;
  }

  function wordDiff(a, b) {
    var ta = a.split(/(\s+)/), tb = b.split(/(\s+)/);
    if (ta.length * tb.length > WORD_DIFF_CELLS) return [el("del", null, a), " ", el("ins", null, b)];
    var ops = align(ta, tb, function (x, y) { return x === y; });
    var nodes = [];
    ops.forEach(function (o) {
      if (o[0] === "kept") nodes.push(ta[o[1]]);
      else if (o[0] === "del") nodes.push(el("del", null, ta[o[1]]));
      else nodes.push(el("ins", null, tb[o[1]]));
    });
    return nodes;
  }

  function countOf(value) {
    if (typeof value === "number") return value;
    if (Array.isArray(value)) return value.length;
    return "?";
  }

  function recordBox(changes, against) {
    var box = el("div", { className: "record" },
      el("b", null, "Syndication record"), " (against " + against + "): ",
      ["kept", "dropped", "added", "edited"].map(function (k) { return k + " " + countOf(changes[k]) + "; "; }),
      "headline " + (changes.headline_changed ? "changed" : "unchanged"));
    [["dropped_spans", "dropped"], ["added_spans", "added"]].forEach(function (pair) {
      var spans = changes[pair[0]];
      if (Array.isArray(spans) && spans.length) {
        box.appendChild(el("div", null, pair[1] + ": ", spans.map(function (s) {
          return el(pair[1] === "dropped" ? "del" : "ins", null, typeof s === "string" ? s : JSON.stringify(s));
        }).reduce(function (acc, node) { return acc.length ? acc.concat([" … ", node]) : [node]; }, [])));
      }
    });
    return box;
  }

  function diffBody(origin, copy) {
    var t = texts(), syn = t.syndication[String(copy)] || [], originSyn = t.syndication[String(origin)] || [];
    var diff = paragraphDiff(paragraphsOf(origin), paragraphsOf(copy));
    var counts = { kept: 0, dropped: 0, added: 0, edited: 0 };
    diff.forEach(function (d) { counts[d.op]++; });
    var headlineChanged = norm(D.title[origin]) !== norm(D.title[copy]);
    var body = el("div", { className: "body diff" });
    var changes = syn[5];
    if (changes && syn[1] && syn[1] === originSyn[0]) body.appendChild(recordBox(changes, str(D.outlet[origin]) + ", the origin"));
    body.appendChild(el("p", { className: "summary" }, "Against the origin, from the texts: ",
      "kept " + counts.kept + ", dropped " + counts.dropped + ", added " + counts.added + ", edited " + counts.edited +
      " paragraphs; headline " + (headlineChanged ? "changed" : "unchanged") + "."));
    if (headlineChanged) {
      body.appendChild(el("p", { className: "headline changed" }, el("span", { className: "tag" }, "headline "),
        wordDiff(D.title[origin], D.title[copy])));
    }
    diff.forEach(function (d) {
      var content = d.op === "edited" ? wordDiff(d.a, d.b) : d.op === "added" ? d.b : d.a;
      body.appendChild(el("div", { className: "para " + d.op }, el("span", { className: "tag" }, d.op), content));
    });
    return body;
  }

  function viewStory(root, s) {
    var story = D.stories[s];
    if (!story) { root.appendChild(el("p", null, "No such story.")); return; }
    var origin = story[0], members = story[2];
    var t = texts();
    root.appendChild(el("p", null, link("‹ all stories", "stories")));
    root.appendChild(el("h2", { id: "story-headline" }, D.title[origin] || "(no headline)"));
    root.appendChild(el("p", null, "Origin: ", el("span", { className: "badge origin" }, str(D.outlet[origin])),
      " agency: ", el("b", { id: "story-agency" }, str(story[1]) || "none credited"), " · ",
      plural(members.length, "copy", "copies")));
    root.appendChild(bigTimeline(members, origin));
    members.forEach(function (i) {
      var syn = t.syndication[String(i)] || [];
      var isOrigin = i === origin;
      var details = el("details", { className: "copy" + (isOrigin ? " origin" : ""), dataset: { article: i } });
      var summary = el("summary", null, el("span", { className: "badge" + (isOrigin ? " origin" : "") }, str(D.outlet[i])),
        when(D.published[i]), " · ", D.title[i] || "(no headline)",
        isOrigin ? " · origin" : (syn[2] ? " · " + syn[2] : ""),
        syn[3] !== null && syn[3] !== undefined && !isOrigin ? " · jaccard " + syn[3] : "");
      details.appendChild(summary);
      var filled = false;
      details.addEventListener("toggle", function () {
        if (!details.open || filled) return;
        filled = true;
        details.appendChild(isOrigin ? plainText(i) : diffBody(origin, i));
        details.appendChild(el("p", { className: "body" }, link("cleaning of this article ›", "article", i)));
      });
      root.appendChild(details);
    });
  }

  function plainText(i) {
    return el("div", { className: "body article-text" }, paragraphsOf(i).map(function (p) { return el("p", null, p); }));
  }

  function bigTimeline(members, origin) {
    var rowH = 22, labelW = 200, width = 860;
    var times = members.map(function (i) { return D.published[i]; }).filter(function (t) { return t !== null; });
    var lo = Math.min.apply(null, times), hi = Math.max.apply(null, times);
    var svg = sv("svg", { width: width, height: members.length * rowH + 30, "class": "timeline", id: "story-timeline", role: "img", "aria-label": "copies by publication time" });
    var span = width - labelW - 30;
    members.forEach(function (i, row) {
      var t = D.published[i], y = row * rowH + 14;
      var x = t === null || !times.length ? labelW + span : (hi > lo ? labelW + ((t - lo) / (hi - lo)) * span : labelW + span / 2);
      svg.appendChild(sv("text", { x: labelW - 8, y: y + 4, "text-anchor": "end" }, str(D.outlet[i]) + (i === origin ? " (origin)" : "")));
      svg.appendChild(sv("line", { x1: labelW, x2: labelW + span, y1: y, y2: y, stroke: "#eef0f3" }));
      svg.appendChild(sv("circle", { cx: x.toFixed(1), cy: y, r: 6, fill: color(D.outlet[i]) }, sv("title", null, when(t))));
    });
    var base = members.length * rowH + 18;
    if (times.length) {
      svg.appendChild(sv("text", { x: labelW, y: base }, when(lo)));
      if (hi > lo) svg.appendChild(sv("text", { x: labelW + span, y: base, "text-anchor": "end" }, when(hi)));
    }
    return svg;
  }

  // -- one article: its text and what cleaning removed -----------------------------------------

  function viewArticle(root, i) {
    if (!(i >= 0 && i < D.n)) { root.appendChild(el("p", null, "No such article.")); return; }
    var t = texts(), detail = t.details[i], removed = t.removed[i];
    root.appendChild(el("p", null, link("‹ all articles", "articles"),
      D.cluster[i] >= 0 ? [" · ", link("its story ›", "story", D.cluster[i])] : null));
    root.appendChild(el("h2", { id: "article-headline" }, D.title[i] || "(no headline)"));
    root.appendChild(el("p", { className: "muted" }, str(D.outlet[i]), " · ", detail[3] || "no date",
      detail[0] ? " · " + detail[0] : "", str(detail[1]) ? " · " + str(detail[1]) : "", str(D.wire[i]) ? " · wire: " + str(D.wire[i]) : ""));
    root.appendChild(el("p", { className: "muted" }, D.url[i]));
    var byKind = {};
    removed.forEach(function (r) { byKind[str(r[0])] = (byKind[str(r[0])] || 0) + 1; });
    var list = el("div", { id: "removed-blocks" }, el("h2", null, plural(removed.length, "block") + " removed by cleaning"),
      el("p", null, entries(byKind).map(function (p) { return el("span", { className: "badge kind" }, p[0] + " " + p[1]); })));
    removed.forEach(function (r) {
      list.appendChild(el("div", { className: "removed-block", dataset: { kind: str(r[0]) } },
        el("span", { className: "badge kind" }, str(r[0])), el("span", { className: "badge rule" }, str(r[1]) || "no rule"),
        el("div", { className: "text" }, t.blocks[r[2]] || "")));
    });
    root.appendChild(el("div", { className: "split" },
      el("div", { className: "article-text", id: "article-text" }, el("h2", null, "Text kept"),
        paragraphsOf(i).map(function (p) { return el("p", null, p); })), list));
  }

  // -- routing -------------------------------------------------------------------------------

  // The list page of each list view is kept while a story or article is open.
  var route = { view: "overview", id: null, pages: {} };

  // Views change at once (the click is answered in the same task) and land in
  // the history, so the browser's back button works, from disk too.
  function go(view, id) {
    var hash = "#" + view + (id !== undefined && id !== null ? "/" + id : "");
    if (location.hash !== hash) history.pushState(null, "", hash);
    readHash();
    render();
    window.scrollTo(0, 0);
  }

  // A link that works from the keyboard and in a new tab, answered without a reload.
  function link(text, view, id) {
    var hash = "#" + view + (id !== undefined ? "/" + id : "");
    return el("a", { className: "link", href: hash, onclick: function (e) { e.preventDefault(); go(view, id); } }, text);
  }

  function readHash() {
    var parts = location.hash.replace(/^#/, "").split("/");
    var view = ["overview", "stories", "articles", "story", "article"].indexOf(parts[0]) >= 0 ? parts[0] : "overview";
    route.view = view;
    route.id = parts.length > 1 ? Number(parts[1]) : null;
  }

  function render() {
    var root = clear($("view"));
    var tab = route.view === "story" ? "stories" : route.view === "article" ? "articles" : route.view;
    Array.prototype.forEach.call(document.querySelectorAll(".tab"), function (b) {
      b.setAttribute("aria-selected", b.dataset.view === tab ? "true" : "false");
    });
    if (X === null && needsTexts()) {
      root.appendChild(el("p", { className: "muted", id: "loading-texts" }, "Reading the texts…"));
      loadTexts().then(render, function (error) {
        clear(root).appendChild(el("p", { className: "error" }, "Cannot read the texts: " + error.message));
      });
      return;
    }
    var m = articleMatches();
    $("f-count").textContent = m.articles.length === D.n ? "" : m.articles.length + " of " + D.n + " articles match";
    if (route.view === "stories") viewStories(root);
    else if (route.view === "articles") viewArticles(root);
    else if (route.view === "story") viewStory(root, route.id);
    else if (route.view === "article") viewArticle(root, route.id);
    else viewOverview(root);
    root.dataset.rendered = route.view;
  }

  function start() {
    $("report-title").textContent = "newscrawl report" + (D.source ? ": " + D.source : "");
    $("footer").textContent = D.n + " articles from " + (D.source || "a crawl") + " · report made " + D.generated;
    setupFilters();
    Array.prototype.forEach.call(document.querySelectorAll(".tab"), function (b) {
      b.addEventListener("click", function (event) {
        var began = event.timeStamp;
        go(b.dataset.view);
        requestAnimationFrame(function () {
          timing.clicks.push({ view: b.dataset.view, handledMs: performance.now() - began, at: performance.now() });
        });
      });
    });
    window.addEventListener("popstate", function () { readHash(); render(); });
    window.addEventListener("hashchange", function () { readHash(); render(); });
    readHash();
    render();
    timing.ready = performance.now();
  }

  start();
})();

// kiebitz serve: the only script of the pages (no inline scripts: the CSP forbids them).
// Data arrives in <script type="application/json"> blocks; text is inserted with textContent only.
"use strict";

(function () {
  function readJSON(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  // -- charts: Vega-Lite specs rendered with the bundled vega-embed, no eval (CSP) -------------
  function drawCharts() {
    var charts = document.querySelectorAll(".chart[data-spec]");
    if (!charts.length || typeof window.vegaEmbed !== "function") return;
    charts.forEach(function (el) {
      var spec = readJSON(el.getAttribute("data-spec"));
      if (!spec) return;
      window.vegaEmbed(el, spec, {
        actions: false, renderer: "svg", ast: true, expr: window.vega.expressionInterpreter,
        loader: window.vega.loader({ target: "_self" }),
        defaultStyle: false, tooltip: true
      }).then(function () { el.setAttribute("data-rendered", "true"); })
        .catch(function (err) { el.textContent = "Chart failed: " + err; el.setAttribute("data-rendered", "error"); });
    });
  }

  // -- the article page: select an annotation, show its details ---------------------------------
  var anns = readJSON("annotations");

  function row(dl, label, value) {
    if (value === null || value === undefined || value === "") return;
    var dt = document.createElement("dt"); dt.textContent = label;
    var dd = document.createElement("dd");
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
    dl.appendChild(dt); dl.appendChild(dd);
  }

  function actorNode(who) {
    if (!who) return null;
    var list = Array.isArray(who) ? who : [who];
    if (!list.length) return null;
    var span = document.createElement("span");
    list.forEach(function (w, i) {
      if (i) span.appendChild(document.createTextNode(", "));
      if (w && w.key) {
        var a = document.createElement("a");
        a.href = "/actor/" + encodeURIComponent(w.key).replace(/%3A/g, ":");
        a.className = "actor"; a.textContent = w.name;
        span.appendChild(a);
      } else if (w) { span.appendChild(document.createTextNode(w.name)); }
    });
    return span;
  }

  function detail(id) {
    var a = anns[id];
    if (a && a.of) { id = a.of; a = anns[id]; }
    if (!a) return null;
    var box = document.createElement("div");
    box.className = "detail"; box.setAttribute("data-detail", id);
    var h = document.createElement("h3");
    var dl = document.createElement("dl");
    if (a.what === "statement") {
      h.textContent = "Statement · " + a.kind;
      row(dl, "speaker", actorNode(a.speaker) || a.speaker_text || "unknown");
      row(dl, "mentioned as", a.speaker_text); row(dl, "cue", a.cue);
      row(dl, "text", a.text); row(dl, "offsets", a.start + "–" + a.end);
      row(dl, "confidence", a.confidence);
    } else if (a.what === "event") {
      h.textContent = "Event · " + a.type + (a.mode ? " / " + a.mode : "");
      row(dl, "actor", actorNode(a.actor) || "—"); row(dl, "recipient", actorNode(a.recipient) || "—");
      row(dl, "type", a.type); row(dl, "mode", a.mode); row(dl, "quad class", a.quad);
      row(dl, "modality", a.modality); row(dl, "claimed by", actorNode(a.claimed_by) || "asserted by the outlet");
      row(dl, "date", a.date ? a.date + (a.date_precision ? " (" + a.date_precision + ")" : "") : null);
      row(dl, "location", a.location); row(dl, "trigger", a.trigger);
      row(dl, "offsets", a.start + "–" + a.end); row(dl, "confidence", a.confidence);
    } else if (a.what === "entity") {
      h.textContent = "Entity · " + a.label;
      row(dl, "text", a.text); row(dl, "actor", actorNode(a.actor));
      row(dl, "offsets", a.start + "–" + a.end); row(dl, "confidence", a.confidence);
    }
    box.appendChild(h); box.appendChild(dl);
    return box;
  }

  function select(ids, scroll) {
    document.querySelectorAll(".selected").forEach(function (el) { el.classList.remove("selected"); });
    var body = document.getElementById("details-body");
    body.textContent = "";
    var seen = {};
    ids.forEach(function (id) {
      var a = anns[id];
      var main = a && a.of ? a.of : id;
      if (seen[main]) return;
      seen[main] = true;
      document.querySelectorAll('#text [data-ann~="' + main + '"]').forEach(function (el) { el.classList.add("selected"); });
      document.querySelectorAll('.item[data-select="' + main + '"]').forEach(function (el) { el.classList.add("selected"); });
      var d = detail(main);
      if (d) body.appendChild(d);
    });
    if (scroll) {
      var first = document.querySelector("#text .selected");
      if (first) first.scrollIntoView({ block: "center" });
    }
  }

  function setupArticle() {
    if (!anns) return;
    document.getElementById("text").addEventListener("click", function (ev) {
      var el = ev.target.closest("[data-ann]");
      if (el) select(el.getAttribute("data-ann").split(" "), false);
    });
    document.querySelectorAll("button.sel").forEach(function (b) {
      b.addEventListener("click", function () { select([b.getAttribute("data-select")], true); });
    });
    document.querySelectorAll("input[data-layer]").forEach(function (cb) {
      cb.addEventListener("change", function () {
        document.body.classList.toggle("hide-" + cb.getAttribute("data-layer"), !cb.checked);
      });
    });
    var hash = decodeURIComponent(location.hash.slice(1));
    var target = hash && document.getElementById(hash);
    if (target && target.getAttribute("data-select")) select([target.getAttribute("data-select")], true);
  }

  setupArticle();
  drawCharts();
})();

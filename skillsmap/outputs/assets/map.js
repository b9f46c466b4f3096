// Interaction of a skills map page: path highlighting, track toggles, search and details panel.
// Every user text comes from the JSON data block and is written with textContent only.
"use strict";
(function () {
  var data = JSON.parse(document.getElementById("skillsmap-data").textContent);
  var svgs = Array.prototype.map.call(document.querySelectorAll(".map svg"), function (s) { return s; });
  var roles = {};
  data.roles.forEach(function (r) { roles[r.id] = r; });
  var hiddenTracks = {};

  function each(prefix, fn) {
    data.prefixes.forEach(function (p) {
      var el = document.getElementById(p + prefix);
      if (el) fn(el, p);
    });
  }

  function linked(start, forward) {
    var seen = {}; var moves = []; var todo = [start];
    seen[start] = true;
    while (todo.length) {
      var at = todo.pop();
      data.moves.forEach(function (m) {
        var from = forward ? m.from : m.to; var to = forward ? m.to : m.from;
        if (from !== at || hiddenTracks[roles[to].track]) return;
        moves.push(m);
        if (!seen[to]) { seen[to] = true; todo.push(to); }
      });
    }
    return { roles: Object.keys(seen), moves: moves };
  }

  function clearTrace() {
    svgs.forEach(function (s) {
      s.classList.remove("tracing");
      Array.prototype.forEach.call(s.querySelectorAll(".on"), function (e) { e.classList.remove("on"); });
    });
  }

  function trace(id) {
    clearTrace();
    var down = linked(id, true); var up = linked(id, false);
    down.roles.concat(up.roles).forEach(function (r) {
      each(roles[r].element, function (e) { e.classList.add("on"); });
    });
    down.moves.concat(up.moves).forEach(function (m) {
      each(m.element, function (e) { e.classList.add("on"); });
      each(m.label, function (e) { e.classList.add("on"); });
    });
    svgs.forEach(function (s) { s.classList.add("tracing"); });
    show(roles[id]);
  }

  function text(id, value) { document.getElementById(id).textContent = value || "-"; }

  function show(r) {
    text("panel-title", r.title);
    text("panel-description", r.description);
    text("panel-level", r.level);
    text("panel-track", r.trackLabel);
    text("panel-aliases", r.aliases.map(function (a) { return a[0] + ": " + a[1]; }).join("; "));
  }

  function roleOf(el) {
    var g = el.closest ? el.closest(".role") : null;
    if (!g && el.querySelector) g = el.querySelector(":scope > .role");
    if (!g) return null;
    return data.roles.find(function (r) {
      return data.prefixes.some(function (p) { return g.id === p + r.element; });
    }) || null;
  }

  function toggleTrack(track) {
    hiddenTracks[track] = !hiddenTracks[track];
    var off = hiddenTracks[track];
    data.roles.forEach(function (r) {
      if (r.track === track) each(r.element, function (e) { e.classList.toggle("off", off); });
    });
    data.moves.forEach(function (m) {
      var gone = hiddenTracks[roles[m.from].track] || hiddenTracks[roles[m.to].track];
      each(m.element, function (e) { e.classList.toggle("off", !!gone); });
      each(m.label, function (e) { e.classList.toggle("off", !!gone); });
    });
    svgs.forEach(function (s) {
      Array.prototype.forEach.call(s.querySelectorAll(".legend-track.track-" + track), function (e) {
        e.classList.toggle("hidden-track", off);
        e.setAttribute("aria-pressed", off ? "false" : "true");
      });
    });
    clearTrace();
  }

  function trackOf(item) {
    var track = null;
    item.classList.forEach(function (c) { if (c.indexOf("track-") === 0) track = c.slice(6); });
    return track;
  }

  svgs.forEach(function (s) {
    Array.prototype.forEach.call(s.querySelectorAll(".role"), function (g) {
      if (!g.parentNode.closest("a")) g.setAttribute("tabindex", "0");
    });
    Array.prototype.forEach.call(s.querySelectorAll(".legend-track"), function (item) {
      item.setAttribute("tabindex", "0");
      item.setAttribute("role", "button");
      item.setAttribute("aria-pressed", "true");
      item.addEventListener("click", function () { toggleTrack(trackOf(item)); });
      item.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); toggleTrack(trackOf(item)); }
      });
    });
    s.addEventListener("mouseover", function (ev) { var r = roleOf(ev.target); if (r) trace(r.id); });
    s.addEventListener("focusin", function (ev) { var r = roleOf(ev.target); if (r) trace(r.id); });
    s.addEventListener("mouseout", function (ev) {
      if (roleOf(ev.target) && !(ev.relatedTarget && roleOf(ev.relatedTarget))) clearTrace();
    });
    s.addEventListener("focusout", clearTrace);
  });

  function find(query) {
    var q = query.trim().toLowerCase();
    if (!q) return null;
    return data.roles.find(function (r) {
      return [r.title].concat(r.aliases.map(function (a) { return a[1]; })).some(function (t) {
        return t.toLowerCase().indexOf(q) !== -1;
      });
    }) || null;
  }

  function focusRole(r) {
    var visible = svgs.find(function (s) { return s.getClientRects().length > 0; }) || svgs[0];
    var prefix = data.prefixes[svgs.indexOf(visible)];
    var g = document.getElementById(prefix + r.element);
    var target = g.getAttribute("tabindex") === null ? g.parentNode : g;
    if (hiddenTracks[r.track]) toggleTrack(r.track);
    target.focus();
    trace(r.id);
  }

  document.getElementById("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var r = find(document.getElementById("search").value);
    text("search-status", r ? "Found " + r.title : "No role matches");
    if (r) focusRole(r);
  });

  function classesOf(id) {
    var el = document.getElementById(id);
    return el ? el.getAttribute("class") : null;
  }

  function selftest(id) {
    var errors = [];
    window.addEventListener("error", function (ev) { errors.push(String(ev.message)); });
    var first = roles[id] || data.roles[0];
    var prefix = data.prefixes[0];
    var g = document.getElementById(prefix + first.element);
    g.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
    var result = { hover: {}, panel: document.getElementById("panel-title").textContent };
    data.roles.forEach(function (r) { result.hover[r.element] = classesOf(prefix + r.element); });
    data.moves.forEach(function (m) { result.hover[m.element] = classesOf(prefix + m.element); });
    var item = svgs[0].querySelector(".legend-track");
    item.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    result.clicked = trackOf(item);
    result.pressed = item.getAttribute("aria-pressed");
    result.click = {};
    data.roles.forEach(function (r) { result.click[r.element] = classesOf(prefix + r.element); });
    data.moves.forEach(function (m) { result.click[m.element] = classesOf(prefix + m.element); });
    document.getElementById("search").value = first.aliases.length ? first.aliases[0][1] : first.title;
    document.getElementById("search-form").requestSubmit();
    result.search = document.getElementById("search-status").textContent;
    result.focused = document.activeElement ? document.activeElement.id : null;
    result.errors = errors;
    var out = document.createElement("pre");
    out.id = "selftest";
    out.textContent = JSON.stringify(result);
    document.body.appendChild(out);
  }

  // A scripted check for tests: "#selftest:<role id>" hovers that role, clicks the first track
  // in the legend, searches, and writes what the page did into <pre id="selftest">.
  var hook = /^#selftest(?::(.*))?$/.exec(location.hash);
  if (hook) selftest(decodeURIComponent(hook[1] || ""));
})();

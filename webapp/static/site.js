// councilwatch: the little the pages need JavaScript for. Everything works without it.
(function () {
  "use strict";

  // "Copy" buttons next to each citation form.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.copy");
    if (!button) return;
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard) return;
    navigator.clipboard.writeText(source.textContent).then(function () {
      var label = button.textContent;
      button.textContent = "Copied";
      button.classList.add("done");
      setTimeout(function () { button.textContent = label; button.classList.remove("done"); }, 1500);
    });
  });

  // Keys to jump between changes on a comparison: j / n next, k / p previous.
  var changes = Array.prototype.slice.call(document.querySelectorAll(".row.chg"));
  if (changes.length) {
    var current = -1;
    var visible = function (row) { return row.offsetParent !== null; };
    var go = function (step) {
      var n = changes.length;
      for (var i = 1; i <= n; i++) {
        var next = ((current + step * i) % n + n) % n;
        if (visible(changes[next])) { current = next; break; }
      }
      changes.forEach(function (row) { row.classList.remove("focus"); });
      var row = changes[current];
      row.classList.add("focus");
      row.scrollIntoView({block: "center"});
      history.replaceState(null, "", "#chg-" + row.getAttribute("data-chg"));
    };
    document.addEventListener("keydown", function (event) {
      if (event.target.closest("input, textarea, select") || event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === "j" || event.key === "n") { go(1); event.preventDefault(); }
      if (event.key === "k" || event.key === "p") { go(-1); event.preventDefault(); }
    });
  }

  // On an immutable version page, say so when a newer version exists (asked of the API,
  // so the permalink's own bytes never change).
  var newer = document.getElementById("newer-version");
  if (newer && window.fetch) {
    fetch(newer.getAttribute("data-api"), {headers: {Accept: "application/json"}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (doc) {
        if (!doc || !doc.versions || !doc.versions.length) return;
        var last = doc.versions[doc.versions.length - 1];
        if (last.number > Number(newer.getAttribute("data-number"))) {
          var link = document.createElement("a");
          link.href = new URL(last.url).pathname;
          link.textContent = "version " + last.number;
          newer.append("A newer version of this document exists: ", link, ".");
          newer.hidden = false;
        }
      })
      .catch(function () {});
  }
  // A permalink's bytes never change, so when a newer reading of its text exists the
  // server names it in a Link header (rel="successor-version"); say so above the page.
  if (document.querySelector(".badge.immutable") && window.fetch) {
    fetch(location.href, { method: "HEAD", cache: "no-store", credentials: "same-origin" }).then(function (response) {
      var link = response.headers.get("Link") || "";
      var match = /<([^>]+)>;\s*rel="successor-version"/.exec(link);
      var main = document.querySelector("main");
      if (!match || !main) return;
      var note = document.createElement("p");
      note.className = "newer-reading";
      note.setAttribute("role", "note");
      note.appendChild(document.createTextNode("A newer reading of this text exists: "));
      var anchor = document.createElement("a");
      anchor.href = match[1];
      anchor.textContent = "read it with the current engine";
      note.appendChild(anchor);
      note.appendChild(document.createTextNode(". This page stays as it was first published."));
      main.insertBefore(note, main.firstChild);
    }).catch(function () {});
  }
})();

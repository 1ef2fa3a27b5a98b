// SPDX-License-Identifier: GPL-2.0-only
// The trace viewer's behaviour: inlined into every page. Collapses runs of one kernel
// function, filters rows by thread and object, and steps through rows with j/k or the arrows.
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.step"));
  var current = -1;

  function visible(row) { return row.offsetParent !== null; }

  function select(index) {
    if (index < 0 || index >= rows.length) return;
    if (current >= 0) rows[current].classList.remove("current");
    current = index;
    rows[current].classList.add("current");
    rows[current].scrollIntoView({ block: "center" });
    document.getElementById("position").textContent = "step " + rows[current].dataset.step;
  }

  function move(direction) {
    for (var i = current + direction; i >= 0 && i < rows.length; i += direction) {
      if (visible(rows[i])) { select(i); return; }
    }
  }

  function toggle(run) { run.classList.toggle("collapsed"); }

  Array.prototype.forEach.call(document.querySelectorAll("tr.run-head"), function (head) {
    head.addEventListener("click", function () { toggle(head.parentNode); });
  });

  function applyFilter() {
    var thread = document.getElementById("filter-thread").value;
    var object = document.getElementById("filter-object").value.toLowerCase();
    rows.forEach(function (row) {
      var keep = (thread === "" || row.dataset.thread === thread)
        && (object === "" || row.dataset.object.toLowerCase().indexOf(object) >= 0);
      row.classList.toggle("filtered", !keep);
    });
  }

  document.getElementById("filter-thread").addEventListener("change", applyFilter);
  document.getElementById("filter-object").addEventListener("input", applyFilter);

  // Following a link to a step inside a collapsed run opens the run first.
  function reveal(id) {
    var row = document.getElementById(id);
    if (!row || !row.classList.contains("step")) return;
    row.parentNode.classList.remove("collapsed");
    select(rows.indexOf(row));
  }

  window.addEventListener("hashchange", function () { reveal(location.hash.slice(1)); });

  document.addEventListener("keydown", function (e) {
    if (e.target.tagName === "INPUT" || e.target.tagName === "SELECT") return;
    if (e.key === "j" || e.key === "ArrowDown") { move(1); e.preventDefault(); }
    else if (e.key === "k" || e.key === "ArrowUp") { move(-1); e.preventDefault(); }
    else if (e.key === "f") { reveal(document.body.dataset.failing); }
    else if (e.key === "Enter" && current >= 0 && rows[current].parentNode.classList.contains("run")) { toggle(rows[current].parentNode); }
  });
})();

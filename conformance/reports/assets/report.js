// Filters of the report: by section, by verdict, by text. Works on any element with
// data-filterable, data-section, data-verdict and data-text attributes.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var section = document.getElementById("filter-section");
  var text = document.getElementById("filter-text");
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=verdict]"));
  var onlyDiff = document.getElementById("filter-differences");
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-filterable]"));
  var counter = document.getElementById("shown-count");
  var rows = items.filter(function (el) { return el.tagName === "TR"; });

  function verdictsOf(el) { return (el.getAttribute("data-verdict") || "").split(" "); }

  function apply() {
    var wanted = {};
    boxes.forEach(function (box) { wanted[box.value] = box.checked; });
    var chosenSection = section ? section.value : "";
    var query = text ? text.value.trim().toLowerCase() : "";
    var shown = 0;
    items.forEach(function (el) {
      var visible = (!chosenSection || el.getAttribute("data-section") === chosenSection) &&
        verdictsOf(el).some(function (v) { return wanted[v]; }) &&
        (!query || (el.getAttribute("data-text") || "").indexOf(query) !== -1) &&
        (!onlyDiff || !onlyDiff.checked || el.getAttribute("data-differs") === "yes");
      el.hidden = !visible;
      if (visible && el.tagName === "TR") { shown += 1; }
    });
    if (counter) { counter.textContent = shown + " of " + rows.length + " requirements shown"; }
  }

  function only(verdict) {
    boxes.forEach(function (box) { box.checked = box.value === verdict; });
    apply();
    var table = document.getElementById("matrix");
    if (table) { table.scrollIntoView(); }
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  var reset = document.getElementById("filter-reset");
  if (reset) {
    reset.addEventListener("click", function () {
      boxes.forEach(function (box) { box.checked = true; });
      if (section) { section.value = ""; }
      if (text) { text.value = ""; }
      if (onlyDiff) { onlyDiff.checked = false; }
      apply();
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("button[data-only]"), function (button) {
    button.addEventListener("click", function () { only(button.getAttribute("data-only")); });
  });

  // Following a link to a requirement opens its details, even when filters hid it.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (!target) { return; }
    target.hidden = false;
    var box = target.querySelector("details");
    if (box) { box.open = true; }
  }
  window.addEventListener("hashchange", reveal);
  apply();
  reveal();
  document.body.setAttribute("data-ready", "yes");
})();

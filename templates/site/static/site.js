// zanbook site script: small, dependency-free, optional (every page works without it).
// Links that carry a preview (data-preview) show it on hover and on keyboard focus,
// where the title attribute alone would stay invisible.
(function () {
  "use strict";
  var box = null;
  function hide() {
    if (box) { box.remove(); box = null; }
  }
  function show(link) {
    var text = link.getAttribute("data-preview");
    if (!text) { return; }
    hide();
    box = document.createElement("div");
    box.className = "preview";
    box.setAttribute("role", "tooltip");
    box.id = "zanbook-preview";
    box.textContent = text;
    document.body.appendChild(box);
    var r = link.getBoundingClientRect();
    box.style.left = Math.max(8, window.scrollX + r.left) + "px";
    box.style.top = (window.scrollY + r.bottom + 6) + "px";
    link.setAttribute("aria-describedby", box.id);
  }
  document.addEventListener("mouseover", function (e) {
    var a = e.target.closest && e.target.closest("a[data-preview]");
    if (a) { show(a); }
  });
  document.addEventListener("mouseout", function (e) {
    if (e.target.closest && e.target.closest("a[data-preview]")) { hide(); }
  });
  document.addEventListener("focusin", function (e) {
    var a = e.target.closest && e.target.closest("a[data-preview]");
    if (a) { show(a); } else { hide(); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { hide(); }
  });
}());

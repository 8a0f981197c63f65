// baocao serve: keyboard shortcuts. Every feature of the page works without this script.
//   /      focus the search box
//   j / k  next / previous result (focus its link)
//   Escape leave the search box
(function () {
  "use strict";
  function typing(el) {
    return el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
  }
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var active = document.activeElement;
    if (e.key === "Escape" && typing(active)) { active.blur(); return; }
    if (typing(active)) return;
    if (e.key === "/") {
      var q = document.getElementById("q");
      if (q) { e.preventDefault(); q.focus(); q.select(); }
      return;
    }
    if (e.key === "j" || e.key === "k") {
      var links = Array.prototype.slice.call(document.querySelectorAll(".hit h3 a"));
      if (!links.length) return;
      var i = links.indexOf(active);
      i = e.key === "j" ? Math.min(i + 1, links.length - 1) : Math.max(i - 1, 0);
      e.preventDefault();
      links[i].focus();
      links[i].scrollIntoView({ block: "nearest" });
    }
  });
})();

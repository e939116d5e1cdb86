/* "Ik ben …": adds the optional answer to every document link on the page (?ik=…).
   Without JavaScript the small form reloads the page with ?ik=… and the links carry it. */
(function () {
  "use strict";
  var select = document.querySelector("form[data-sector-select] select[name=ik]");
  if (!select) { return; }
  var apply = select.form.querySelector(".sector-select__apply");
  if (apply) { apply.remove(); }  // links update at once; no need to reload
  var documentLink = /\/documenten\/\d+\/[^/?#]+/;
  function update() {
    var links = document.querySelectorAll("a[href*='/documenten/']");
    Array.prototype.forEach.call(links, function (link) {
      if (!documentLink.test(link.getAttribute("href"))) { return; }
      var url = new URL(link.href, window.location.href);
      if (select.value) { url.searchParams.set("ik", select.value); } else { url.searchParams.delete("ik"); }
      link.href = url.pathname + url.search + url.hash;
    });
  }
  select.addEventListener("change", update);
  update();
})();

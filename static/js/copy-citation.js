// "Kopieer bronvermelding": progressive enhancement of templates/includes/research_citation.html.
// Without JavaScript (or without clipboard access) the button stays hidden and the citation can
// be selected and copied by hand.
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }
  document.querySelectorAll("[data-copy-citation]").forEach(function (button) {
    var id = button.getAttribute("data-copy-citation");
    var source = document.getElementById(id);
    var status = document.querySelector('[data-copy-status="' + id + '"]');
    if (!source) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = source.innerText.trim();
      var html = source.querySelector("p") ? source.querySelector("p").innerHTML : text;
      var done = function () {
        if (status) {
          status.textContent = "De bronvermelding is gekopieerd.";
        }
      };
      var failed = function () {
        if (status) {
          status.textContent = "Kopiëren lukte niet. Selecteer de tekst en kopieer hem zelf.";
        }
      };
      if (window.ClipboardItem && navigator.clipboard.write) {
        var item = new window.ClipboardItem({
          "text/plain": new Blob([text], { type: "text/plain" }),
          "text/html": new Blob([html], { type: "text/html" }),
        });
        navigator.clipboard.write([item]).then(done, function () {
          navigator.clipboard.writeText(text).then(done, failed);
        });
      } else {
        navigator.clipboard.writeText(text).then(done, failed);
      }
    });
  });
})();

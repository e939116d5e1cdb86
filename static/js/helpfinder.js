/* Help-finder: the whole question flow keeps one history entry.

   Each answer is a new URL (/hulp/?wie=..., /hulp/route/?wie=...&waar=...). Pushed one after the
   other, they left a trail of answers in the history that Back (after "Snel weg" too) walked
   through. With JavaScript, a step's form and the "Vorige stap" / "Antwoorden aanpassen" links
   (marked data-replace-history) replace the current entry instead: the flow is one entry, and
   Back leaves it. Without JavaScript they are plain GET forms and links that work as before. */
(function () {
  "use strict";
  if (!window.URLSearchParams || !window.FormData || !window.location.replace) {
    return;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.matches("form[data-replace-history]")) {
      return;
    }
    event.preventDefault();
    var query = new URLSearchParams(new FormData(form)).toString();
    var action = form.getAttribute("action") || window.location.pathname;
    window.location.replace(action + (query ? "?" + query : ""));
  });

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    var link = event.target.closest ? event.target.closest("a[data-replace-history]") : null;
    if (!link) {
      return;
    }
    event.preventDefault();
    window.location.replace(link.href);
  });
})();

/* Meldpunt: with JavaScript, sending a form replaces the current page instead of adding a
   history entry. The page with the code, and the conversation, are then never one Back away:
   after "Snel weg", Back leaves the meldpunt altogether (like the help-finder's steps).
   Without JavaScript (or if the request fails) the forms post as usual. */
(function () {
  "use strict";
  if (!window.fetch || !window.FormData || !window.URLSearchParams || !window.history.replaceState) {
    return;
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.matches("form[data-meldpunt]")) {
      return;
    }
    event.preventDefault();
    var button = form.querySelector("[type=submit]");
    if (button) {
      button.disabled = true;
    }
    fetch(form.action, {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      credentials: "same-origin",
      cache: "no-store"
    })
      .then(function (response) {
        return response.text().then(function (html) {
          return { url: response.url, html: html };
        });
      })
      .then(function (result) {
        window.history.replaceState(null, "", result.url);
        document.open();
        document.write(result.html);
        document.close();
        window.scrollTo(0, 0);
      })
      .catch(function () {
        HTMLFormElement.prototype.submit.call(form);
      });
  });
})();

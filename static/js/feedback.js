/* "Was deze pagina nuttig?": sends the form without leaving the page and announces the result.
   Without JavaScript the form posts and comes back with a thank-you; nothing here is required. */
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-feedback-form]");
  Array.prototype.forEach.call(forms, function (form) {
    if (form.dataset.enhanced) { return; }
    form.dataset.enhanced = "1";
    var status = form.querySelector("[data-feedback-status]");
    var button = form.querySelector("button[type=submit]");
    form.addEventListener("submit", function (event) {
      if (!window.fetch || !window.FormData) { return; }
      event.preventDefault();
      if (!form.querySelector("input[name=nuttig]:checked")) {
        status.textContent = "Kies ‘Ja’ of ‘Nee’ bij ‘Was deze pagina nuttig?’.";
        return;
      }
      button.disabled = true;
      status.textContent = "Bezig met versturen…";
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { "Accept": "application/json" },
        credentials: "omit"
      }).then(function (response) {
        return response.json();
      }).then(function (data) {
        if (data.ok) {
          var thanks = document.createElement("p");
          thanks.className = "page-feedback__thanks";
          thanks.setAttribute("role", "status");
          thanks.textContent = data.message;
          form.replaceWith(thanks);
        } else {
          if (data.token) { form.querySelector("input[name=t]").value = data.token; }
          status.textContent = data.message;
          button.disabled = false;
        }
      }).catch(function () {
        status.textContent = "Versturen lukte niet. Controleer je verbinding en probeer het opnieuw.";
        button.disabled = false;
      });
    });
  });
})();

/* "Snel weg": one click or the Escape key replaces this page with a neutral site.
   location.replace() swaps the current history entry, so Back does not return here.
   Without JavaScript the button is a plain link to the same neutral site. */
(function () {
  "use strict";
  var link = document.querySelector("[data-quick-exit]");
  if (!link) {
    return;
  }
  var leaving = false;

  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    if (leaving) {
      return;
    }
    leaving = true;
    var target = link.href;
    /* Hide the page at once, before the neutral site has loaded. */
    document.documentElement.classList.add("quick-exit-leaving");
    document.title = "";
    window.location.replace(target);
  }

  link.addEventListener("click", function (event) {
    leave(event);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") {
      if (event.defaultPrevented || event.isComposing) {
        return;
      }
      leave(event);
    }
  });
})();

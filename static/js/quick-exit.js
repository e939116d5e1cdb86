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

  /* The sticky bar must never cover the focused element (WCAG 2.4.11): keep the page's
     scroll-padding at least as tall as the bar, also when it wraps on a narrow screen.
     Without JavaScript the padding in helpfinder.css applies. */
  var bar = link.closest(".quick-exit-bar");
  function pad() {
    if (bar) {
      document.documentElement.style.scrollPaddingTop = (bar.getBoundingClientRect().height + 8) + "px";
    }
  }
  pad();
  window.addEventListener("resize", pad);

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

  /* Escape leaves, unless something on the page used that Escape first: closing a suggestion
     list or a dialog calls preventDefault(). The check waits until every listener has run
     (a listener registered after this one, or on the document, still counts). */
  document.addEventListener("keydown", function (event) {
    if ((event.key !== "Escape" && event.key !== "Esc") || event.isComposing) {
      return;
    }
    window.setTimeout(function () {
      if (!event.defaultPrevented) {
        leave();
      }
    }, 0);
  });
})();

/* Search, progressively enhanced. Without this file everything works through the form:
   - the filters open as a sidebar on wide screens (a closed <details> on a phone);
   - suggestions while typing (JSON endpoint /api/zoeken/suggesties/) as an ARIA 1.2 combobox:
     options are plain text (no links inside options), arrows move, Enter opens, Escape closes the
     list first and is kept from the quick exit ("Snel weg" listens for Escape on the document).
   Ticking a filter or choosing a sort never reloads the page: the buttons apply (WCAG 3.2.2). */
(function () {
    "use strict";
    var form = document.querySelector("[data-search-form]");
    if (!form) { return; }
    document.documentElement.classList.add("js");

    var facets = form.querySelector("[data-facets]");
    var wide = window.matchMedia && window.matchMedia("(min-width: 56rem)");
    if (facets && wide) {
        facets.open = wide.matches;
        wide.addEventListener("change", function () { if (wide.matches) { facets.open = true; } });
    }

    var input = form.querySelector("input[name=q][data-suggest-url]");
    var list = document.getElementById("search-suggestions");
    if (!input || !list || !window.fetch) { return; }
    var timer = null, controller = null, active = -1;

    function isOpen() { return !list.hidden; }

    function close() {
        clearTimeout(timer);
        if (controller) { controller.abort(); controller = null; }
        list.hidden = true;
        list.textContent = "";
        input.setAttribute("aria-expanded", "false");
        input.removeAttribute("aria-activedescendant");
        active = -1;
    }

    function render(items) {
        list.textContent = "";
        active = -1;
        input.removeAttribute("aria-activedescendant");
        items.forEach(function (item, i) {
            var option = document.createElement("li");
            option.id = "suggestion-" + i;
            option.setAttribute("role", "option");
            option.setAttribute("aria-selected", "false");
            option.dataset.url = item.url;
            option.textContent = item.title;
            var type = document.createElement("span");
            type.className = "suggestion__type";
            type.textContent = item.type_label;
            option.appendChild(type);
            list.appendChild(option);
        });
        list.hidden = items.length === 0;
        input.setAttribute("aria-expanded", items.length ? "true" : "false");
    }

    function move(step) {
        var options = list.querySelectorAll("[role=option]");
        if (!options.length) { return; }
        if (active >= 0) { options[active].setAttribute("aria-selected", "false"); }
        active = (active + step + options.length) % options.length;
        options[active].setAttribute("aria-selected", "true");
        options[active].scrollIntoView({ block: "nearest" });
        input.setAttribute("aria-activedescendant", options[active].id);
    }

    function open(option) {
        if (option && option.dataset.url) { window.location.href = option.dataset.url; }
    }

    input.addEventListener("input", function () {
        clearTimeout(timer);
        var text = input.value.trim();
        if (text.length < 2) { close(); return; }
        timer = setTimeout(function () {
            if (controller) { controller.abort(); }
            controller = new AbortController();
            fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(text), { signal: controller.signal, credentials: "omit" })
                .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
                .then(function (data) {
                    // Suggestions for a corrected typo say so to screen readers too.
                    list.setAttribute("aria-label", data.corrected ? "Suggesties voor \u2018" + data.corrected + "\u2019" : "Suggesties");
                    render(data.suggestions || []);
                })
                .catch(function () { /* suggestions are optional */ });
        }, 200);
    });

    input.addEventListener("keydown", function (event) {
        if (event.key === "Escape" || event.key === "Esc") {
            if (!isOpen()) { return; }  // a closed list: Escape is the quick exit's again
            event.preventDefault();
            event.stopPropagation();
            close();
            return;
        }
        if (!isOpen()) { return; }
        if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
        else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
        else if (event.key === "Enter" && active >= 0) {
            event.preventDefault();
            open(list.querySelectorAll("[role=option]")[active]);
        }
    });
    // Keep the focus in the field while an option is clicked, then follow it.
    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    list.addEventListener("click", function (event) {
        open(event.target.closest("[role=option]"));
    });
    input.addEventListener("blur", close);
})();

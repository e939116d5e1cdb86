/* Search, progressively enhanced. Without this file everything works through the form:
   - suggestions while typing (JSON endpoint /api/zoeken/suggesties/), as an ARIA combobox;
   - facet checkboxes and the sort menu submit the form at once (the buttons stay for no-JS). */
(function () {
    "use strict";
    var form = document.querySelector("[data-search-form]");
    if (!form) { return; }
    document.documentElement.classList.add("js");

    form.addEventListener("change", function (event) {
        var target = event.target;
        if (target.matches(".facet input[type=checkbox], #search-sort")) {
            var page = form.querySelector("input[name=page]");
            if (page) { page.remove(); }
            form.submit();
        }
    });

    var input = form.querySelector("input[name=q][data-suggest-url]");
    var list = document.getElementById("search-suggestions");
    if (!input || !list || !window.fetch) { return; }
    var timer = null, controller = null, active = -1;

    function close() {
        list.hidden = true;
        list.innerHTML = "";
        input.setAttribute("aria-expanded", "false");
        input.removeAttribute("aria-activedescendant");
        active = -1;
    }

    function render(items) {
        list.innerHTML = "";
        items.forEach(function (item, i) {
            var li = document.createElement("li");
            li.id = "suggestion-" + i;
            li.setAttribute("role", "option");
            var a = document.createElement("a");
            a.href = item.url;
            a.textContent = item.title;
            var type = document.createElement("span");
            type.className = "suggestion__type";
            type.textContent = item.type_label;
            a.appendChild(type);
            li.appendChild(a);
            list.appendChild(li);
        });
        list.hidden = items.length === 0;
        input.setAttribute("aria-expanded", items.length ? "true" : "false");
    }

    function move(step) {
        var options = list.querySelectorAll("[role=option]");
        if (!options.length) { return; }
        if (active >= 0) { options[active].removeAttribute("aria-selected"); }
        active = (active + step + options.length) % options.length;
        options[active].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[active].id);
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
                .then(function (data) { render(data.suggestions || []); })
                .catch(function () { /* suggestions are optional */ });
        }, 200);
    });

    input.addEventListener("keydown", function (event) {
        if (list.hidden) { return; }
        if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
        else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
        else if (event.key === "Escape") { close(); }
        else if (event.key === "Enter" && active >= 0) {
            event.preventDefault();
            window.location.href = list.querySelectorAll("[role=option] a")[active].href;
        }
    });
    input.addEventListener("blur", function () { setTimeout(close, 200); });
})();

/* Trasparenza: the theme's controls as real buttons (see theme/partials/header.html, nav.html, search.html).
 *
 * mkdocs-material keeps the state of the menu and of the search in two hidden checkboxes
 * (#__drawer, #__search) and styles and scripts itself from them; these buttons drive the same
 * checkboxes and add what a keyboard and a screen reader need: a name, aria-expanded, Enter and
 * Space (native buttons), Esc to close, the focus moved into the panel and back to the button,
 * and, while a panel covers the page, the rest of the page made inert.
 * The colour scheme: the system preference, unless the reader chose otherwise on this site (the
 * choice stays in this browser's localStorage, never sent anywhere; no cookies).
 */
(function () {
  "use strict";
  var $ = function (selector) { return document.querySelector(selector); };
  var drawer = $("#__drawer"), search = $("#__search");
  var menuButton = $(".tp-menu"), menuPanel = $(".md-sidebar--primary"), menuClose = $(".tp-menu__chiudi");
  var searchButton = $(".tp-cerca"), searchArea = $(".md-search"), searchPanel = $(".md-search__inner");
  var query = $(".md-search__input"), searchClose = $(".tp-cerca-chiudi"), themeButton = $(".tp-tema");
  var menuOverCanvas = matchMedia("(max-width: 76.234375em)");
  var searchOverCanvas = matchMedia("(max-width: 59.984375em)");

  /* --- inert: while a panel covers the page, nothing else takes the focus --- */
  var inertNodes = [];
  function isolate(keep) {
    release();
    for (var node = keep; node && node !== document.body; node = node.parentElement) {
      var siblings = node.parentElement ? node.parentElement.children : [];
      for (var i = 0; i < siblings.length; i++) {
        var other = siblings[i];
        if (other === node || other.inert || other.matches("script, .md-toggle, .md-overlay, .md-search__overlay")) continue;
        other.inert = true;
        inertNodes.push(other);
      }
    }
  }
  function release() {
    while (inertNodes.length) inertNodes.pop().inert = false;
  }

  function setToggle(toggle, on) {
    if (toggle && toggle.checked !== on) toggle.click();  // mkdocs-material listens to the change
  }

  /* --- the menu --- */
  if (drawer && menuButton && menuPanel) {
    drawer.addEventListener("change", function () {
      var open = drawer.checked;
      menuButton.setAttribute("aria-expanded", String(open));
      if (open && menuOverCanvas.matches) {
        isolate(menuPanel);
        (menuClose || menuPanel).focus();
      } else {
        release();
        if (!open && (menuPanel.contains(document.activeElement) || document.activeElement === document.body)
            && menuOverCanvas.matches) menuButton.focus();
      }
    });
    menuButton.addEventListener("click", function () { setToggle(drawer, !drawer.checked); });
    if (menuClose) menuClose.addEventListener("click", function () { setToggle(drawer, false); });
    var overlay = $(".md-overlay");
    if (overlay) overlay.addEventListener("click", function () { setToggle(drawer, false); });
    menuOverCanvas.addEventListener("change", function () { setToggle(drawer, false); release(); });
  }

  /* --- the search --- */
  var openedFromButton = false;
  if (search && searchArea && query) {
    search.addEventListener("change", function () {
      var open = search.checked;
      if (searchButton) searchButton.setAttribute("aria-expanded", String(open && searchOverCanvas.matches));
      if (open && searchOverCanvas.matches) {
        isolate(searchPanel);
        if (!searchPanel.contains(document.activeElement)) query.focus();
      } else if (!open) {
        release();
        if (openedFromButton && searchOverCanvas.matches) searchButton.focus();
        openedFromButton = false;
      }
    });
    if (searchButton) searchButton.addEventListener("click", function () {
      openedFromButton = true;
      setToggle(search, true);
      query.focus();
    });
    if (searchClose) searchClose.addEventListener("click", function () { setToggle(search, false); });
    var searchOverlay = $(".md-search__overlay");
    if (searchOverlay) searchOverlay.addEventListener("click", function () { setToggle(search, false); });
    /* The submit button shows the results: the focus goes to the first one. */
    query.form.addEventListener("submit", function (event) {
      event.preventDefault();
      setToggle(search, true);
      var first = $(".md-search-result__list a[href]");
      (first || query).focus();
    });
    /* Leaving the search area with the keyboard (wide screens) closes the results. */
    searchArea.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !searchArea.contains(event.relatedTarget) && !searchOverCanvas.matches)
        setToggle(search, false);
    });
    searchOverCanvas.addEventListener("change", function () { setToggle(search, false); release(); });
  }

  /* Esc closes what is open; Tab moves inside the open search instead of closing it (mkdocs-material's
     own keyboard handler, on window, would close the search on Tab and leave the focus nowhere). */
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      if (search && search.checked) {
        event.stopPropagation();
        var wide = !searchOverCanvas.matches;
        setToggle(search, false);
        if (wide) { query.blur(); var submit = $(".tp-cerca-invia"); if (submit) submit.focus(); }
      } else if (drawer && drawer.checked) {
        event.stopPropagation();
        setToggle(drawer, false);
        menuButton.focus();
      }
    } else if (event.key === "Tab" && search && search.checked) {
      event.stopPropagation();
    }
  });

  /* --- wide tables: only a table that actually scrolls is a region (named by its caption) and a tab
     stop, to scroll it with the arrows; one that fits is just a table, heard once. Checked again when the
     width changes and when the web fonts arrive (they change the tables' width). --- */
  var boxes = document.querySelectorAll(".tp-scroll[data-didascalia], .tp-scroll[data-nome]");
  function fitRegions() {
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.scrollWidth > box.clientWidth + 1) {
        if (box.getAttribute("role") === "region") continue;
        box.setAttribute("role", "region");
        box.setAttribute("tabindex", "0");
        if (box.dataset.didascalia) box.setAttribute("aria-labelledby", box.dataset.didascalia);
        else box.setAttribute("aria-label", box.dataset.nome);
      } else if (box.hasAttribute("role")) {
        box.removeAttribute("role");
        box.removeAttribute("tabindex");
        box.removeAttribute("aria-labelledby");
        box.removeAttribute("aria-label");
      }
    }
  }
  if (boxes.length) {
    fitRegions();
    addEventListener("resize", fitRegions);
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(fitRegions);
    if (window.ResizeObserver) {
      var observer = new ResizeObserver(fitRegions);
      for (var r = 0; r < boxes.length; r++) observer.observe(boxes[r]);
    }
  }

  /* --- the colour scheme --- */
  var system = matchMedia("(prefers-color-scheme: dark)");
  function stored() { try { return localStorage.getItem("tp-tema"); } catch (e) { return null; } }
  function store(value) {
    try { if (value) localStorage.setItem("tp-tema", value); else localStorage.removeItem("tp-tema"); } catch (e) { /* private mode */ }
  }
  function apply(dark) {
    document.body.setAttribute("data-md-color-scheme", dark ? "slate" : "default");
    if (themeButton) themeButton.setAttribute("aria-pressed", String(dark));
  }
  apply(stored() ? stored() === "scuro" : system.matches);
  system.addEventListener("change", function () { if (!stored()) apply(system.matches); });
  if (themeButton) themeButton.addEventListener("click", function () {
    var dark = themeButton.getAttribute("aria-pressed") !== "true";
    apply(dark);
    /* A choice equal to the system preference is no choice: the site follows the system again. */
    store(dark === system.matches ? null : (dark ? "scuro" : "chiaro"));
  });

  /* --- printing: dark ink on white paper, and the page's full address on the sheet --- */
  var scheme = null;
  window.addEventListener("beforeprint", function () {
    scheme = document.body.getAttribute("data-md-color-scheme");
    document.body.setAttribute("data-md-color-scheme", "default");
    /* a page printed from a file (the plan's PDF at build time) keeps the address the build wrote */
    if (/^https?:$/.test(location.protocol)) {
      document.querySelectorAll(".tp-indirizzo").forEach(function (el) { el.textContent = location.href; });
    }
  });
  window.addEventListener("afterprint", function () {
    if (scheme) document.body.setAttribute("data-md-color-scheme", scheme);
  });
})();

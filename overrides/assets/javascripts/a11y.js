/* Skole–hjem-håndboka: keyboard and screen-reader repairs to Material's page frame.

   1. The menu drawer on phones and tablets. Material slides the main menu off the screen
      but leaves its 15–20 links in the tab order, invisible. Here the closed drawer is
      inert (no focus, not in the accessibility tree); the menu button in the header
      becomes a real button (Tab, Enter, Space, aria-expanded); opening it moves focus to
      the first link, Escape closes it and returns focus to the button, and tabbing out
      of it closes it. Inside the open drawer Material shows one level of the menu at a
      time, sliding sections over each other: only the level on show takes focus, its
      title (Material's back arrow) is a button, and focus follows the level that opens
      or closes. Material's own toggling (the checkboxes #__drawer and __nav_…) is
      untouched: everything here follows their "change" events.
   2. Menu section toggles (labels with tabindex, some with only an icon, and the one that
      opens the page's table of contents on phones) become named buttons with aria-expanded
      that answer Enter and Space.
   Material's toggles are <label>s for hidden checkboxes; a label may not take the role
   button, so its content is wrapped in <span class="hb-button" role="button" tabindex="0">
   and the label itself leaves the tab order.
   3. The copy button's container in code blocks is not a navigation landmark (one per
      code block, all unnamed).
   4. A table wider than the screen scrolls inside its frame: the frame then takes focus
      and is named after its section, so keyboard users can scroll it (WCAG 2.1.1).
   5. The search icon in the header (phones: the closed search field is hidden and out of
      the tab order) is a button too; search.js opens the search and focuses the field.

   No texts of its own: names come from the page (data/languages.yml feeds the templates). */
(function () {
  "use strict";

  var DRAWER_MEDIA = "(max-width: 76.234375em)"; // Material's breakpoint for the drawer

  function text(element) {
    if (!element) { return ""; }
    var copy = element.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll(".headerlink, .md-nav__icon, svg"), function (node) {
      node.parentNode.removeChild(node);
    });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function focusable(root) {
    return Array.prototype.filter.call(
      root.querySelectorAll('a[href], button, input:not([type="hidden"]):not(.md-toggle), [tabindex]:not([tabindex="-1"])'),
      function (element) { return element.getClientRects().length > 0 && !element.closest("[inert]"); });
  }

  /* A label that toggles a checkbox, made operable as a button (see above). */
  function asButton(label, kind, name) {
    var existing = label.querySelector(":scope > .hb-button");
    if (existing) { return existing; }
    var span = document.createElement("span");
    span.className = "hb-button hb-button--" + kind;
    span.setAttribute("role", "button");
    span.setAttribute("tabindex", "0");
    while (label.firstChild) { span.appendChild(label.firstChild); }
    label.appendChild(span);
    label.removeAttribute("tabindex");
    if (name) { span.setAttribute("aria-label", name); }
    span.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); label.click(); }
      if (event.key === " " || event.key === "Spacebar") { event.preventDefault(); }
    });
    span.addEventListener("keyup", function (event) {
      if (event.key === " " || event.key === "Spacebar") { event.preventDefault(); label.click(); }
    });
    var box = document.getElementById(label.htmlFor);
    function expanded() { span.setAttribute("aria-expanded", box && box.checked ? "true" : "false"); }
    if (box) { box.addEventListener("change", expanded); }
    expanded();
    return span;
  }

  // ---- 1. the drawer ---------------------------------------------------------------------------
  function drawer() {
    var toggle = document.getElementById("__drawer");
    var sidebar = document.querySelector(".md-sidebar--primary");
    var button = document.querySelector('.md-header label.md-header__button[for="__drawer"]');
    if (!toggle || !sidebar || !button) { return; }
    var media = window.matchMedia(DRAWER_MEDIA);

    if (!sidebar.id) { sidebar.id = "hb-drawer"; }
    var menu = asButton(button, "menu", button.getAttribute("data-hb-name"));
    menu.setAttribute("aria-controls", sidebar.id);

    var root = sidebar.querySelector("nav.md-nav--primary");

    function setInert(element, value) {
      element.inert = value;
      if (value) { element.setAttribute("inert", ""); } else { element.removeAttribute("inert"); }
    }

    // The checkbox that opens a menu level (none for the top level).
    function opener(nav) {
      var item = nav.parentElement;
      return item && item.matches("li") ? item.querySelector(":scope > input.md-nav__toggle") : null;
    }
    function isOpen(nav) {
      for (var level = nav; level && level !== root; level = level.parentElement.closest("nav.md-nav")) {
        var box = opener(level);
        if (box && !box.checked) { return false; }
      }
      return true;
    }
    function depth(nav) {
      var n = 0;
      for (var level = nav; level && level !== root; level = level.parentElement.closest("nav.md-nav")) { n += 1; }
      return n;
    }

    // In the open drawer only the level on show takes focus: what it covers and the levels
    // still closed inside it are inert.
    function current() {
      var shown = root;
      Array.prototype.forEach.call(root.querySelectorAll("nav.md-nav"), function (nav) {
        if (opener(nav) && isOpen(nav) && depth(nav) > depth(shown)) { shown = nav; }
      });
      return shown;
    }
    function updateLevels() {
      Array.prototype.forEach.call(sidebar.querySelectorAll("[data-hb-inert]"), function (element) {
        setInert(element, false);
        element.removeAttribute("data-hb-inert");
      });
      if (!root || !media.matches || !toggle.checked) { return; }
      function hide(element) {
        if (element.nodeType === 1 && !element.matches("input")) {
          setInert(element, true);
          element.setAttribute("data-hb-inert", "");
        }
      }
      var shown = current();
      Array.prototype.forEach.call(shown.querySelectorAll("nav.md-nav"), function (nav) {
        if (opener(nav) && !isOpen(nav)) { hide(nav); }
      });
      for (var node = shown; node && node !== sidebar; node = node.parentElement) {
        Array.prototype.forEach.call(node.parentElement.children, function (sibling) {
          if (sibling !== node) { hide(sibling); }
        });
      }
    }

    function update() {
      var closed = media.matches && !toggle.checked;
      setInert(sidebar, closed);
      updateLevels();
    }

    // The title of each level below the top (Material's back arrow) closes that level.
    if (root) {
      Array.prototype.forEach.call(root.querySelectorAll("nav.md-nav > label.md-nav__title[for]"), function (title) {
        var box = document.getElementById(title.htmlFor);
        if (!box || box === toggle) { return; }
        asButton(title, "title");
      });
      // A level opened or closed from the keyboard: focus goes with it.
      root.addEventListener("change", function (event) {
        var box = event.target;
        if (!box.matches || !box.matches("input.md-nav__toggle")) { return; }
        var before = document.activeElement;
        updateLevels();
        if (!media.matches || !toggle.checked || !before || !before.closest("[inert]")) { return; }
        var shown = current();
        var target = box.checked
          ? shown.querySelector(":scope > label.md-nav__title > .hb-button") || focusable(shown)[0]
          : shown.querySelector('label.md-nav__link[for="' + box.id + '"] > .hb-button') || focusable(shown)[0];
        if (target) { target.focus(); }
      });
    }

    toggle.addEventListener("change", function () {
      update();
      if (!media.matches) { return; }
      if (toggle.checked && document.activeElement === menu) {
        var first = focusable(sidebar)[0];
        if (first) { first.focus(); }
      } else if (!toggle.checked && sidebar.contains(document.activeElement)) {
        menu.focus();
      }
    });
    if (media.addEventListener) { media.addEventListener("change", update); } else { media.addListener(update); }

    function close() { if (toggle.checked) { toggle.click(); } } // as Material does: a click fires "change"

    sidebar.addEventListener("keydown", function (event) {
      if ((event.key === "Escape" || event.key === "Esc") && media.matches && toggle.checked) {
        event.preventDefault();
        close();
        menu.focus();
      }
    });
    sidebar.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (media.matches && toggle.checked && next && !sidebar.contains(next) && next !== menu) { close(); }
    });
    update();
  }

  // ---- 2. menu section toggles -----------------------------------------------------------------
  function sectionToggles() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-sidebar--primary label.md-nav__link[for]"), function (label) {
      var toggle = document.getElementById(label.htmlFor);
      if (!toggle) { return; }
      // Material leaves the label that opens the page's table of contents on phones out of the tab order
      if (!label.hasAttribute("tabindex") && label.htmlFor !== "__toc") { return; } // a section heading, not a toggle
      if (label.hasAttribute("tabindex") && label.getAttribute("tabindex") !== "0") { return; }
      var name = "";
      if (!text(label)) {
        // with navigation.indexes the section's name is on the link next to the icon
        var container = label.closest(".md-nav__container");
        name = text(container && container.querySelector("a.md-nav__link"));
      }
      asButton(label, "toggle", name);
    });
  }

  // ---- 3. code blocks: no landmark per copy button ---------------------------------------------
  function codeNavs() {
    Array.prototype.forEach.call(document.querySelectorAll("nav.md-code__nav:not([role])"), function (nav) {
      nav.setAttribute("role", "none");
    });
  }

  // ---- 4. wide tables ----------------------------------------------------------------------------
  function sectionName(element) {
    var headings = document.querySelectorAll(".md-content h1, .md-content h2, .md-content h3, .md-content h4");
    var name = "";
    Array.prototype.forEach.call(headings, function (heading) {
      if (heading.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) { name = text(heading); }
    });
    return name;
  }

  function scrollRegions() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"), function (frame) {
      var scrolls = frame.scrollWidth > frame.clientWidth + 1;
      if (scrolls && !frame.hasAttribute("tabindex")) {
        var caption = frame.querySelector("caption");
        frame.setAttribute("tabindex", "0");
        frame.setAttribute("role", "region");
        frame.setAttribute("aria-label", text(caption) || sectionName(frame) || document.title);
      } else if (!scrolls && frame.getAttribute("role") === "region") {
        frame.removeAttribute("tabindex");
        frame.removeAttribute("role");
        frame.removeAttribute("aria-label");
      }
    });
  }

  // ---- 5. the search icon ----------------------------------------------------------------------
  function searchIcon() {
    var label = document.querySelector('.md-header label.md-header__button[for="__search"]');
    if (label) { asButton(label, "search", label.getAttribute("data-hb-name")); }
  }

  function init() {
    drawer();
    searchIcon();
    sectionToggles();
    codeNavs();
    scrollRegions();
    // Material builds the code block buttons once its own scripts have run
    window.addEventListener("load", codeNavs);
    var pending = null;
    window.addEventListener("resize", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(scrollRegions, 100);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

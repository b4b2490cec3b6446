/* Skole–hjem-håndboka: letters and short messages to parents (handbook/letters.py).
   The teacher fills in the form; the letter is shown in Norwegian and in the parents'
   language side by side, with dates and times written the way each language writes them,
   and can be printed (both languages, or the parents' language alone) or its short version
   copied. What is filled in is kept in this browser only (localStorage, one key per letter:
   "skole-hjem-brev:<letter>"), never sent anywhere. Without JavaScript the page shows the
   letter in every language with blanks to fill in by hand. */
(function () {
  "use strict";

  function storage() {
    try {
      var probe = "skole-hjem-brev:probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (error) {
      return null; // private mode or storage blocked: the form still works, it is just not remembered
    }
  }

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) { return key in values ? values[key] : whole; });
  }

  // ---- dates and times in each language -----------------------------------------------------------
  function intlSupports(locale) {
    try {
      return typeof Intl === "object" && Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;
    } catch (error) {
      return false;
    }
  }

  function pad(number) { return (number < 10 ? "0" : "") + number; }

  // A CLDR pattern ("EEEE d. MMMM y", "h:mm a") with the names the build took from CLDR (Babel),
  // for languages the browser's Intl has no data for (Chromium: Somali, Tigrinya).
  function formatPattern(pattern, date, names) {
    return pattern.replace(/'([^']*)'|([a-zA-Z])\2*/g, function (token, quoted) {
      if (quoted !== undefined) { return quoted || "'"; }
      var hours12 = date.getHours() % 12 || 12;
      switch (token) {
        case "EEEE": case "EEE": case "cccc": return names.days[date.getDay()];
        case "MMMM": case "LLLL": case "MMM": case "LLL": return names.months[date.getMonth()];
        case "MM": return pad(date.getMonth() + 1);
        case "M": return String(date.getMonth() + 1);
        case "dd": return pad(date.getDate());
        case "d": return String(date.getDate());
        case "y": case "yyyy": return String(date.getFullYear());
        case "HH": return pad(date.getHours());
        case "H": return String(date.getHours());
        case "hh": return pad(hours12);
        case "h": return String(hours12);
        case "mm": return pad(date.getMinutes());
        case "a": return date.getHours() < 12 ? names.am : names.pm;
        default: return token;
      }
    });
  }

  function parseDate(value) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || "");
    return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12, 0) : null;
  }

  function parseTime(value) {
    var match = /^(\d{1,2}):(\d{2})/.exec(value || "");
    return match ? new Date(2000, 0, 1, Number(match[1]), Number(match[2])) : null;
  }

  function formatter(version) {
    var locale = version.getAttribute("data-locale");
    var names = JSON.parse(version.getAttribute("data-dates"));
    var intl = intlSupports(locale);
    return {
      date: function (value) {
        var date = parseDate(value);
        if (!date) { return value; }
        return intl ? new Intl.DateTimeFormat(locale, { weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(date)
          : formatPattern(names.date, date, names);
      },
      time: function (value) {
        var time = parseTime(value);
        if (!time) { return value; }
        return intl ? new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit" }).format(time)
          : formatPattern(names.time, time, names);
      }
    };
  }

  // ---- one letter --------------------------------------------------------------------------------------
  function setUp(root, store) {
    var id = root.getAttribute("data-letter");
    var key = root.getAttribute("data-storage");
    var ui = JSON.parse(root.getAttribute("data-ui"));
    var fill_ = document.querySelector('.hb-letter__fill[data-letter="' + id + '"]');
    if (!fill_) { return; }
    var form = fill_.querySelector(".hb-letter__form");
    var select = form.querySelector("select");
    var status = form.querySelector(".hb-letter__status");
    var clear = form.querySelector(".hb-letter__clear");
    var undo = form.querySelector(".hb-letter__undo");
    var warning = root.querySelector(".hb-letter__warning");
    var versions = all(root, ".hb-letter__version");
    var source = versions[0];
    var formats = {};
    versions.forEach(function (version) { formats[version.getAttribute("data-lang")] = formatter(version); });
    var controls = all(form, "[data-field]").filter(function (el) { return /^(INPUT|TEXTAREA)$/.test(el.tagName); });
    var fieldOrder = [];
    var labels = {};
    var required = {};
    all(form, ".hb-letter__field[data-field]").forEach(function (box) {
      var name = box.getAttribute("data-field");
      var label = box.querySelector("legend, label");
      fieldOrder.push(name);
      labels[name] = label.firstChild.textContent.trim();
      required[name] = !!box.querySelector(".hb-letter__required");
    });
    var state = { values: {}, lang: select.options.length ? select.options[0].value : "" };
    var previous = null; // what «Tøm skjemaet» removed, until «Angre» or new input
    var pending = null; // the print or copy waiting for «… likevel»

    try {
      var saved = store && JSON.parse(store.getItem(key) || "null");
      if (saved && typeof saved === "object") {
        state.values = saved.values || {};
        if (saved.lang && select.querySelector('option[value="' + saved.lang + '"]')) { state.lang = saved.lang; }
      }
    } catch (error) { /* a damaged entry: start afresh */ }

    function save() {
      if (!store) { return; }
      var empty = Object.keys(state.values).every(function (name) { return isEmpty(state.values[name]); });
      if (empty) { store.removeItem(key); } else { store.setItem(key, JSON.stringify(state)); }
    }

    function isEmpty(value) {
      return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
    }

    function languageName(code) {
      var option = select.querySelector('option[value="' + code + '"]');
      return option ? option.getAttribute("data-name-nb") : code;
    }

    // the form shows the state
    function showValues() {
      controls.forEach(function (control) {
        var value = state.values[control.getAttribute("data-field")];
        if (control.type === "radio") {
          control.checked = value === control.value;
        } else if (control.type === "checkbox") {
          control.checked = Array.isArray(value) && value.indexOf(control.value) >= 0;
        } else {
          control.value = isEmpty(value) ? "" : value;
        }
      });
      select.value = state.lang;
    }

    function read(control) {
      var name = control.getAttribute("data-field");
      if (control.type === "radio") {
        if (control.checked) { state.values[name] = control.value; }
      } else if (control.type === "checkbox") {
        state.values[name] = controls.filter(function (c) { return c.getAttribute("data-field") === name && c.checked; })
          .map(function (c) { return c.value; });
      } else {
        state.values[name] = control.value.trim() ? control.value : "";
      }
    }

    // the letter shows the state
    function render() {
      versions.forEach(function (version) {
        var lang = version.getAttribute("data-lang");
        var shown = version === source || lang === state.lang;
        version.classList.toggle("hb-letter__version--shown", shown);
        version.classList.toggle("hb-letter__version--hidden", !shown);
        all(version, ".hb-letter__blank[data-field]").forEach(function (blank) {
          var name = blank.getAttribute("data-field");
          var kind = blank.getAttribute("data-kind");
          var value = state.values[name];
          if (!blank.hasAttribute("data-blank")) { blank.setAttribute("data-blank", blank.textContent); }
          var empty = isEmpty(value);
          blank.classList.toggle("hb-letter__blank--empty", empty);
          if (empty) {
            blank.textContent = blank.getAttribute("data-blank");
          } else if (kind === "date") {
            blank.textContent = formats[lang].date(value);
          } else if (kind === "time") {
            blank.textContent = formats[lang].time(value);
          } else {
            blank.textContent = value;
          }
        });
        all(version, ".hb-letter__choice[data-field]").forEach(function (choice) {
          var value = state.values[choice.getAttribute("data-field")];
          var chosen = Array.isArray(value) ? value : (isEmpty(value) ? [] : [value]);
          choice.classList.toggle("hb-letter__choice--empty", chosen.length === 0);
          all(choice, ".hb-letter__option").forEach(function (option) {
            option.hidden = chosen.length > 0 && chosen.indexOf(option.getAttribute("data-option")) < 0;
          });
          all(choice, ".hb-letter__or").forEach(function (separator) { separator.hidden = chosen.length > 0; });
        });
      });
      var name = languageName(state.lang);
      each(root.querySelectorAll(".hb-letter__print"), function (button) {
        button.textContent = fill(button.getAttribute("data-mode") === "both" ? ui.print_both : ui.print_single, { language: name });
      });
    }

    // which fields are empty in a part of the letter (in the order of the form)
    function emptyIn(elements) {
      var names = {};
      elements.forEach(function (element) {
        all(element, ".hb-letter__blank--empty[data-field], .hb-letter__choice--empty[data-field]").forEach(function (el) {
          if (!el.closest("[hidden]")) { names[el.getAttribute("data-field")] = true; }
        });
      });
      return fieldOrder.filter(function (name) { return names[name]; });
    }

    function describe(names) {
      return names.map(function (name) {
        return labels[name] + (required[name] ? " (" + ui.empty_required + ")" : "");
      }).join(", ");
    }

    function say(text) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }

    function closeWarning() {
      warning.textContent = "";
      warning.classList.remove("hb-letter__warning--open");
      pending = null;
    }

    // warn about empty fields before printing or copying; «… likevel» goes on
    function warn(names, template, anyway, action) {
      closeWarning();
      pending = action;
      var text = document.createElement("p");
      text.textContent = fill(template, { fields: describe(names) });
      var buttons = document.createElement("p");
      buttons.className = "hb-letter__buttons";
      var go = document.createElement("button");
      go.type = "button";
      go.className = "md-button md-button--primary hb-letter__anyway";
      go.textContent = anyway;
      go.addEventListener("click", function () {
        var run = pending;
        closeWarning();
        if (run) { run(); }
      });
      var back = document.createElement("button");
      back.type = "button";
      back.className = "md-button hb-letter__back";
      back.textContent = ui.go_back;
      back.addEventListener("click", function () {
        closeWarning();
        var first = form.querySelector('.hb-letter__field[data-field="' + names[0] + '"] input, .hb-letter__field[data-field="' + names[0] + '"] textarea');
        if (first) { first.focus(); }
      });
      buttons.appendChild(go);
      buttons.appendChild(document.createTextNode(" "));
      buttons.appendChild(back);
      warning.appendChild(text);
      warning.appendChild(buttons);
      warning.classList.add("hb-letter__warning--open");
      go.focus();
    }

    function print(mode) {
      var html = document.documentElement;
      html.classList.add("hb-print-letter");
      html.classList.toggle("hb-print-letter--single", mode === "single");
      window.print();
    }
    window.addEventListener("afterprint", function () {
      document.documentElement.classList.remove("hb-print-letter", "hb-print-letter--single");
    });

    function copy(version) {
      var text = version.querySelector(".hb-letter__sms-text");
      var plain = text.innerText.replace(/\n{3,}/g, "\n\n").trim();
      var name = version === source ? ui.norwegian : languageName(version.getAttribute("data-lang"));
      function done() { say(fill(ui.copied, { language: name })); }
      function fallback() {
        var range = document.createRange();
        range.selectNodeContents(text);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        var ok = false;
        try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
        if (ok) { done(); } else { say(ui.copy_failed); }
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(plain).then(done, fallback);
      } else {
        fallback();
      }
    }

    // ---- events
    controls.forEach(function (control) {
      control.addEventListener(control.type === "radio" || control.type === "checkbox" ? "change" : "input", function () {
        read(control);
        if (previous) { previous = null; undo.hidden = true; }
        save();
        render();
      });
    });
    select.addEventListener("change", function () {
      state.lang = select.value;
      save();
      render();
    });
    clear.addEventListener("click", function () {
      previous = JSON.parse(JSON.stringify(state.values));
      state.values = {};
      save();
      showValues();
      render();
      closeWarning();
      undo.hidden = false;
      undo.focus();
      say(ui.cleared);
    });
    undo.addEventListener("click", function () {
      if (previous) { state.values = previous; }
      previous = null;
      save();
      showValues();
      render();
      undo.hidden = true;
      clear.focus();
      say(ui.restored);
    });
    each(root.querySelectorAll(".hb-letter__print"), function (button) {
      button.addEventListener("click", function () {
        var mode = button.getAttribute("data-mode");
        var shown = versions.filter(function (v) { return v.getAttribute("data-lang") === state.lang || (mode === "both" && v === source); });
        var papers = shown.map(function (v) { return v.querySelector(".hb-letter__paper"); });
        var empty = emptyIn(papers);
        if (empty.length) { warn(empty, ui.empty_print, ui.print_anyway, function () { print(mode); }); } else { closeWarning(); print(mode); }
      });
    });
    versions.forEach(function (version) {
      var button = version.querySelector(".hb-letter__copy");
      button.hidden = false;
      button.addEventListener("click", function () {
        var empty = emptyIn([version.querySelector(".hb-letter__sms-text")]);
        if (empty.length) { warn(empty, ui.empty_copy, ui.copy_anyway, function () { copy(version); }); } else { closeWarning(); copy(version); }
      });
    });

    // ---- start: the tools appear, the list for filling in by hand goes
    fill_.querySelector(".hb-letter__fieldlist").hidden = true;
    form.hidden = false;
    root.querySelector(".hb-letter__actions").hidden = false;
    root.classList.add("hb-letter--ready");
    document.documentElement.classList.add("hb-letter-page"); // printing the page prints the letter
    showValues();
    render();
  }

  function init() {
    var store = storage();
    each(document.querySelectorAll(".hb-letter[data-letter]"), function (root) { setUp(root, store); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

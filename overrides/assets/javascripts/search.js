/* Skole–hjem-håndboka: search in the header, served by Pagefind.
   Pagefind keeps one index per language (from <html lang>), so a reader gets results
   in the language of the page they are on. Everything is fetched from this site only.
   Keys as in Material: "/" or "s" focuses the field, arrow keys move through the
   results, Enter opens one, Escape closes. */
(function () {
  "use strict";

  var dialog = document.querySelector("[data-hb-search]");
  if (!dialog) { return; }
  var toggle = document.getElementById("__search");
  var input = dialog.querySelector(".md-search__input");
  var form = dialog.querySelector(".md-search__form");
  var meta = dialog.querySelector(".md-search-result__meta");
  var list = dialog.querySelector(".md-search-result__list");
  var config = JSON.parse(document.getElementById("__config").textContent);
  var root = new URL(config.base.replace(/\/?$/, "/"), window.location.href);
  var pagefind = null;
  var latest = 0;
  var PAGE_SIZE = 6; // results fetched at a time: each costs a small download
  var SETTLE_MS = 60;
  var pending = [];

  function text(key, count) {
    var value = dialog.getAttribute("data-" + key) || "";
    return value.replace("#", String(count));
  }

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
        return module.options({ baseUrl: root.pathname }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  function open() {
    if (toggle && !toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
    load();
  }

  function close() {
    if (toggle && toggle.checked) { toggle.checked = false; toggle.dispatchEvent(new Event("change")); }
    if (dialog.contains(document.activeElement)) { document.activeElement.blur(); }
  }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (content !== undefined) { node.innerHTML = content; }
    return node;
  }

  function escape(value) {
    var node = document.createElement("span");
    node.textContent = value;
    return node.innerHTML;
  }

  function article(url, heading, level, excerpt) {
    var link = element("a", "md-search-result__link");
    link.href = url;
    var body = element("article", "md-search-result__article md-typeset");
    if (level === 1) { body.appendChild(element("div", "md-search-result__icon md-icon")); }
    body.appendChild(element(level === 1 ? "h1" : "h2", null, escape(heading)));
    if (excerpt) { body.appendChild(element("p", null, excerpt)); }
    link.appendChild(body);
    return link;
  }

  function renderResult(result) {
    var item = element("li", "md-search-result__item");
    var title = (result.meta && result.meta.title) || result.url;
    item.appendChild(article(result.url, title, 1, result.excerpt));
    // the section under the page's own heading repeats the page's excerpt: show other sections only
    (result.sub_results || []).filter(function (sub) { return sub.url !== result.url && sub.title !== title; }).slice(0, 3).forEach(function (sub) {
      item.appendChild(article(sub.url, sub.title, 2, sub.excerpt));
    });
    list.appendChild(item);
  }

  function showMore(ticket, append) {
    var batch = pending.splice(0, PAGE_SIZE);
    var old = list.querySelector(".hb-search-more");
    if (old) { old.remove(); }
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (data) {
      if (ticket !== latest) { return; }
      if (!append) { list.innerHTML = ""; } // replace the previous query's results only now: no flicker
      data.forEach(renderResult);
      if (pending.length) {
        var more = element("li", "hb-search-more");
        var button = element("button", "md-button", escape(dialog.getAttribute("data-more") || "…"));
        button.type = "button";
        button.addEventListener("click", function () {
          var next = list.children.length - 1;
          showMore(ticket, true).then(function () {
            var link = list.children[next] && list.children[next].querySelector("a");
            if (link) { link.focus(); }
          });
        });
        more.appendChild(button);
        list.appendChild(more);
      }
    });
  }

  function search(query) {
    var ticket = ++latest;
    if (!query.trim()) {
      list.innerHTML = "";
      meta.textContent = text("placeholder");
      return Promise.resolve();
    }
    return load().then(function (module) {
      return module.search(query);
    }).then(function (found) {
      if (ticket !== latest) { return; } // a newer query has been typed since
      var count = found.results.length;
      meta.textContent = count === 0 ? text("none") : count === 1 ? text("one") : text("other", count);
      if (count === 0) { list.innerHTML = ""; }
      pending = found.results.slice();
      // Excerpts cost a download each: fetch them once the reader pauses, not for every
      // letter of a word being typed.
      return new Promise(function (resolve) { window.setTimeout(resolve, SETTLE_MS); }).then(function () {
        if (ticket !== latest) { return; }
        return showMore(ticket).then(function () {
          if (ticket === latest) { dialog.setAttribute("data-hb-results", String(count)); }
        });
      });
    });
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link")); }

  input.addEventListener("focus", open);
  input.addEventListener("input", function () { search(input.value); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = links()[0];
    if (first) { window.location.href = first.href; }
  });
  form.addEventListener("reset", function () {
    window.setTimeout(function () { search(""); input.focus(); }, 0);
  });

  document.addEventListener("keydown", function (event) {
    var inField = event.target === input;
    var inResults = list.contains(event.target);
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName) || event.target.isContentEditable;
    if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey &&
        (event.key === "/" || event.key === "s" || event.key === "S")) {
      event.preventDefault();
      input.focus();
      return;
    }
    if (!inField && !inResults) { return; }
    var all = links();
    var index = all.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" && all.length) {
      event.preventDefault();
      all[Math.min(index + 1, all.length - 1)].focus();
    } else if (event.key === "ArrowUp" && all.length) {
      event.preventDefault();
      if (index <= 0) { input.focus(); } else { all[index - 1].focus(); }
    }
  });
})();

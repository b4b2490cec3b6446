/* Skole–hjem-håndboka: the handbook on this device, for use without the internet.
   Registers the service worker the build writes into the site's root (sw.js; its scope is the
   whole site, under any path) and drives the panel «Lagre håndboka på denne enheten» at the
   foot of every page: the size it takes, progress, and removing it again.
   After the first visit the reader's language is stored by itself, unless the browser asks
   to save data or the reader removed it before; the reader's choice is kept in this browser
   ("skole-hjem-frakoblet" in localStorage). Nothing is sent anywhere: the worker only
   fetches this site's own files (handbook/offline_sw.js). */
(function () {
  "use strict";

  var panel = document.querySelector("[data-hb-offline]");
  var banner = document.querySelector("[data-hb-offline-banner]");

  function showBanner() { if (banner) { banner.hidden = navigator.onLine !== false; } }
  window.addEventListener("online", showBanner);
  window.addEventListener("offline", showBanner);
  showBanner();

  if (!panel || !("serviceWorker" in navigator) || !window.caches || !window.isSecureContext) { return; }

  var CHOICE = "skole-hjem-frakoblet";
  var config = JSON.parse(document.getElementById("__config").textContent);
  var root = new URL(config.base.replace(/\/?$/, "/"), window.location.href);
  var lang = panel.getAttribute("data-lang");
  var status = panel.querySelector(".hb-offline__status");
  var save = panel.querySelector(".hb-offline__save");
  var remove = panel.querySelector(".hb-offline__remove");
  var pdfs = panel.querySelector(".hb-offline__pdfs");
  var pdfBox = pdfs.querySelector("input");
  var sizes = null; // {bytes, pdf_bytes} of this language, from the build's list
  var state = "unknown";
  var shownPercent = -1;

  function text(name, values) {
    var value = panel.getAttribute("data-" + name) || "";
    Object.keys(values || {}).forEach(function (key) { value = value.replace("{" + key + "}", values[key]); });
    return value;
  }

  function size(bytes) {
    var format = new Intl.NumberFormat(document.documentElement.lang || "nb", { maximumFractionDigits: 1, minimumFractionDigits: 1 });
    return format.format(bytes / 1000000) + " MB";
  }

  function choice(value) {
    try {
      if (value === undefined) { return window.localStorage.getItem(CHOICE); }
      if (value === null) { window.localStorage.removeItem(CHOICE); } else { window.localStorage.setItem(CHOICE, value); }
    } catch (error) { /* storage blocked: the choice is not remembered */ }
    return null;
  }

  function show(next, message) {
    state = next;
    panel.setAttribute("data-state", next);
    status.textContent = message;
    save.hidden = !(next === "available" || next === "failed" || next === "removed");
    remove.hidden = next !== "saved";
    pdfs.hidden = save.hidden || !sizes || !sizes.pdf_bytes;
    panel.hidden = false;
    if (!save.hidden && !sizes) {
      loadSizes().then(function () {
        if (sizes && state === next) { show(next, next === "available" ? text("size", { size: size(sizes.bytes) }) : message); }
      });
    }
  }

  function available() {
    show("available", sizes ? text("size", { size: size(sizes.bytes) }) : "");
  }

  // The size of this language's copy, from the build's list: fetched only when the panel offers
  // to save, so a page view of a reader who has it stored (or cannot store it) costs no request.
  var listed = null;
  function loadSizes() {
    if (!listed) {
      listed = fetch(new URL("offline/" + lang + ".json", root).href, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (data) {
            sizes = { bytes: data.bytes, pdf_bytes: data.pdf_bytes };
            pdfs.querySelector("span").textContent = text("pdfs", { size: size(data.pdf_bytes) });
          }
        })
        .catch(function () { /* offline and not stored yet */ });
    }
    return listed;
  }

  function worker() {
    return navigator.serviceWorker.ready.then(function (registration) { return registration.active; });
  }

  function send(message) {
    return worker().then(function (active) { if (active) { active.postMessage(message); } });
  }

  function store(auto) {
    if (!auto) {
      choice(null);
      if (navigator.storage && navigator.storage.persist) { navigator.storage.persist(); }
    }
    shownPercent = -1;
    show("saving", text("saving", { percent: "0" }));
    send({ type: "store", lang: lang, pdfs: !auto && pdfBox.checked });
  }

  function onStatus(message) {
    var mine = message.languages[lang];
    if (mine && mine.complete && mine.build === message.build) {
      show("saved", text("saved", { size: size(mine.bytes) }));
    } else if (message.running.indexOf(lang) >= 0) {
      show("saving", text("saving", { percent: "…" }));
    } else {
      var anything = Object.keys(message.languages).length > 0;
      var saveData = navigator.connection && navigator.connection.saveData;
      if (!anything && choice() !== "nei" && !saveData && navigator.onLine !== false) {
        store(true); // the first visit: keep the reader's language
      } else {
        available();
      }
    }
  }

  navigator.serviceWorker.addEventListener("message", function (event) {
    var message = event.data || {};
    if (message.type === "status") { onStatus(message); return; }
    if (message.lang !== lang) { return; }
    if (message.type === "progress") {
      var percent = Math.floor((100 * message.done) / message.total / 10) * 10; // in steps of ten: read aloud calmly
      if (percent !== shownPercent) { shownPercent = percent; show("saving", text("saving", { percent: String(percent) })); }
    } else if (message.type === "stored") {
      show("saved", text("saved", { size: size(message.bytes) }));
    } else if (message.type === "failed") {
      show("failed", text("failed"));
    } else if (message.type === "removed") {
      show("removed", text("removed"));
    }
  });
  navigator.serviceWorker.startMessages();
  navigator.serviceWorker.addEventListener("controllerchange", function () { send({ type: "status" }); });

  save.addEventListener("click", function () { store(false); });
  remove.addEventListener("click", function () {
    choice("nei");
    send({ type: "remove", lang: lang });
  });

  navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.href })
    .then(function () { return send({ type: "status" }); })
    .catch(function () { panel.hidden = true; });
})();

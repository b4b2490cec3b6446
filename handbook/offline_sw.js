/* Skole–hjem-håndboka: the service worker that keeps the handbook on the reader's device.

   Written into the site's root by the build (handbook/offline.py), so its scope is the whole
   site, wherever it is hosted. It
   - stores a language when a page asks for it (overrides/assets/javascripts/offline.js), from
     the build's list offline/<lang>.json: that language's pages, the styles, scripts, images
     and fonts, and its search files; the checklist PDFs when the reader asks for them, or
     opens one;
   - answers this site's requests from what it stored, and from the network otherwise;
     without the internet, a page that is not stored gets a short page that says so;
   - never answers or stores a request to another site or anything but GET, and never stores
     a request with a query string (offline, it is answered with the stored file of the same
     name): nothing a reader types is kept;
   - keeps each build in caches of its own (hb-<build>-<language>). A new build's worker
     stores the same languages again (files that did not change are copied, not downloaded)
     and then removes the old build's caches.
   Every downloaded file is checked against the hash in the build's list. */
"use strict";

var CONFIG = /*CONFIG*/{}/*END*/;
var BUILD = CONFIG.build;
var SCOPE = self.registration.scope;
var NAME = /^hb-([0-9a-f]+)-([a-z]{2,3})$/;
var PARALLEL = 4;
var running = {};

function cacheName(lang) { return "hb-" + BUILD + "-" + lang; }
function parse(name) { var m = NAME.exec(name); return m ? { build: m[1], lang: m[2] } : null; }
function listUrl(lang) { return SCOPE + "offline/" + lang + ".json"; }
function stateUrl(lang) { return SCOPE + "offline/" + lang + ".state"; }
function known(lang) { return Object.prototype.hasOwnProperty.call(CONFIG.languages, lang); }

function languageOf(url) {
  var path = url.slice(SCOPE.length);
  var first = path.split("/")[0];
  return first !== CONFIG.source && known(first) && path.indexOf("/") > 0 ? first : CONFIG.source;
}

async function hex(buffer) {
  var digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return Array.prototype.map.call(digest, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
}

async function broadcast(message) {
  var all = await self.clients.matchAll({ includeUncontrolled: true, type: "window" });
  all.forEach(function (client) { client.postMessage(message); });
}

/* What is stored, by language: {lang: {build, complete, bytes, pdfs}}: a complete copy before an
   unfinished one, this build's before an older one. */
async function stored() {
  var out = {};
  var names = await caches.keys();
  function rank(entry) { return (entry.complete ? 2 : 0) + (entry.build === BUILD ? 1 : 0); }
  for (var i = 0; i < names.length; i++) {
    var found = parse(names[i]);
    if (!found) { continue; }
    var state = await (await caches.open(names[i])).match(stateUrl(found.lang));
    var info = state ? await state.json() : null;
    var entry = { build: found.build, complete: !!info, bytes: info ? info.bytes : 0, pdfs: info ? info.pdfs : false };
    if (!out[found.lang] || rank(entry) > rank(out[found.lang])) { out[found.lang] = entry; }
  }
  return out;
}

async function ownCaches() {
  var names = (await caches.keys()).filter(function (name) { var p = parse(name); return p && p.build === BUILD; });
  return Promise.all(names.map(function (name) { return caches.open(name); }));
}

async function olderCaches(lang) {
  var names = (await caches.keys()).filter(function (name) { var p = parse(name); return p && p.lang === lang && p.build !== BUILD; });
  return Promise.all(names.map(function (name) { return caches.open(name); }));
}

async function reuse(older, url, hash) {
  for (var i = 0; i < older.length; i++) {
    var hit = await older[i].match(url);
    if (hit && hit.headers.get("X-Handbook-Hash") === hash) { return hit; }
  }
  return null;
}

/* What is kept of a response: its body (already decoded) and the server's headers, security
   headers included (the Content-Security-Policy holds offline too), and the file's hash. */
function keepable(response, body, hash) {
  var headers = new Headers();
  response.headers.forEach(function (value, name) {
    if (!/^(content-encoding|content-length|transfer-encoding|connection|keep-alive|set-cookie)$/i.test(name)) { headers.set(name, value); }
  });
  if (!headers.has("Content-Type")) { headers.set("Content-Type", "application/octet-stream"); }
  headers.set("X-Handbook-Hash", hash);
  return new Response(body, { status: 200, headers: headers });
}

async function download(url, hash) {
  var response = await fetch(url, { cache: "no-cache", credentials: "same-origin", redirect: "follow" });
  if (!response.ok) { throw new Error(response.status + " " + url); }
  var body = await response.arrayBuffer();
  if ((await hex(body)).slice(0, hash.length) !== hash) {
    self.registration.update(); // the site has a newer build than this worker
    throw new Error("changed on the server: " + url);
  }
  return keepable(response, body, hash);
}

function store(lang, withPdfs) {
  if (!running[lang]) {
    running[lang] = save(lang, withPdfs).finally(function () { delete running[lang]; });
  }
  return running[lang];
}

async function save(lang, withPdfs) {
  var listResponse = await fetch(listUrl(lang), { cache: "no-cache", credentials: "same-origin" });
  if (!listResponse.ok) { throw new Error(listResponse.status + " " + listUrl(lang)); }
  var list = await listResponse.clone().json();
  if (list.build !== BUILD) {
    self.registration.update();
    throw new Error("the site has a newer build");
  }
  var cache = await caches.open(cacheName(lang));
  var older = await olderCaches(lang);
  var pdfs = [];
  for (var i = 0; i < list.pdfs.length; i++) {  // all of them, or those the reader has opened
    if (withPdfs || await cache.match(SCOPE + list.pdfs[i][0]) || await reuse(older, SCOPE + list.pdfs[i][0], list.pdfs[i][2])) {
      pdfs.push(list.pdfs[i]);
    }
  }
  var entries = list.files.concat(pdfs);
  var total = entries.reduce(function (sum, entry) { return sum + entry[1]; }, 0);
  var done = 0;
  var told = 0;
  var queue = entries.slice();
  async function worker() {
    while (queue.length) {
      var entry = queue.shift();
      var url = SCOPE + entry[0];
      var have = await cache.match(url);
      if (!have || have.headers.get("X-Handbook-Hash") !== entry[2]) {
        await cache.put(url, (await reuse(older, url, entry[2])) || (await download(url, entry[2])));
      }
      done += entry[1];
      if (done - told >= total / 20) {
        told = done;
        broadcast({ type: "progress", lang: lang, done: done, total: total });
      }
    }
  }
  var workers = [];
  for (var w = 0; w < PARALLEL; w++) { workers.push(worker()); }
  await Promise.all(workers);
  await cache.put(listUrl(lang), listResponse);
  var state = { build: BUILD, bytes: total, pdfs: !!withPdfs };
  await cache.put(stateUrl(lang), new Response(JSON.stringify(state), { headers: { "Content-Type": "application/json" } }));
  broadcast({ type: "stored", lang: lang, bytes: total, pdfs: !!withPdfs });
  return state;
}

async function remove(lang) {
  var names = await caches.keys();
  await Promise.all(names.filter(function (name) { var p = parse(name); return p && p.lang === lang; })
    .map(function (name) { return caches.delete(name); }));
  broadcast({ type: "removed", lang: lang });
}

/* A new build: store again what the reader kept, then take over at once. */
self.addEventListener("install", function (event) {
  event.waitUntil((async function () {
    var before = await stored();
    for (var lang in before) {
      if (known(lang) && before[lang].complete && before[lang].build !== BUILD) { await store(lang, before[lang].pdfs); }
    }
    await self.skipWaiting();
  })());
});

/* Old builds' caches go as soon as this build is in charge. */
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { var p = parse(name); return p && p.build !== BUILD; })
      .map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.lang !== undefined && !known(data.lang)) { return; }
  if (data.type === "status") {
    event.waitUntil(stored().then(function (languages) {
      event.source.postMessage({ type: "status", build: BUILD, languages: languages, running: Object.keys(running) });
    }));
  } else if (data.type === "store") {
    event.waitUntil(store(data.lang, !!data.pdfs).catch(function (error) {
      return broadcast({ type: "failed", lang: data.lang, reason: String(error && error.message) });
    }));
  } else if (data.type === "remove") {
    event.waitUntil(remove(data.lang));
  }
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.url.indexOf(SCOPE) !== 0) { return; } // another site: not ours
  var url = new URL(request.url);
  if (url.search) { // a query (Pagefind asks for pagefind-entry.json?ts=…): the network, or offline the stored file; never stored
    event.respondWith(fetch(request).catch(function () {
      return lookup(url.origin + url.pathname).then(function (hit) { return hit || Response.error(); });
    }));
    return;
  }
  event.respondWith(answer(request, url));
});

async function lookup(key) {
  var own = await ownCaches();
  for (var i = 0; i < own.length; i++) {
    var hit = await own[i].match(key);
    if (hit) { return hit; }
  }
  return null;
}

async function answer(request, url) {
  var key = url.origin + url.pathname;
  var hit = await lookup(key);
  if (!hit && /\/index\.html$/.test(key)) { hit = await lookup(key.slice(0, -"index.html".length)); }
  if (hit) { return hit; }
  try {
    var response = await fetch(request);
    if (response.ok && /\.pdf$/.test(url.pathname)) { keepPdf(key, response.clone()); }
    return response;
  } catch (error) {
    if (request.mode === "navigate") { return notStored(languageOf(key)); }
    return Response.error();
  }
}

/* A checklist PDF the reader opens is kept with their language, when that language is stored. */
async function keepPdf(key, response) {
  var name = cacheName(languageOf(key));
  if (!(await caches.has(name))) { return; }
  var body = await response.arrayBuffer();
  await (await caches.open(name)).put(key, keepable(response, body, (await hex(body)).slice(0, 16)));
}

function escape(text) {
  return String(text).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
}

function notStored(lang) {
  var ui = CONFIG.languages[lang];
  var styles = CONFIG.styles.map(function (href) { return '<link rel="stylesheet" href="' + escape(SCOPE + href) + '">'; }).join("") +
    (CONFIG.icon ? '<link rel="icon" href="' + escape(SCOPE + CONFIG.icon) + '">' : "");
  var page = '<!doctype html><html lang="' + lang + '" dir="' + ui.dir + '"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1"><title>' + escape(ui.title) + "</title>" + styles +
    '</head><body dir="' + ui.dir + '"><main class="md-typeset hb-offline-page"><h1>' + escape(ui.title) + "</h1><p>" +
    escape(ui.text) + '</p><p><a href="' + escape(SCOPE + ui.prefix) + '">' + escape(ui.home) + "</a></p></main></body></html>";
  return new Response(page, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'",
    "X-Content-Type-Options": "nosniff" } });
}

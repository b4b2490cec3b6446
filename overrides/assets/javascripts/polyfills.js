/* Loaded first, in <head>: browsers without ResizeObserver (e.g. iPads stuck on iOS 12)
   get the shipped polyfill before Material's bundle runs, so Material never fetches it
   from unpkg.com (see data/shipped_urls.yml). An external file, not an inline script, so
   the Content-Security-Policy needs no exception for it. */
if (!window.ResizeObserver) {
  document.write('<script src="' + document.currentScript.src.replace(/polyfills\.js(\?.*)?$/,
    "vendor/resize-observer-polyfill-1.5.1.js") + '"><\/script>');
}

/* Loaded first, in <head>: browsers without ResizeObserver (e.g. iPads stuck on iOS 12)
   get the shipped polyfill before Material's bundle runs, so Material never fetches it
   from unpkg.com (see data/shipped_urls.yml). An external file, not an inline script, so
   the Content-Security-Policy needs no exception for it. */
if (!window.ResizeObserver) {
  /* The address comes from the page (data-polyfill), so the build can give the file a
     content-hashed name (handbook/fingerprint.py). */
  document.write('<script src="' + document.currentScript.getAttribute("data-polyfill") + '"><\/script>');
}

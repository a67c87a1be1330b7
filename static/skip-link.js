// Streamlit's skip link ("Skip to main content") in the page's language (ui/streamlit_private.py,
// point 3; data-words): a file of the app's own origin, so the Content-Security-Policy allows it
// with no inline script. Sent on every run (the words follow the language chosen); the watcher
// is set up once per browser tab.
(function () {
  var script = document.currentScript;
  if (script && script.dataset.words) { window.__skipWords = script.dataset.words; }
  function put() {
    var link = document.querySelector('[data-testid="stSkipToContent"]');
    if (link && window.__skipWords && link.textContent !== window.__skipWords) {
      link.textContent = window.__skipWords;
    }
  }
  if (!window.__skipLink) {
    window.__skipLink = true;
    new MutationObserver(put).observe(document.body, {childList: true, subtree: true});
  }
  put();
})();

// The page says which language it is in (ui/language.py, data-lang), for screen readers and
// the browser's own translation offer: a file of the app's own origin, not an inline script.
(function () {
  var script = document.currentScript;
  if (script && script.dataset.lang) { document.documentElement.lang = script.dataset.lang; }
})();

// The chart toolbar's SVG button (ui/streamlit_private.py, point 2): a file of the app's own
// origin, so that the Content-Security-Policy allows it with no inline script.
(function () {
  if (window.__svgToolbar) { return; }
  window.__svgToolbar = true;
  // Its tooltip, in the language of the page that sent this script (data-title).
  var script = document.currentScript;
  var title = (script && script.dataset.title) || 'Download plot as SVG';
  function add(plot) {
    var bar = plot.querySelector('.modebar');
    var camera = bar && bar.querySelector('[data-title^="Download plot"]:not(.svg-download)');
    if (!camera || bar.querySelector('.svg-download')) { return; }
    var button = document.createElement('a');
    button.className = 'modebar-btn svg-download';
    button.setAttribute('rel', 'tooltip');
    button.setAttribute('data-title', title);
    button.setAttribute('data-gravity', 'n');
    button.textContent = 'SVG';
    button.style.cssText = 'display: inline-block; box-sizing: border-box; height: 22px; padding: 5px 4px; ' +
      'font: bold 10px/12px sans-serif; color: rgba(68, 68, 68, 0.5); cursor: pointer; vertical-align: top;';
    button.addEventListener('click', function () {
      // Looked up at the click, not kept from when the button was added: plotly rebuilds its
      // toolbar when the chart is drawn again (a rerun, a resize), leaving a kept camera
      // detached, where a click downloads nothing.
      var gd = button.closest('.js-plotly-plot') || plot;
      var options = gd._context && gd._context.toImageButtonOptions;
      var current = gd.querySelector('.modebar [data-title^="Download plot"]:not(.svg-download)');
      if (!options || !current) { return; }
      var before = options.format;
      options.format = 'svg';
      current.dispatchEvent(new MouseEvent('click', {bubbles: true}));
      options.format = before;
    });
    camera.parentNode.insertBefore(button, camera.nextSibling);
  }
  function scan() { document.querySelectorAll('.js-plotly-plot').forEach(add); }
  new MutationObserver(scan).observe(document.body, {childList: true, subtree: true});
  scan();
})();

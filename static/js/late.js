// Loads the page's scripts, and the styles of the parts that are not on screen at first, once the page has
// loaded and drawn its first frame: the reference reads as a plain page first, and the enhancements (htmx,
// tabs, copy buttons, try-it, the console) arrive a frame later. Without JavaScript the <noscript> links in
// the head bring the same styles, and every form and link works as it is.
(function () {
  "use strict";
  var me = document.currentScript;
  var started = false;

  function add(tag, attributes) {
    var element = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) { element[name] = attributes[name]; });
    document.head.appendChild(element);
    return element;
  }
  function words(text) { return (text || "").split(/\s+/).filter(Boolean); }
  function start() {
    if (started) return;
    started = true;
    words(me.dataset.styles).forEach(function (href) { add("link", { rel: "stylesheet", href: href }); });
    // In order, as the page lists them: htmx first, then the scripts that listen to it.
    var scripts = words(me.dataset.scripts);
    scripts.forEach(function (src, index) {
      var script = add("script", { src: src, async: false });
      // Executed in order, so the last one loaded means all have run: tests and tools can wait for this mark.
      if (index === scripts.length - 1) script.onload = function () { document.documentElement.dataset.enhanced = ""; };
    });
  }
  // After the load event, so htmx (which waits for DOMContentLoaded unless the document is complete)
  // starts at once; after a frame, so none of this runs before the first paint. A tab opened in the
  // background draws no frame, hence the timer.
  function afterFirstFrame() {
    requestAnimationFrame(function () { setTimeout(start, 0); });
    setTimeout(start, 250);
  }
  if (document.readyState === "complete") afterFirstFrame();
  else window.addEventListener("load", afterFirstFrame);
})();

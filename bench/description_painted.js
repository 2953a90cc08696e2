// Installed in every new context before the page's own scripts (Playwright's add_init_script). It records
// window.__descriptionPainted: ms after navigation start at which the first frame holding a laid-out
// #description has been drawn. Measured in the page, so it does not depend on how often a tool polls.
(function () {
  "use strict";
  function onceLaidOut(element) {
    requestAnimationFrame(function () {
      var box = element.getBoundingClientRect();
      if (!(box.width > 0 && box.height > 0)) return onceLaidOut(element);
      // This frame's style, layout and paint run after the animation-frame callbacks, in the same task;
      // a message posted now is handled in the next task, so after the frame is drawn.
      var channel = new MessageChannel();
      channel.port1.onmessage = function () { window.__descriptionPainted = performance.now(); };
      channel.port2.postMessage(null);
    });
  }
  function found() {
    var element = document.getElementById("description");
    if (element) onceLaidOut(element);
    return Boolean(element);
  }
  if (!found()) {
    var observer = new MutationObserver(function () { if (found()) observer.disconnect(); });
    observer.observe(document, { childList: true, subtree: true });
  }
})();

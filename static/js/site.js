// KuCoin API Explorer: small enhancements on top of pages that already work without JavaScript.
// Theme toggle, "/" or Ctrl/Cmd+K to search, arrow keys through suggestions, copy buttons, and keeping the sidebar
// in step with htmx-boosted navigation. Every handler is delegated, so swapped-in content just works.
(function () {
  "use strict";
  var root = document.documentElement;

  // --- theme -------------------------------------------------------------------
  function systemDark() { return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches; }
  function isDark() { return root.dataset.theme ? root.dataset.theme === "dark" : systemDark(); }
  function showTheme(button) { button.setAttribute("aria-pressed", String(isDark())); }
  function toggleTheme(button) {
    var next = isDark() ? "light" : "dark";
    root.dataset.theme = next;
    try { localStorage.setItem("theme", next); } catch (e) { /* private mode: the choice lasts this page */ }
    showTheme(button);
  }

  // --- search ----------------------------------------------------------------------
  function searchInput() { return document.getElementById("site-q"); }
  function typingIn(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }
  function suggestionLinks() { return Array.prototype.slice.call(document.querySelectorAll("#search-suggest a")); }
  function closeSuggestions() { var box = document.getElementById("search-suggest"); if (box) box.innerHTML = ""; }
  function moveThroughSuggestions(event) {
    var links = suggestionLinks();
    if (!links.length) return;
    var index = links.indexOf(document.activeElement);
    var next = event.key === "ArrowDown" ? index + 1 : index - 1;
    event.preventDefault();
    if (next < 0) { searchInput().focus(); return; }
    links[Math.min(next, links.length - 1)].focus();
  }

  // --- copying ---------------------------------------------------------------------
  function flash(element, text) {
    var original = element.dataset.label || element.textContent;
    element.dataset.label = original;
    element.textContent = text;
    setTimeout(function () { element.textContent = original; }, 1600);
  }
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return Promise.reject(new Error("Clipboard unavailable"));
  }
  function copyMarkdown(link) {
    // Fetch the page's Markdown twin and put it on the clipboard; if that fails, open the twin instead.
    fetch(link.href, { headers: { Accept: "text/markdown" } })
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.text(); })
      .then(copy)
      .then(function () { flash(link, "Copied"); })
      .catch(function () { window.location.href = link.href; });
  }

  // --- sidebar ---------------------------------------------------------------------
  function markCurrentInSidebar() {
    var nav = document.getElementById("nav");
    if (!nav) return;
    var here = window.location.pathname;
    nav.querySelectorAll('a[aria-current="page"]').forEach(function (a) { a.removeAttribute("aria-current"); });
    var link = nav.querySelector('a[href="' + here.replace(/"/g, "") + '"]');
    if (!link) {
      // The page's service is still folded: open it; htmx loads it and this runs again once it settles.
      var holder = document.querySelector("#main [data-nav-group]");
      var group = holder && nav.querySelector('details[hx-get="' + holder.dataset.navGroup + '"]');
      if (group && !group.open) group.open = true;
      return;
    }
    link.setAttribute("aria-current", "page");
    for (var node = link.parentElement; node && node !== nav; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
    // Reading offsetTop forces a layout; wait for the first frame so it never delays the page's first paint.
    requestAnimationFrame(function () { setTimeout(function () { scrollIntoSidebarView(nav, link); }, 0); });
  }
  function scrollIntoSidebarView(nav, link) {
    // Measured against the sidebar itself: each list item has content-visibility, which makes it the link's offsetParent.
    var offset = link.getBoundingClientRect().top - nav.getBoundingClientRect().top + nav.scrollTop;
    if (offset < nav.scrollTop || offset > nav.scrollTop + nav.clientHeight - 40) nav.scrollTop = offset - nav.clientHeight / 3;
  }
  // Beside the article the request column scrolls on its own. A plain anchor jump scrolls every
  // scrolling ancestor, the window included, so the column's own links scroll only the column.
  function scrollColumnTo(link) {
    var panel = link.closest(".request-panel");
    var target = panel && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target || !panel.contains(target) || panel.scrollHeight <= panel.clientHeight) return false;
    if (getComputedStyle(panel).overflowY === "visible") return false;
    var tabs = link.closest(".panel-tabs");
    var under = tabs ? tabs.getBoundingClientRect().bottom : panel.getBoundingClientRect().top;
    panel.scrollTop += target.getBoundingClientRect().top - under;
    history.pushState(null, "", link.hash);
    return true;
  }
  function enhance(scope) {
    (scope || document).querySelectorAll("[data-copy-text][hidden], [data-copy-code][hidden]").forEach(function (b) { b.hidden = false; });
  }

  // late.js adds this script after the page has loaded, so it starts at once (DOMContentLoaded has passed).
  function start() {
    var button = document.querySelector(".theme-toggle");
    if (button) {
      button.hidden = false;
      showTheme(button);
      button.addEventListener("click", function () { toggleTheme(button); });
    }
    enhance(document);
    markCurrentInSidebar();
    loadOpenedBeforeHtmx();
  }
  // A folded service opened before htmx arrived (it comes after the first paint) missed its "toggle once".
  function loadOpenedBeforeHtmx() {
    if (!window.htmx) return;
    document.querySelectorAll("#nav details[open][hx-get]").forEach(function (details) {
      if (details.querySelector(".nav-body")) window.htmx.trigger(details, "toggle");
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();

  document.addEventListener("keydown", function (event) {
    var commandK = event.key === "k" && (event.ctrlKey || event.metaKey) && !event.altKey;
    if (commandK || (event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !typingIn(event.target))) {
      var input = searchInput();
      if (input) { event.preventDefault(); input.focus(); input.select(); }
    } else if (event.key === "Escape" && (event.target === searchInput() || event.target.closest("#search-suggest"))) {
      closeSuggestions();
      searchInput().focus();
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") &&
               (event.target === searchInput() || event.target.closest("#search-suggest"))) {
      moveThroughSuggestions(event);
    }
  });

  document.addEventListener("click", function (event) {
    var copyLink = event.target.closest("[data-copy-markdown]");
    if (copyLink) { event.preventDefault(); copyMarkdown(copyLink); return; }
    var columnLink = event.target.closest(".request-panel > .panel-tabs a[href^='#']");
    if (columnLink && scrollColumnTo(columnLink)) { event.preventDefault(); return; }
    var copyButton = event.target.closest("[data-copy-text], [data-copy-code]");
    if (copyButton) {
      var text = copyButton.dataset.copyText;
      if (text === undefined) text = copyButton.closest("figure").querySelector("pre").textContent;
      copy(text).then(function () { flash(copyButton, "Copied"); }, function () { flash(copyButton, "Press Ctrl+C"); });
      return;
    }
    if (!event.target.closest(".site-search")) closeSuggestions();
  });

  // After htmx swaps a page in: close the suggestions and the mobile drawer, follow along in the sidebar.
  document.addEventListener("htmx:afterSettle", function (event) {
    enhance(event.target);
    if (event.target.id === "main") {
      closeSuggestions();
      if (window.location.hash === "#nav") history.replaceState(null, "", window.location.pathname + window.location.search);
      markCurrentInSidebar();
      } else if (event.target.closest && event.target.closest("#nav")) {
      markCurrentInSidebar();
    }
  });
  // Filters left at "Any" stay out of the request and the pushed URL: only fields that hold a value are sent.
  document.addEventListener("htmx:configRequest", function (event) {
    var data = event.detail.formData;
    if (!data || !event.detail.elt.closest || !event.detail.elt.closest("form.search-form")) return;
    var empty = [];
    data.forEach(function (value, name) { if (value === "") empty.push(name); });
    empty.forEach(function (name) { data.delete(name); });
  });
  // A plain submit (before htmx has loaded) leaves empty fields out too: disabled fields are not sent.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form.search-form") || event.defaultPrevented) return;
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && field.value === "" && !field.disabled) {
        field.disabled = true;
        setTimeout(function () { field.disabled = false; }, 0);  // usable again after a back navigation
      }
    });
  });
  window.addEventListener("popstate", function () { setTimeout(markCurrentInSidebar, 0); });
})();

// Try-it panel behaviour: signing in the page (kucoin-relay.js), credential storage, recent requests, copy buttons.
// The panel works without this file (a plain form POST); this adds comfort, never a requirement.
(function () {
  "use strict";

  var CREDENTIALS = "kucoin-try-it-credentials";
  var REMEMBER = "kucoin-try-it-remember";
  var HISTORY = "kucoin-try-it-history";
  var HISTORY_LIMIT = 200;
  var SHOWN_PER_ENDPOINT = 10;

  function storage(kind) {
    try { return kind === "local" ? window.localStorage : window.sessionStorage; } catch (e) { return null; }
  }

  function readJSON(store, key, fallback) {
    try { var v = store && store.getItem(key); return v ? JSON.parse(v) : fallback; } catch (e) { return fallback; }
  }

  function writeJSON(store, key, value) {
    try { if (store) store.setItem(key, JSON.stringify(value)); } catch (e) { /* full or disabled: keep going */ }
  }

  // --- credentials: sessionStorage by default; localStorage only after "Remember on this device" ---

  function remembering() {
    var local = storage("local");
    return !!(local && local.getItem(REMEMBER) === "1");
  }

  function savedCredentials() {
    return readJSON(remembering() ? storage("local") : storage("session"), CREDENTIALS, {});
  }

  // A secret input held by the page has no name (so no submission carries it), only data-secret-name.
  function fieldName(input) { return input.name || input.dataset.secretName || ""; }

  function saveCredentials(form) {
    var values = {};
    form.querySelectorAll("[data-credential], select[name=api_key_version]").forEach(function (input) {
      if (input.value) values[fieldName(input)] = input.value;
    });
    writeJSON(storage("session"), CREDENTIALS, values);
    if (remembering()) writeJSON(storage("local"), CREDENTIALS, values);
  }

  function fillCredentials(form) {
    var values = savedCredentials();
    form.querySelectorAll("[data-credential], select[name=api_key_version]").forEach(function (input) {
      if (!input.value || input.tagName === "SELECT") {
        if (values[fieldName(input)]) input.value = values[fieldName(input)];
      }
    });
  }

  function setRemember(form, on) {
    var local = storage("local");
    if (!local) return;
    if (on) {
      local.setItem(REMEMBER, "1");
      saveCredentials(form);
    } else {
      local.removeItem(REMEMBER);
      local.removeItem(CREDENTIALS);
    }
  }

  // --- recent requests: parameters and outcome only, never credentials ---

  function history() { return readJSON(storage("local"), HISTORY, []); }

  function addToHistory(entry) {
    entry.at = new Date().toISOString();
    var all = [entry].concat(history()).slice(0, HISTORY_LIMIT);
    writeJSON(storage("local"), HISTORY, all);
  }

  function renderHistory(panel) {
    var section = panel.querySelector(".try-it-history");
    if (!section) return;
    var slug = panel.dataset.endpoint;
    var mine = history().filter(function (e) { return e.slug === slug; }).slice(0, SHOWN_PER_ENDPOINT);
    var list = section.querySelector(".history-list");
    list.textContent = "";
    mine.forEach(function (entry, index) {
      var item = document.createElement("li");
      var outcome = document.createElement("span");
      outcome.className = entry.ok ? "history-ok" : "history-bad";
      outcome.textContent = (entry.status || "no answer") + (entry.code ? " · " + entry.code : "");
      var when = document.createElement("time");
      when.dateTime = entry.at;
      when.textContent = new Date(entry.at).toLocaleTimeString();
      var query = document.createElement("span");
      query.className = "history-query";
      query.textContent = describeQuery(entry.query) || "(no parameters)";
      var rerun = document.createElement("button");
      rerun.type = "button";
      rerun.className = "history-rerun";
      rerun.dataset.index = String(index);
      rerun.textContent = "Re-run";
      item.append(outcome, when, query, rerun);
      list.append(item);
    });
    section.hidden = mine.length === 0;
    section.__entries = mine;
  }

  function describeQuery(query) {
    var parts = [];
    new URLSearchParams(query || "").forEach(function (value, name) {
      parts.push(name.replace(/^p_/, "") + "=" + (value.length > 40 ? value.slice(0, 40) + "…" : value));
    });
    return parts.join("  ");
  }

  function rerun(panel, entry) {
    var form = panel.querySelector(".try-it-form");
    form.querySelectorAll("[name^=p_], textarea[name=body], textarea[name=extra_query]").forEach(function (input) {
      input.value = "";
    });
    new URLSearchParams(entry.query || "").forEach(function (value, name) {
      var input = form.elements.namedItem(name);
      if (input && !input.hasAttribute("data-credential")) input.value = value;
    });
    fillCredentials(form);
    form.requestSubmit();
  }

  // --- copy buttons ---

  function copyText(button) {
    var text = "";
    if (button.dataset.copy) {
      var target = document.querySelector(button.dataset.copy);
      text = target ? target.textContent : "";
    } else if (button.dataset.copyHref) {
      var link = button.closest(".result").querySelector(button.dataset.copyHref);
      text = link ? new URL(link.getAttribute("href"), window.location.href).href : "";
    }
    if (!text || !navigator.clipboard) return;
    navigator.clipboard.writeText(text).then(function () {
      var label = button.textContent;
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = label; }, 1500);
    });
  }

  // --- signing in the page: prepare, sign with WebCrypto, and let htmx post the signatures ---

  function signsHere(form) { return form.dataset.signsHere === "1"; }

  function startSigningHere(panel, form) {
    if (!form.dataset.prepareUrl || !window.KucoinRelay) return;
    // Without WebCrypto (a plain-http page off localhost) the form posts the secret, and says so.
    var here = window.KucoinRelay.available() ? "page" : "insecure";
    panel.querySelectorAll(".signing-note").forEach(function (note) { note.hidden = note.dataset.signing !== here; });
    if (here !== "page") return;
    window.KucoinRelay.holdSecrets(form);
    form.dataset.signsHere = "1";
  }

  function wantsSignature(form) {
    if (form.dataset.requiresKey === "1") return true;
    return Array.prototype.some.call(form.querySelectorAll("[data-credential]"), function (input) { return !!input.value; });
  }

  function showNotSent(panel, message) {
    var box = document.createElement("div");
    box.className = "not-sent";
    box.setAttribute("role", "alert");
    var title = document.createElement("h4");
    title.textContent = "Not sent";
    var text = document.createElement("p");
    text.textContent = message;
    box.append(title, text);
    var result = panel.querySelector("#try-it-result");
    result.textContent = "";
    result.append(box);
  }

  // Before htmx posts Send: prepare and sign here, then issue the request to the relay instead.
  document.addEventListener("htmx:confirm", function (event) {
    var form = event.detail.elt;
    if (!form.matches || !form.matches(".try-it-form") || !signsHere(form) || !wantsSignature(form)) return;
    if (event.detail.path !== form.getAttribute("action")) return;
    event.preventDefault();
    var panel = form.closest(".try-it"), button = form.querySelector("button[type=submit]");
    button.disabled = true;
    window.KucoinRelay.prepareAndSign(form.dataset.prepareUrl, form).then(function (outcome) {
      button.disabled = false;
      if (outcome.fields) {
        form.__relay = outcome.fields;
        event.detail.issueRequest(true);
      } else if (outcome.html && window.htmx) {
        window.htmx.swap("#try-it-result", outcome.html, { swapStyle: "innerHTML" });
      } else {
        showNotSent(panel, outcome.error || "The request could not be prepared.");
      }
    });
  });

  document.addEventListener("htmx:configRequest", function (event) {
    var form = event.detail.elt, fields = form.__relay;
    if (!fields) return;
    form.__relay = null;
    event.detail.path = form.dataset.relayUrl;
    window.KucoinRelay.SECRET_NAMES.forEach(function (name) { delete event.detail.parameters[name]; });
    Object.keys(fields).forEach(function (name) { event.detail.parameters[name] = fields[name]; });
  });

  // --- wiring ---

  function init(root) {
    (root.querySelectorAll ? root : document).querySelectorAll(".try-it").forEach(function (panel) {
      if (panel.dataset.ready) return;
      panel.dataset.ready = "1";
      var form = panel.querySelector(".try-it-form");
      startSigningHere(panel, form);
      fillCredentials(form);
      var remember = panel.querySelector(".remember");
      if (remember) {
        remember.hidden = false;
        remember.querySelector(".remember-toggle").checked = remembering();
      }
      renderHistory(panel);
    });
    (root.querySelectorAll ? root : document).querySelectorAll(".copy-button").forEach(function (b) { b.hidden = false; });
  }

  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest(".try-it-form");
    if (form && event.target.matches("[data-credential], select[name=api_key_version]")) saveCredentials(form);
  });

  // Ctrl+Enter (Cmd+Enter on a Mac) sends from any field, as in API clients.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
    var form = event.target.closest && event.target.closest(".try-it-form");
    if (form) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  document.addEventListener("change", function (event) {
    if (event.target.matches(".remember-toggle")) {
      setRemember(event.target.closest(".try-it-form"), event.target.checked);
    } else if (event.target.matches("select[name=api_key_version]")) {
      saveCredentials(event.target.closest(".try-it-form"));
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button");
    if (!button) return;
    var panel = button.closest(".try-it");
    if (button.matches(".copy-button")) copyText(button);
    else if (button.matches(".history-rerun") && panel) {
      var entries = panel.querySelector(".try-it-history").__entries || [];
      var entry = entries[Number(button.dataset.index)];
      if (entry) rerun(panel, entry);
    } else if (button.matches(".history-clear") && panel) {
      var slug = panel.dataset.endpoint;
      writeJSON(storage("local"), HISTORY, history().filter(function (e) { return e.slug !== slug; }));
      renderHistory(panel);
    }
  });

  // htmx leaves 4xx/5xx answers unswapped; a send refused for its rate (429) or a busy server (503) says why.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail && event.detail.target;
    var status = event.detail && event.detail.xhr && event.detail.xhr.status;
    if (target && target.id === "try-it-result" && (status === 429 || status === 503)) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // After a Send: keep the outcome (no credentials) in the browser's recent requests.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || target.id !== "try-it-result") return;
    var data = target.querySelector('script[type="application/json"]');
    var panel = target.closest(".try-it");
    // htmx reports the out-of-band swaps of the same answer too: record each result once.
    if (data && panel && !data.dataset.recorded) {
      data.dataset.recorded = "1";
      try { addToHistory(JSON.parse(data.textContent)); } catch (e) { /* malformed: skip */ }
      renderHistory(panel);
    }
  });

  document.addEventListener("htmx:load", function (event) { init(event.detail.elt || document); });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { init(document); });
  else init(document);
})();

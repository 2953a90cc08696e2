// The WebSocket console, second half: subscriptions and acks, the message log, and wiring it to the page.
// Loaded after ws-console.js, which defines window.KuCoinWsConsole and the connection itself.
(function () {
  "use strict";

  var Console = window.KuCoinWsConsole;
  if (!Console) return;
  var CREDENTIALS = "kucoin-try-it-credentials";
  var REMEMBER = "kucoin-try-it-remember";
  var LOG_KEPT = 2000;
  var LOG_SHOWN = 300;

  function store() {
    try {
      return window.localStorage.getItem(REMEMBER) === "1" ? window.localStorage : window.sessionStorage;
    } catch (e) { return null; }
  }
  var singles = Console.singles;
  function newId() { return String(Date.now()) + String(Math.floor(Math.random() * 1000)).padStart(3, "0"); }

  // --- subscriptions ---

  Console.prototype.subscribe = function (topic, again) {
    var list = singles(topic);
    if (/[:,]$|::|,,|\{/.test(topic) || !list.length) { this.refuse("fill in every topic argument."); return; }
    if (list.length > this.limits.topics_per_subscribe) {
      this.refuse(list.length + " topics in one subscribe; KuCoin allows " + this.limits.topics_per_subscribe + ".");
      return;
    }
    var self = this, existing = this.subscriptions[topic];
    if (existing && existing.state === "active" && !again) { this.refuse("already subscribed to " + topic + "."); return; }
    var added = existing ? 0 : list.filter(function (s) { return !self.isFutures(s); }).length;
    if (this.spotTopicCount() + added > this.limits.topics_per_spot_connection) {
      this.refuse("that would make " + (this.spotTopicCount() + added) + " topics on this connection; KuCoin allows " +
        this.limits.topics_per_spot_connection + " on a spot or margin connection.");
      return;
    }
    var id = newId();
    var frame = { id: id, type: "subscribe", topic: topic, privateChannel: this.isPrivate, response: true };
    this.subscriptions[topic] = { topic: topic, singles: list, state: "pending", id: id, number: existing ? existing.number : this.nextNumber() };
    if (!this.send(frame)) { if (!existing) delete this.subscriptions[topic]; this.renderSubscriptions(); return; }
    this.pending[id] = { kind: again ? "resubscribe" : "subscribe", topic: topic };
    this.renderSubscriptions();
  };

  Console.prototype.nextNumber = function () { this.numbers = (this.numbers || 0) + 1; return this.numbers; };

  Console.prototype.unsubscribe = function (topic) {
    if (!this.subscriptions[topic]) { this.refuse("not subscribed to " + topic + "."); return; }
    var id = newId();
    if (!this.send({ id: id, type: "unsubscribe", topic: topic, privateChannel: this.isPrivate, response: true })) return;
    this.pending[id] = { kind: "unsubscribe", topic: topic };
  };

  Console.prototype.ack = function (frame) {
    var request = this.pending[frame.id];
    delete this.pending[frame.id];
    if (!request) { this.log("received", frame); return; }
    var subscription = this.subscriptions[request.topic];
    if (request.kind === "unsubscribe") delete this.subscriptions[request.topic];
    else if (subscription) subscription.state = "active";
    this.log("ack", frame, request.kind + " " + request.topic + " acknowledged", subscription);
    this.renderSubscriptions();
  };

  Console.prototype.error = function (frame) {
    var request = this.pending[frame.id];
    delete this.pending[frame.id];
    var text = "KuCoin error " + frame.code + ": " + frame.data;
    if (request) {
      text = request.kind + " " + request.topic + " refused: " + text;
      if (request.kind !== "unsubscribe") delete this.subscriptions[request.topic];
      this.renderSubscriptions();
    }
    this.log("error", frame, text);
  };

  Console.prototype.push = function (frame) {
    var topic = frame.topic, found = null, self = this;
    Object.keys(this.subscriptions).some(function (key) {
      var s = self.subscriptions[key];
      if (s.singles.indexOf(topic) >= 0 || key === topic) { found = s; return true; }
      return false;
    });
    this.count += 1;
    this.received.push(Date.now());
    this.log("message", frame, null, found);
  };

  Console.prototype.renderSubscriptions = function () {
    var list = this.root.querySelector(".console-subscriptions"), self = this;
    list.textContent = "";
    Object.keys(this.subscriptions).forEach(function (topic) {
      var s = self.subscriptions[topic];
      var item = document.createElement("li");
      item.dataset.state = s.state;
      var label = document.createElement("code");
      label.textContent = "#" + s.number + " " + topic;
      var state = document.createElement("span");
      state.className = "console-sub-state";
      state.textContent = s.state === "active" ? "subscribed" : "waiting for ack";
      var button = document.createElement("button");
      button.type = "button";
      button.dataset.action = "unsubscribe";
      button.dataset.topic = topic;
      button.textContent = "Unsubscribe";
      item.append(label, state, button);
      list.append(item);
    });
    this.setButtons();
  };

  // --- the log ---

  Console.prototype.log = function (kind, frame, text, subscription) {
    var entry = {
      at: new Date(), kind: kind, text: text || "",
      json: frame ? JSON.stringify(frame, null, 2) : "",
      tag: subscription ? "#" + subscription.number + " " + subscription.topic : ""
    };
    this.entries.push(entry);
    if (this.entries.length > LOG_KEPT) this.entries.splice(0, this.entries.length - LOG_KEPT);
    if (this.paused && kind === "message") return;
    this.buffered.push(entry);
    this.scheduleRender();
  };

  Console.prototype.scheduleRender = function () {
    var self = this;
    if (this.renderQueued) return;
    this.renderQueued = true;
    requestAnimationFrame(function () { self.renderQueued = false; self.flush(); });
  };

  Console.prototype.matches = function (entry) {
    var filter = (this.root.querySelector("[data-log-filter]").value || "").toLowerCase();
    return !filter || (entry.text + entry.json + entry.tag).toLowerCase().indexOf(filter) >= 0;
  };

  Console.prototype.entryElement = function (entry) {
    var item = document.createElement("li");
    item.className = "log-" + entry.kind;
    var head = document.createElement("div");
    head.className = "log-head";
    var time = document.createElement("time");
    time.dateTime = entry.at.toISOString();
    time.textContent = entry.at.toLocaleTimeString([], { hour12: false }) + "." + String(entry.at.getMilliseconds()).padStart(3, "0");
    var kind = document.createElement("span");
    kind.className = "log-kind";
    kind.textContent = entry.kind;
    head.append(time, kind);
    if (entry.tag) { var tag = document.createElement("span"); tag.className = "log-subscription"; tag.textContent = entry.tag; head.append(tag); }
    if (entry.text) { var text = document.createElement("span"); text.className = "log-text"; text.textContent = entry.text; head.append(text); }
    item.append(head);
    if (entry.json) { var pre = document.createElement("pre"); pre.textContent = entry.json; item.append(pre); }
    return item;
  };

  Console.prototype.flush = function () {
    var list = this.root.querySelector(".console-log"), self = this;
    var stick = list.scrollTop + list.clientHeight >= list.scrollHeight - 24;
    var fragment = document.createDocumentFragment();
    this.buffered.slice(-LOG_SHOWN).forEach(function (entry) { if (self.matches(entry)) fragment.append(self.entryElement(entry)); });
    this.buffered = [];
    list.append(fragment);
    while (list.childElementCount > LOG_SHOWN) list.firstElementChild.remove();
    if (stick) list.scrollTop = list.scrollHeight;  // newest last, followed unless the reader scrolled up
  };

  Console.prototype.renderAll = function () {
    this.root.querySelector(".console-log").textContent = "";
    this.buffered = this.entries.slice();
    this.flush();
  };

  Console.prototype.togglePause = function (button) {
    this.paused = !this.paused;
    button.setAttribute("aria-pressed", String(this.paused));
    button.textContent = this.paused ? "Resume" : "Pause";
    if (!this.paused) this.renderAll();
  };

  Console.prototype.clearLog = function () {
    this.entries = [];
    this.buffered = [];
    this.count = 0;
    this.received = [];
    this.root.querySelector(".console-log").textContent = "";
    this.showCount();
  };

  Console.prototype.copyLog = function (button) {
    var self = this;
    var text = this.entries.filter(function (e) { return self.matches(e); }).map(function (e) {
      return e.at.toISOString() + " " + e.kind + (e.tag ? " " + e.tag : "") + (e.text ? " " + e.text : "") + (e.json ? "\n" + e.json : "");
    }).join("\n");
    if (!navigator.clipboard) return;
    navigator.clipboard.writeText(text).then(function () {
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = "Copy"; }, 1500);
    });
  };

  Console.prototype.showCount = function () {
    var now = Date.now();
    this.received = this.received.filter(function (t) { return now - t < 5000; });
    this.root.querySelector(".console-count").textContent = this.count + (this.count === 1 ? " message" : " messages");
    this.root.querySelector(".console-rate").textContent = (this.received.length / 5).toFixed(1) + "/s";
  };

  // --- status, buttons, credentials ---

  Console.prototype.setStatus = function (text) { this.root.querySelector(".console-status").textContent = text; };

  Console.prototype.setButtons = function (busy) {
    var open = !!(this.socket && this.welcomed), has = Object.keys(this.subscriptions).length > 0;
    var enable = { connect: !this.wanted && !busy, disconnect: this.wanted, reconnect: this.wanted, subscribe: open, unsubscribe: open && has };
    this.form.querySelectorAll(".console-actions button[data-action]").forEach(function (b) { b.disabled = !enable[b.dataset.action]; });
  };

  Console.prototype.fillCredentials = function () {
    var values = {};
    try { values = JSON.parse((store() && store().getItem(CREDENTIALS)) || "{}"); } catch (e) { values = {}; }
    this.form.querySelectorAll("[data-credential], select[name=api_key_version]").forEach(function (input) {
      if (values[input.name]) input.value = values[input.name];
    });
  };

  Console.prototype.saveCredentials = function () {
    var values = {};
    this.form.querySelectorAll("[data-credential], select[name=api_key_version]").forEach(function (input) {
      if (input.value) values[input.name] = input.value;
    });
    try {
      window.sessionStorage.setItem(CREDENTIALS, JSON.stringify(values));
      if (window.localStorage.getItem(REMEMBER) === "1") window.localStorage.setItem(CREDENTIALS, JSON.stringify(values));
    } catch (e) { /* storage off: the fields still work */ }
  };

  // --- wiring: every console on the page, also after htmx swaps a page in; closed when swapped out ---

  function init(scope) {
    (scope && scope.querySelectorAll ? scope : document).querySelectorAll("[data-ws-console]").forEach(function (root) {
      if (root.__console) return;
      root.__console = new Console(root);
      root.__console.start();
    });
  }
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || !target.querySelectorAll) return;
    target.querySelectorAll("[data-ws-console]").forEach(function (root) {
      if (root.__console) { root.__console.disconnect(""); clearInterval(root.__console.timers.rate); }
    });
  });
  document.addEventListener("htmx:load", function (event) { init(event.detail.elt); });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { init(document); });
  else init(document);
})();

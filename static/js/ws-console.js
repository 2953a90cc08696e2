// The WebSocket console on a channel page: KuCoin's classic protocol, spoken by the browser itself.
// Token from bullet-* (through our server, which signs private ones), connect with token and connectId,
// wait for welcome, ping at pingInterval, treat a pong missing after pingTimeout as a dead connection,
// subscribe / unsubscribe with acks, reconnect and resubscribe. KuCoin's limits come from the page
// (data-limits) and are enforced before anything is sent. No inline script, no on* attributes.
(function () {
  "use strict";

  var CONNECTS = "kucoin-ws-connects";  // when this browser opened connections, for the per-minute limit
  var RECONNECT_DELAYS = [500, 1000, 2000, 5000, 10000];

  function storage(kind) {
    try { return kind === "local" ? window.localStorage : window.sessionStorage; } catch (e) { return null; }
  }
  function readJSON(store, key, fallback) {
    try { var v = store && store.getItem(key); return v ? JSON.parse(v) : fallback; } catch (e) { return fallback; }
  }
  function writeJSON(store, key, value) {
    try { if (store) store.setItem(key, JSON.stringify(value)); } catch (e) { /* storage full or off */ }
  }
  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; } catch (e) { return ""; }
  }
  function newId() { return String(Date.now()) + String(Math.floor(Math.random() * 1000)).padStart(3, "0"); }

  function Console(root) {
    this.root = root;
    this.form = root.querySelector(".console-form");
    this.limits = JSON.parse(root.dataset.limits);
    this.topicTemplate = root.dataset.topic;
    this.isPrivate = root.dataset.private === "true";
    this.socket = null;
    this.server = null;
    this.wanted = false;          // the user wants a connection: reconnect when it drops
    this.attempt = 0;
    this.subscriptions = {};      // topic -> {topic, singles, state: pending|active, id}
    this.pending = {};            // frame id -> {kind, topic}
    this.sentAt = [];             // when the client sent each message, for 100 per 10 s
    this.entries = [];
    this.buffered = [];
    this.paused = false;
    this.received = [];           // arrival times of pushes, for the rate
    this.count = 0;
    this.timers = {};
  }

  Console.prototype.start = function () {
    var self = this;
    this.root.querySelector(".console-needs-js").hidden = true;
    this.form.hidden = false;
    this.fillCredentials();
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    this.form.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (button && !button.disabled) self.act(button.dataset.action, button);
    });
    this.form.addEventListener("input", function (event) {
      if (event.target.matches("[data-topic-arg]")) self.showTopic();
      else if (event.target.matches("[data-log-filter]")) self.renderAll();
      else if (event.target.matches("[data-credential], select[name=api_key_version]")) self.saveCredentials();
    });
    this.timers.rate = setInterval(function () { self.showCount(); }, 500);
    this.showTopic();
  };

  Console.prototype.act = function (action, button) {
    if (action === "connect") { this.wanted = true; this.attempt = 0; this.connect(); }
    else if (action === "disconnect") this.disconnect("You disconnected.");
    else if (action === "reconnect") this.reconnect("Reconnecting as asked.");
    else if (action === "subscribe") this.subscribe(this.formTopic());
    else if (action === "unsubscribe") this.unsubscribe(button.dataset.topic || this.formTopic());
    else if (action === "pause") this.togglePause(button);
    else if (action === "clear") this.clearLog();
    else if (action === "copy") this.copyLog(button);
  };

  // --- the topic from the form ---

  Console.prototype.formTopic = function () {
    var topic = this.topicTemplate;
    this.form.querySelectorAll("[data-topic-arg]").forEach(function (input) {
      var parts = input.value.split(",").map(function (s) { return s.trim(); }).filter(Boolean);
      var unique = parts.filter(function (s, i) { return parts.indexOf(s) === i; });
      topic = topic.replace("{" + input.dataset.topicArg + "}", unique.join(","));
    });
    return topic;
  };
  Console.prototype.showTopic = function () {
    var preview = this.root.querySelector(".console-topic-preview");
    if (preview) preview.textContent = this.formTopic();
  };
  function singles(topic) {
    var at = topic.indexOf(":");
    if (at < 0) return [topic];
    var prefix = topic.slice(0, at);
    return topic.slice(at + 1).split(",").filter(Boolean).map(function (arg) { return prefix + ":" + arg; });
  }
  Console.singles = singles;

  // --- KuCoin's limits, checked before sending ---

  Console.prototype.isFutures = function (topic) {
    return this.limits.futures_topic_prefixes.some(function (p) { return topic.split(":")[0].indexOf(p) === 0; });
  };
  Console.prototype.spotTopicCount = function () {
    var self = this, count = 0;
    Object.keys(this.subscriptions).forEach(function (topic) {
      singles(topic).forEach(function (single) { if (!self.isFutures(single)) count += 1; });
    });
    return count;
  };
  Console.prototype.roomToSend = function () {
    var now = Date.now(), span = this.limits.client_messages_window_s * 1000;
    this.sentAt = this.sentAt.filter(function (t) { return now - t < span; });
    return this.sentAt.length < this.limits.client_messages;
  };
  Console.prototype.refuse = function (why) { this.log("refused", null, "Refused before sending: " + why); };

  Console.prototype.send = function (frame) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) { this.refuse("not connected."); return false; }
    if (!this.roomToSend()) {
      this.refuse("KuCoin allows " + this.limits.client_messages + " messages per " +
        this.limits.client_messages_window_s + " s on one connection.");
      return false;
    }
    this.sentAt.push(Date.now());
    this.socket.send(JSON.stringify(frame));
    if (frame.type !== "ping") this.log("sent", frame);
    return true;
  };

  // --- connecting ---

  Console.prototype.connectionAllowed = function () {
    var now = Date.now(), local = storage("local");
    var recent = readJSON(local, CONNECTS, []).filter(function (t) { return now - t < 60000; });
    if (recent.length >= this.limits.new_connections_per_minute) {
      this.refuse("KuCoin allows " + this.limits.new_connections_per_minute + " new connections a minute; " +
        "try again in " + Math.ceil((60000 - (now - recent[0])) / 1000) + " s.");
      return false;
    }
    recent.push(now);
    writeJSON(local, CONNECTS, recent);
    return true;
  };

  Console.prototype.connect = function () {
    var self = this;
    if (this.socket || !this.connectionAllowed()) { this.setButtons(); return; }
    this.setStatus("Getting a token…");
    var body = new FormData();
    if (this.isPrivate) {
      this.form.querySelectorAll("[data-credential], select[name=api_key_version]").forEach(function (input) {
        body.append(input.name, input.value);
      });
    }
    // A private token is signed here (kucoin-relay.js): the secret and passphrase never leave the page.
    var relay = this.isPrivate && window.KucoinRelay && window.KucoinRelay.available() ? window.KucoinRelay : null;
    (relay ? relay.signedToken(this.root.dataset.tokenUrl, this.form) :
      fetch(this.root.dataset.tokenUrl, { method: "POST", body: body, headers: { "X-CSRFToken": csrfToken() }, credentials: "same-origin" })
        .then(function (response) { return response.json(); }))
      .then(function (answer) { self.opened(answer); })
      .catch(function () { self.lost("The token request failed: this site did not answer."); });
    this.setButtons(true);
  };

  Console.prototype.opened = function (answer) {
    if (!this.wanted) return;
    if (!answer.ok) { this.log("error", null, answer.error); this.wanted = false; this.setStatus("Not connected"); this.setButtons(); return; }
    this.server = answer.instanceServers[0];
    this.log("info", null, "Token from " + answer.endpoint + " at " + answer.base_url + " (" + answer.token.slice(0, 6) +
      "…); pingInterval " + this.server.pingInterval + " ms, pingTimeout " + this.server.pingTimeout + " ms.");
    var connectId = newId();
    var url = this.server.endpoint + (this.server.endpoint.indexOf("?") < 0 ? "?" : "&") +
      "token=" + encodeURIComponent(answer.token) + "&connectId=" + connectId;
    this.setStatus("Connecting to " + this.server.endpoint + "…");
    var self = this, socket;
    try { socket = this.socket = new WebSocket(url); } catch (e) {
      this.wanted = false;
      this.lost("The browser refused to open " + this.server.endpoint + ": " + e.message);
      return;
    }
    this.timers.welcome = setTimeout(function () {
      if (self.socket === socket && !self.welcomed) self.dead("No welcome within " + self.limits.welcome_timeout_ms + " ms.");
    }, this.limits.welcome_timeout_ms);
    this.welcomed = false;
    socket.addEventListener("message", function (event) { if (self.socket === socket) self.receive(event.data); });
    socket.addEventListener("close", function (event) {
      if (self.socket === socket) self.lost("Connection closed (code " + event.code + (event.reason ? ", " + event.reason : "") + ").");
    });
  };

  Console.prototype.receive = function (text) {
    var frame;
    try { frame = JSON.parse(text); } catch (e) { this.log("error", null, "A frame that is not JSON: " + String(text).slice(0, 200)); return; }
    if (frame.type === "welcome") this.welcome(frame);
    else if (frame.type === "pong") this.pong(frame);
    else if (frame.type === "ack") this.ack(frame);
    else if (frame.type === "error") this.error(frame);
    else if (frame.type === "message") this.push(frame);
    else this.log("received", frame);
  };

  Console.prototype.welcome = function (frame) {
    var self = this;
    this.welcomed = true;
    this.attempt = 0;
    clearTimeout(this.timers.welcome);
    this.log("welcome", frame);
    this.setStatus("Connected to " + this.server.endpoint);
    this.timers.ping = setInterval(function () { self.ping(); }, this.server.pingInterval);
    this.setButtons();
    var again = Object.keys(this.subscriptions);
    if (again.length) this.log("info", null, "Resubscribing " + again.length + " subscription(s) after reconnecting.");
    again.forEach(function (topic) { self.subscribe(topic, true); });
  };

  Console.prototype.ping = function () {
    var self = this, id = newId();
    if (!this.send({ id: id, type: "ping" })) return;
    this.awaitingPong = id;
    clearTimeout(this.timers.pong);
    this.timers.pong = setTimeout(function () {
      if (self.awaitingPong === id) self.dead("No pong within pingTimeout (" + self.server.pingTimeout + " ms): the connection is dead.");
    }, this.server.pingTimeout);
  };
  Console.prototype.pong = function (frame) {
    if (frame.id === this.awaitingPong) { this.awaitingPong = null; clearTimeout(this.timers.pong); }
  };

  Console.prototype.stopTimers = function () {
    clearInterval(this.timers.ping);
    clearTimeout(this.timers.pong);
    clearTimeout(this.timers.welcome);
    this.awaitingPong = null;
  };

  Console.prototype.closeSocket = function () {
    var socket = this.socket;
    this.socket = null;
    this.stopTimers();
    this.pending = {};
    if (socket && socket.readyState <= WebSocket.OPEN) socket.close();
  };

  // A connection that stopped answering: close it and, if wanted, reconnect.
  Console.prototype.dead = function (why) { this.closeSocket(); this.lost(why); };

  Console.prototype.lost = function (why) {
    var self = this;
    this.closeSocket();
    this.log("error", null, why);
    Object.keys(this.subscriptions).forEach(function (t) { self.subscriptions[t].state = "pending"; });
    this.renderSubscriptions();
    if (!this.wanted) { this.setStatus("Not connected"); this.setButtons(); return; }
    var delay = RECONNECT_DELAYS[Math.min(this.attempt, RECONNECT_DELAYS.length - 1)];
    this.attempt += 1;
    this.setStatus("Reconnecting in " + (delay / 1000) + " s…");
    this.log("info", null, "Reconnecting in " + (delay / 1000) + " s (attempt " + this.attempt + ").");
    clearTimeout(this.timers.reconnect);
    this.timers.reconnect = setTimeout(function () { if (self.wanted) self.connect(); }, delay);
    this.setButtons();
  };

  Console.prototype.disconnect = function (why) {
    this.wanted = false;
    clearTimeout(this.timers.reconnect);
    this.closeSocket();
    this.subscriptions = {};
    this.renderSubscriptions();
    if (why) this.log("info", null, why);
    this.setStatus("Not connected");
    this.setButtons();
  };

  Console.prototype.reconnect = function (why) {
    this.log("info", null, why);
    this.closeSocket();
    this.wanted = true;
    this.attempt = 0;
    this.connect();
  };

  // A WebSocket host this site's Content-Security-Policy does not list: say so instead of a bare close.
  document.addEventListener("securitypolicyviolation", function (event) {
    if (!/^wss?:/.test(event.blockedURI || "")) return;
    document.querySelectorAll("[data-ws-console]").forEach(function (root) {
      if (root.__console) root.__console.log("error", null, "This site's Content-Security-Policy does not allow " +
        event.blockedURI + " (connect-src): the upstream handed out a WebSocket host it does not expect.");
    });
  });

  window.KuCoinWsConsole = Console;  // the rest of the prototype lives in ws-console-log.js
})();

// The WebSocket console's unified-account ("Pro") protocol, for consoles marked data-protocol="unified".
// No token: connect to the page's address, wait for the welcome (sessionId, pingInterval), ping with op ping,
// sign in on a private connection with an op auth frame signed HERE (KucoinSigner: the secret never leaves
// the page), subscribe with the channel's frame (action SUBSCRIBE) and read the id + result answers and the
// {T, P, d} pushes. Loaded after ws-console.js and ws-console-log.js; classic consoles are left as they are.
(function () {
  "use strict";

  var Console = window.KuCoinWsConsole;
  if (!Console) return;
  var P = Console.prototype;
  var classic = { connect: P.connect, receive: P.receive, ping: P.ping, subscribe: P.subscribe,
    unsubscribe: P.unsubscribe, formTopic: P.formTopic, spotTopicCount: P.spotTopicCount };
  var PUSHED_AS = { orderAll: "order", positionAll: "position" };
  function newId() { return String(Date.now()) + String(Math.floor(Math.random() * 1000)).padStart(3, "0"); }
  function isUnified(console_) { return console_.root.dataset.protocol === "unified"; }
  function when(method, unified) {
    return function () { return (isUnified(this) ? unified : classic[method]).apply(this, arguments); };
  }

  // --- the frame from the form: the channel's frame with each {placeholder} filled in ---

  function frameFrom(console_) {
    var frame = JSON.parse(console_.root.dataset.frame), values = {};
    console_.form.querySelectorAll("[data-topic-arg]").forEach(function (input) { values[input.dataset.topicArg] = input.value; });
    Object.keys(frame).forEach(function (key) {
      var value = frame[key];
      if (typeof value !== "string" || value.charAt(0) !== "{") return;
      var name = value.slice(1, -1), given = (values[name] || "").trim();
      if (name === "symbols") {
        var parts = given.split(",").map(function (s) { return s.trim(); }).filter(Boolean);
        parts = parts.filter(function (s, i) { return parts.indexOf(s) === i; });
        delete frame[key];
        if (parts.length === 1) frame.symbol = parts[0]; else frame.symbols = parts;
      } else frame[key] = given;
    });
    delete frame.action;
    return frame;
  }
  function symbolsOf(frame) { return frame.symbols || (frame.symbol ? [frame.symbol] : []); }

  P.formTopic = when("formTopic", function () { return JSON.stringify(frameFrom(this)); });
  P.spotTopicCount = when("spotTopicCount", function () {
    var self = this, count = 0;
    Object.keys(this.subscriptions).forEach(function (key) { count += Math.max(1, symbolsOf(self.subscriptions[key].frame).length); });
    return count;
  });

  // --- connecting, welcome, signing in, pings ---

  P.sendUnified = function (frame, shown) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) { this.refuse("not connected."); return false; }
    if (!this.roomToSend()) {
      this.refuse("KuCoin allows " + this.limits.client_messages + " messages per " + this.limits.client_messages_window_s + " s on one connection.");
      return false;
    }
    this.sentAt.push(Date.now());
    this.socket.send(JSON.stringify(frame));
    if (frame.op !== "ping") this.log("sent", shown || frame);
    return true;
  };

  P.connect = when("connect", function () {
    var self = this, address = this.root.dataset.address;
    if (this.isPrivate && !this.credentials()) { this.refuse("fill in API key, API secret and API passphrase."); this.wanted = false; this.setButtons(); return; }
    if (this.socket || !this.connectionAllowed()) { this.setButtons(); return; }
    this.server = { endpoint: address, pingInterval: 18000, pingTimeout: 10000 };
    this.setStatus("Connecting to " + address + "…");
    var socket;
    try { socket = this.socket = new WebSocket(address); } catch (e) {
      this.wanted = false;
      this.lost("The browser refused to open " + address + ": " + e.message);
      return;
    }
    this.welcomed = false;
    this.timers.welcome = setTimeout(function () {
      if (self.socket === socket && !self.welcomed) self.dead("No welcome within " + self.limits.welcome_timeout_ms + " ms.");
    }, this.limits.welcome_timeout_ms);
    socket.addEventListener("message", function (event) { if (self.socket === socket) self.receive(event.data); });
    socket.addEventListener("close", function (event) {
      if (self.socket === socket) self.lost("Connection closed (code " + event.code + (event.reason ? ", " + event.reason : "") + ").");
    });
    this.setButtons(true);
  });

  P.credentials = function () {
    var values = {};
    this.form.querySelectorAll("[data-credential]").forEach(function (input) { values[input.name] = input.value.trim(); });
    return values.api_key && values.api_secret && values.api_passphrase ? values : null;
  };

  P.receive = when("receive", function (text) {
    var frame;
    try { frame = JSON.parse(text); } catch (e) { this.log("error", null, "A frame that is not JSON: " + String(text).slice(0, 200)); return; }
    if (frame === null || typeof frame !== "object") { this.log("received", frame); return; }
    if (String(frame.message || frame.type || "").toLowerCase() === "welcome") this.welcomeUnified(frame);
    else if (String(frame.op || frame.type || "").toLowerCase() === "pong") this.pong(frame);
    else if (frame.id !== undefined && "result" in frame) this.answered(frame);
    else if ("T" in frame && "d" in frame) this.pushUnified(frame);
    else this.log("received", frame);
  });

  P.welcomeUnified = function (frame) {
    if (frame.pingInterval > 0) this.server.pingInterval = frame.pingInterval;
    if (frame.pingTimeout > 0) this.server.pingTimeout = frame.pingTimeout;
    if (!this.isPrivate) { this.welcome(frame); return; }
    clearTimeout(this.timers.welcome);
    this.welcomeFrame = frame;
    this.log("info", null, "Welcome (session " + frame.sessionId + "); signing in with an auth frame signed in this page.");
    this.signIn();
  };

  P.signIn = function () {
    var self = this, values = this.credentials(), timestamp = String(Date.now());
    if (!values || !window.KucoinSigner) { this.dead("Cannot sign the auth frame: " + (values ? "the signer did not load." : "credentials missing.")); return; }
    Promise.all([
      window.KucoinSigner.hmacBase64(values.api_secret, timestamp + this.root.dataset.authPath),
      window.KucoinSigner.hmacBase64(values.api_secret, values.api_passphrase)
    ]).then(function (signed) {
      var id = newId();
      var frame = { id: id, op: "auth", "kc-api-key": values.api_key, "kc-api-sign": signed[0], "kc-api-timestamp": timestamp, "kc-api-passphrase": signed[1] };
      var shown = Object.assign({}, frame, { "kc-api-sign": signed[0].slice(0, 6) + "…", "kc-api-passphrase": "…" });
      if (self.sendUnified(frame, shown)) self.pending[id] = { kind: "auth", topic: "" };
    }).catch(function (error) { self.dead("Cannot sign the auth frame: " + error.message); });
  };

  P.ping = when("ping", function () {
    var self = this, id = newId();
    if (!this.sendUnified({ id: id, op: "ping", timestamp: Date.now() })) return;
    this.awaitingPong = id;
    clearTimeout(this.timers.pong);
    this.timers.pong = setTimeout(function () {
      if (self.awaitingPong === id) self.dead("No pong within pingTimeout (" + self.server.pingTimeout + " ms): the connection is dead.");
    }, this.server.pingTimeout);
  });

  // --- subscribing, answers, pushes ---

  P.subscribe = when("subscribe", function (key, again) {
    var frame = JSON.parse(key), symbols = symbolsOf(frame);
    var empty = Object.keys(frame).some(function (k) { return frame[k] === "" || (Array.isArray(frame[k]) && !frame[k].length); });
    if (empty) { this.refuse("fill in every value of the frame."); return; }
    if (symbols.length > this.limits.topics_per_subscribe) {
      this.refuse(symbols.length + " symbols in one subscribe; KuCoin allows " + this.limits.topics_per_subscribe + "."); return;
    }
    var existing = this.subscriptions[key];
    if (existing && existing.state === "active" && !again) { this.refuse("already subscribed to " + key + "."); return; }
    var total = this.spotTopicCount() + (existing ? 0 : Math.max(1, symbols.length));
    if (total > this.limits.topics_per_spot_connection) {
      this.refuse("that would make " + total + " subscriptions on this connection; KuCoin allows " + this.limits.topics_per_spot_connection + "."); return;
    }
    var id = newId();
    this.subscriptions[key] = { topic: key, singles: symbols, frame: frame, state: "pending", id: id, number: existing ? existing.number : this.nextNumber() };
    if (!this.sendUnified(Object.assign({ id: id, action: "SUBSCRIBE" }, frame))) {
      if (!existing) delete this.subscriptions[key];
      this.renderSubscriptions();
      return;
    }
    this.pending[id] = { kind: again ? "resubscribe" : "subscribe", topic: key };
    this.renderSubscriptions();
  });

  P.unsubscribe = when("unsubscribe", function (key) {
    var subscription = this.subscriptions[key];
    if (!subscription) { this.refuse("not subscribed to " + key + "."); return; }
    var id = newId();
    if (!this.sendUnified(Object.assign({ id: id, action: "UNSUBSCRIBE" }, subscription.frame))) return;
    this.pending[id] = { kind: "unsubscribe", topic: key };
  });

  P.answered = function (frame) {
    var request = this.pending[frame.id];
    var ok = frame.result === true || String(frame.result).toLowerCase() === "true";
    if (request && request.kind === "auth") {
      delete this.pending[frame.id];
      if (!ok) { this.wanted = false; this.log("error", frame, "Sign-in refused: KuCoin error " + frame.code + ": " + frame.msg); return; }
      this.log("ack", frame, "Signed in.");
      this.welcome(this.welcomeFrame);  // pings start and subscriptions are made again now
      return;
    }
    if (ok) { this.ack(frame); return; }
    this.error({ id: frame.id, code: frame.code, data: frame.msg || JSON.stringify(frame) });
  };

  P.pushUnified = function (frame) {
    var channel = String(frame.T).indexOf("execution.lite") === 0 ? "execution.lite" : String(frame.T).split(".")[0];
    var symbol = frame.d && frame.d.s, self = this, found = null;
    Object.keys(this.subscriptions).some(function (key) {
      var s = self.subscriptions[key], name = PUSHED_AS[s.frame.channel] || s.frame.channel;
      if (name === channel && (!s.singles.length || s.singles.indexOf(symbol) >= 0)) { found = s; return true; }
      return false;
    });
    this.count += 1;
    this.received.push(Date.now());
    this.log("message", frame, null, found);
  };

  // Consoles that started before this file loaded show the frame instead of the channel's name.
  document.querySelectorAll("[data-ws-console][data-protocol=unified]").forEach(function (root) {
    if (root.__console) root.__console.showTopic();
  });
})();

// The page's half of a request signed in the browser: ask this site to prepare the request, sign
// what it answers with KucoinSigner (WebCrypto), and hand back only the key and the signatures.
// The API secret, the passphrase and the broker key are read from their inputs here and go
// nowhere: inputs marked as held lose their `name`, so no form submission can carry them.
(function () {
  "use strict";

  var SECRET_NAMES = ["api_secret", "api_passphrase", "broker_key"];

  // WebCrypto's subtle API exists only in secure contexts (https, or http on localhost).
  function available() {
    return !!(window.crypto && window.crypto.subtle && window.KucoinSigner);
  }

  function cookie(name) {
    var found = document.cookie.split("; ").filter(function (c) { return c.indexOf(name + "=") === 0; })[0];
    return found ? decodeURIComponent(found.slice(name.length + 1)) : "";
  }

  // Django's CSRF token: from its cookie, else the form's hidden field, else the page's htmx headers.
  function csrfToken(root) {
    var token = cookie("csrftoken");
    var field = root && root.querySelector("input[name=csrfmiddlewaretoken]");
    if (!token && field) token = field.value;
    if (!token) {
      try { token = JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; } catch (e) { token = ""; }
    }
    return token;
  }

  function secretInput(root, name) {
    return root.querySelector('[data-secret-name="' + name + '"]') || root.querySelector('[name="' + name + '"]');
  }

  function value(root, name) {
    var input = secretInput(root, name) || root.querySelector('[name="' + name + '"]');
    return input ? input.value.trim() : "";
  }

  // Take the secret inputs out of every form submission; the page reads them by data-secret-name.
  function holdSecrets(root) {
    SECRET_NAMES.forEach(function (name) {
      var input = root.querySelector('[name="' + name + '"]');
      if (!input) return;
      input.dataset.secretName = name;
      input.removeAttribute("name");
    });
  }

  // The form's fields minus every secret, plus the names of the secrets the page holds; urlencoded,
  // as htmx posts forms (cheaper for the server to read than multipart).
  function fieldsWithoutSecrets(root, extra) {
    var body = new URLSearchParams(root.tagName === "FORM" ? new FormData(root) : undefined);
    SECRET_NAMES.forEach(function (name) { body.delete(name); });
    body.set("secrets_in_page", SECRET_NAMES.filter(function (name) { return value(root, name); }).join(","));
    Object.keys(extra || {}).forEach(function (name) { body.set(name, extra[name]); });
    return body;
  }

  function post(url, body, root) {
    return fetch(url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(root), "HX-Request": "true" },
    });
  }

  // Sign what the server prepared: KC-API-SIGN, the passphrase (key versions 2 and 3) and the partner sign.
  function sign(answer, root) {
    var S = window.KucoinSigner, secret = value(root, "api_secret"), apiKey = value(root, "api_key");
    var jobs = [
      S.requestSignature(secret, answer.timestamp, answer.method, answer.path, answer.body),
      S.passphraseSignature(secret, value(root, "api_passphrase")),
    ];
    if (answer.sign_partner) {
      jobs.push(S.partnerSignature(value(root, "broker_key"), answer.timestamp, value(root, "broker_partner"), apiKey));
    }
    return Promise.all(jobs).then(function (done) {
      var fields = { prepared: answer.prepared, api_key: apiKey, api_key_version: answer.key_version,
        sign: done[0], passphrase_sign: done[1] };
      if (answer.sign_partner) {
        fields.partner_sign = done[2];
        fields.broker_partner = value(root, "broker_partner");
        fields.broker_name = value(root, "broker_name");
      }
      return fields;
    });
  }

  // Prepare and sign: resolves {fields} (the relay's POST fields), {html, status} (the server's
  // answer to show, e.g. the form's errors) or {error} (in words).
  function prepareAndSign(url, root, extra) {
    return post(url, fieldsWithoutSecrets(root, extra), root).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") < 0) {
        return response.text().then(function (html) { return { html: html, status: response.status }; });
      }
      return response.json().then(function (answer) {
        if (!answer.ok) return { error: answer.error || "The request could not be prepared.", answer: answer };
        return sign(answer, root).then(function (fields) { return { fields: fields }; });
      });
    }).catch(function (error) {
      return { error: "Not sent: " + (error && error.message ? error.message : "this site did not answer.") };
    });
  }

  function relayFormData(fields) {
    var body = new URLSearchParams();
    Object.keys(fields).forEach(function (name) { body.set(name, fields[name]); });
    return body;
  }

  // The console's private token: step=prepare on the token URL, then the ticket and signatures to it.
  function signedToken(url, root) {
    return prepareAndSign(url, root, { step: "prepare" }).then(function (outcome) {
      if (outcome.error) return outcome.answer || { ok: false, error: outcome.error };
      if (outcome.html) return { ok: false, error: "The token request could not be prepared (" + outcome.status + ")." };
      return post(url, relayFormData(outcome.fields), root).then(function (response) { return response.json(); });
    });
  }

  window.KucoinRelay = {
    SECRET_NAMES: SECRET_NAMES,
    available: available,
    csrfToken: csrfToken,
    holdSecrets: holdSecrets,
    value: value,
    prepareAndSign: prepareAndSign,
    signedToken: signedToken,
  };
})();

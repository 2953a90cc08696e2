// KuCoin's HMAC-SHA256 signatures, made in the page with WebCrypto so that the API secret, the
// passphrase and the broker key never leave the browser. The recipe is the one in
// endpoints/kucoin/signing.py; tests run this very file under Node (whose globalThis.crypto is
// WebCrypto too) and compare it with the Python signer and the official SDK's.
(function (root, factory) {
  "use strict";
  var signer = factory(root.crypto, root.TextEncoder, root.btoa);
  if (typeof module === "object" && module.exports) module.exports = signer;
  else root.KucoinSigner = signer;
})(typeof globalThis !== "undefined" ? globalThis : this, function (crypto, TextEncoder, btoa) {
  "use strict";
  var encoder = new TextEncoder();

  function toBase64(buffer) {
    var bytes = new Uint8Array(buffer);
    var text = "";
    for (var i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
    return btoa(text);
  }

  // base64(HMAC-SHA256(key, message)) over the UTF-8 bytes of both.
  function hmacBase64(key, message) {
    // WebCrypto refuses an empty raw HMAC key; KuCoin never issues one, so say so plainly.
    if (!key) return Promise.reject(new Error("An empty secret cannot sign."));
    return crypto.subtle
      .importKey("raw", encoder.encode(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"])
      .then(function (cryptoKey) { return crypto.subtle.sign("HMAC", cryptoKey, encoder.encode(message)); })
      .then(toBase64);
  }

  // What KuCoin signs: timestamp (ms) + upper-case method + path with its raw query + body.
  function stringToSign(timestamp, method, pathAndQuery, body) {
    return String(timestamp) + String(method).toUpperCase() + pathAndQuery + (body || "");
  }

  function requestSignature(secret, timestamp, method, pathAndQuery, body) {
    return hmacBase64(secret, stringToSign(timestamp, method, pathAndQuery, body));
  }

  // KC-API-PASSPHRASE for key versions 2 and 3: the passphrase signed with the secret.
  function passphraseSignature(secret, passphrase) {
    return hmacBase64(secret, passphrase);
  }

  // KC-API-PARTNER-SIGN: timestamp + partner + api key, keyed with the broker key.
  function partnerSignature(brokerKey, timestamp, partner, apiKey) {
    return hmacBase64(brokerKey, String(timestamp) + partner + apiKey);
  }

  return {
    hmacBase64: hmacBase64,
    stringToSign: stringToSign,
    requestSignature: requestSignature,
    passphraseSignature: passphraseSignature,
    partnerSignature: partnerSignature,
  };
});

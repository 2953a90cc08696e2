// KuCoin API Explorer: sign KuCoin requests (collection-level pre-request script).
//
// Requests that KuCoin wants signed carry KC-API-* headers whose values are
// {{kc_...}} variables; this script computes them from the environment:
// KC_API_KEY, KC_API_SECRET, KC_API_PASSPHRASE (KC_API_KEY_VERSION, default 3)
// and, for broker endpoints, KC_BROKER_PARTNER, KC_BROKER_NAME, KC_BROKER_KEY.
//
// KuCoin signs: timestamp + METHOD + path + ("?" + query) + body, where the query
// is the unencoded text in the order it is sent and the body the exact JSON sent.
const cryptoJs = require('crypto-js'); // not `CryptoJS`: the Postman sandbox already has that global

const SIGNING_HEADERS = ['KC-API-KEY', 'KC-API-SIGN', 'KC-API-TIMESTAMP', 'KC-API-PASSPHRASE', 'KC-API-KEY-VERSION'];
const BROKER_HEADERS = ['KC-API-PARTNER', 'KC-BROKER-NAME', 'KC-API-PARTNER-VERIFY', 'KC-API-PARTNER-SIGN'];

function hmacBase64(secret, message) {
    return cryptoJs.enc.Base64.stringify(cryptoJs.HmacSHA256(message, secret));
}

function resolved(text) {
    return pm.variables.replaceIn(text === undefined || text === null ? '' : String(text));
}

// The query exactly as it will be sent, but unencoded: enabled parameters in order.
function rawQuery(url) {
    return url.query
        .all()
        .filter((param) => !param.disabled)
        .map((param) => (param.value === null || param.value === undefined ? resolved(param.key) : `${resolved(param.key)}=${resolved(param.value)}`))
        .join('&');
}

// The JSON body, made compact so the bytes signed are the bytes sent.
function bodyText(request) {
    if (!request.body || request.body.mode !== 'raw' || !request.body.raw) {
        return '';
    }
    const text = resolved(request.body.raw);
    let compact = text;
    try {
        compact = JSON.stringify(JSON.parse(text));
    } catch (error) {
        return text; // not JSON: send and sign it as written
    }
    request.body.update({ mode: 'raw', raw: compact, options: { raw: { language: 'json' } } });
    return compact;
}

function sign() {
    const request = pm.request;
    if (!request.headers.has('KC-API-SIGN')) {
        return; // a public endpoint
    }
    const key = pm.variables.get('KC_API_KEY');
    const secret = pm.variables.get('KC_API_SECRET');
    const passphrase = pm.variables.get('KC_API_PASSPHRASE');
    if (!key || !secret || !passphrase) {
        console.warn('KuCoin: set KC_API_KEY, KC_API_SECRET and KC_API_PASSPHRASE to sign this request; sending it unsigned.');
        SIGNING_HEADERS.concat(BROKER_HEADERS).forEach((name) => request.headers.remove(name));
        return;
    }
    const version = String(pm.variables.get('KC_API_KEY_VERSION') || '3');
    const timestamp = Date.now().toString();
    const query = rawQuery(request.url);
    const path = resolved(request.url.getPath());
    const body = bodyText(request);
    const prehash = timestamp + request.method.toUpperCase() + path + (query ? `?${query}` : '') + body;

    pm.variables.set('kc_timestamp', timestamp);
    pm.variables.set('kc_sign', hmacBase64(secret, prehash));
    // Key versions 2 and 3 send the passphrase HMAC-signed; version 1 sent it as it is.
    pm.variables.set('kc_passphrase', version === '1' ? passphrase : hmacBase64(secret, passphrase));

    if (request.headers.has('KC-API-PARTNER-SIGN')) {
        const partner = pm.variables.get('KC_BROKER_PARTNER') || '';
        const brokerKey = pm.variables.get('KC_BROKER_KEY') || '';
        if (!partner || !brokerKey) {
            console.warn('KuCoin: set KC_BROKER_PARTNER, KC_BROKER_NAME and KC_BROKER_KEY for broker endpoints.');
        }
        pm.variables.set('kc_partner_sign', hmacBase64(brokerKey, timestamp + partner + key));
    }
}

sign();

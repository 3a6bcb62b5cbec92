// Test-only preload (NODE_OPTIONS="--require …/paypal-forward.cjs"): in a Keel started as its own
// process, the PayPal SDK's requests to PayPal's sandbox host are sent to the PayPal fake a test
// runs in server mode (PAYPAL_FAKE_URL, integration-tests/helpers/paypal-fake.ts). The SDK fixes
// its hosts, so this is done at Node's HTTP layer: `https.request` for that one host becomes an
// `http.request` to the fake. Every other request is left exactly as it was.
"use strict"
if (process.env.PAYPAL_FAKE_URL) {
  const http = require("http")
  const https = require("https")
  const target = new URL(process.env.PAYPAL_FAKE_URL)
  const PAYPAL_HOST = "api-m.sandbox.paypal.com"
  const original = https.request

  https.request = function request(...args) {
    let [first, second, third] = args
    let options
    let callback
    if (typeof first === "string" || first instanceof URL) {
      const url = new URL(first)
      options = { protocol: url.protocol, hostname: url.hostname, port: url.port, path: url.pathname + url.search }
      if (typeof second === "function") {
        callback = second
      } else {
        options = { ...options, ...second }
        callback = third
      }
    } else {
      options = { ...first }
      callback = second
    }
    if ((options.hostname ?? options.host) !== PAYPAL_HOST) {
      return original.apply(this, args)
    }
    const headers = { ...options.headers, host: PAYPAL_HOST }
    const forwarded = { ...options, protocol: "http:", hostname: target.hostname, host: target.hostname, port: target.port, agent: undefined, headers }
    delete forwarded.servername
    return http.request(forwarded, callback)
  }
}

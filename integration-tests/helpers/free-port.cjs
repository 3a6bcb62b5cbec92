// A port nothing listens on, for a server a test starts; shared by the test helpers (jest,
// TypeScript) and scripts/test.mjs (ESM), hence CommonJS.
//
// Ports are taken below Linux's ephemeral range (32768-60999): a port the kernel hands out
// (`listen(0)`) can be given again to any outgoing connection in the seconds before the server
// binds it (an embedded PostgreSQL runs initdb first). CI once failed to start an embedded
// PostgreSQL on such a port, most likely so.
"use strict"

const net = require("net")

const handedOut = new Set()

function canListen(port) {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.unref()
    server.once("error", () => resolve(false))
    // No host: every interface, IPv4 and IPv6, as PostgreSQL ("localhost") and Medusa bind.
    server.listen(port, () => server.close(() => resolve(true)))
  })
}

/** @returns {Promise<number>} a port no server of this process was given before */
async function freePort() {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 12000)
    if (handedOut.has(port)) continue
    if (await canListen(port)) {
      handedOut.add(port)
      return port
    }
  }
  throw new Error("no free port found between 20000 and 32000")
}

module.exports = { freePort }

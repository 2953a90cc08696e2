// Runs static/js/kucoin-signer.js under Node for the tests: reads JSON cases on stdin, one
// {fn, args} per case, and writes the signer's answers as a JSON list on stdout.
"use strict";
const path = require("path");
const signer = require(path.join(__dirname, "..", "..", "static", "js", "kucoin-signer.js"));

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", async () => {
  const answers = [];
  for (const { fn, args } of JSON.parse(input)) {
    try { answers.push({ ok: await signer[fn](...args) }); } catch (error) { answers.push({ error: String(error.message) }); }
  }
  process.stdout.write(JSON.stringify(answers));
});

// Validate AsyncAPI documents with AsyncAPI's own parser; print one JSON line per document.
// Usage: node asyncapi_validate.mjs FILE...
import { readFileSync } from "node:fs";
import { Parser } from "@asyncapi/parser";

const parser = new Parser();
for (const file of process.argv.slice(2)) {
  const { document, diagnostics } = await parser.parse(readFileSync(file, "utf8"));
  const shown = diagnostics.map((d) => ({ severity: d.severity, code: d.code, message: d.message, path: d.path.join(".") }));
  const counts = document
    ? { channels: document.channels().length, operations: document.operations().length, messages: document.allMessages().length }
    : null;
  console.log(JSON.stringify({ file, parsed: Boolean(document), counts, diagnostics: shown }));
}

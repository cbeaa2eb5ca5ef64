// Compiles a JSON Schema with Ajv in strict mode, then validates each JSON document given.
// Usage: node check-schema.mjs SCHEMA.json [DOC.json ...]
// Prints one line per document ("valid FILE" or "invalid FILE: errors") and exits 1 on any
// strict-mode complaint or invalid document.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [schemaFile, ...docs] = process.argv.slice(2);
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
let validate;
try {
  validate = ajv.compile(JSON.parse(readFileSync(schemaFile, "utf8")));
} catch (e) {
  console.log(`strict: ${e.message}`);
  process.exit(1);
}
console.log(`compiled ${schemaFile} in strict mode`);
let failed = false;
for (const doc of docs) {
  if (validate(JSON.parse(readFileSync(doc, "utf8")))) {
    console.log(`valid ${doc}`);
  } else {
    failed = true;
    console.log(`invalid ${doc}: ${ajv.errorsText(validate.errors)}`);
  }
}
process.exit(failed ? 1 : 0);

// Checks a Teams app manifest against the schema its manifestVersion names, with the schemas that
// @microsoft/app-manifest bundles (never downloaded). Prints {"errors": [...]} and exits 0 when valid.
//   node manifest/teams/validate.mjs <manifest.json>
// The npm packages come from tests/js (installed by ./test.sh).
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.resolve(here, "../../tests/js/package.json"));

let library;
try {
  library = require("@microsoft/app-manifest");
} catch (missing) {
  console.log(JSON.stringify({ missing: `@microsoft/app-manifest is not installed in tests/js (${missing.code ?? missing.message})` }));
  process.exit(3);
}
const { AppManifestUtils, TeamsManifestConverter } = library;

const file = process.argv[2];
const text = readFileSync(file, "utf8");
const errors = [];
let manifest;
try {
  // The typed converter refuses properties and shapes the manifest version does not have.
  manifest = TeamsManifestConverter.jsonToManifest(text);
} catch (invalid) {
  errors.push(`not a Teams manifest: ${invalid.message}`);
}
if (manifest) {
  const version = manifest.manifestVersion;
  const expected = `https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`;
  if (manifest.$schema !== expected) errors.push(`$schema is ${manifest.$schema}; for manifestVersion ${version} it is ${expected}`);
  const schemaFile = path.join(path.dirname(require.resolve("@microsoft/app-manifest")), "json-schemas", "teams", `v${version}`,
    "MicrosoftTeams.schema.json");
  // The published schemas contain \a and \v escapes that JSON does not allow; the library rewrites them the same way.
  const schema = JSON.parse(readFileSync(schemaFile, "utf8").replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b"));
  errors.push(...(await AppManifestUtils.validateAgainstSchema(manifest, schema)));
}
console.log(JSON.stringify({ errors }));
process.exit(errors.length === 0 ? 0 : 1);

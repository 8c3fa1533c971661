// Parses Adaptive Cards with the official renderer package (adaptivecards 3.x) as a 1.5 host would, and lists
// every parse error and validation warning. Teams renders up to 1.5, so a card must also declare 1.0 to 1.5.
//
//   node validate-card.mjs CARD.json...        prints the problems per card; exit code 1 if there are any
//   node validate-card.mjs --batch < cards.json
//
// A batch request is a JSON array of {"id", "card"}; the answer is a JSON array of {"id", "problems": [...]}.
// lib/ of the package is ES modules without file extensions, which Node cannot load; dist/ is the UMD build.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const AC = require("adaptivecards/dist/adaptivecards.js");

const TARGET = AC.Versions.v1_5;

function problemsOf(card) {
    const problems = [];
    if (card === null || typeof card !== "object" || Array.isArray(card)) return ["the card is not a JSON object"];
    if (card.type !== "AdaptiveCard") problems.push(`card: type is ${JSON.stringify(card.type)}, expected "AdaptiveCard"`);
    const version = typeof card.version === "string" ? AC.Version.parse(card.version, new AC.SerializationContext(TARGET)) : undefined;
    if (!version || !version.isValid) problems.push(`card: version is ${JSON.stringify(card.version)}, expected "1.0" to "1.5"`);
    else if (version.compareTo(TARGET) > 0) problems.push(`card: version ${card.version} is newer than 1.5, which Teams renders`);

    const context = new AC.SerializationContext(TARGET);
    const parsed = new AC.AdaptiveCard();
    try {
        parsed.parse(card, context);
    } catch (e) {
        problems.push(`parse: threw ${e && e.message ? e.message : e}`);
        return problems;
    }
    for (let i = 0; i < context.eventCount; i++) problems.push(describe("parse", context.getEventAt(i)));
    for (const event of parsed.validateProperties().validationEvents) problems.push(describe("validate", event));
    return problems;
}

function describe(phase, event) {
    const source = event.source && typeof event.source.getJsonTypeName === "function" ? event.source.getJsonTypeName() : undefined;
    const where = source ? ` (${source}${event.source.id ? ` "${event.source.id}"` : ""})` : "";
    return `${phase}: ${AC.ValidationEvent[event.event]}: ${event.message}${where}`;
}

const args = process.argv.slice(2);
if (args.length === 1 && args[0] === "--batch") {
    const answers = JSON.parse(readFileSync(0, "utf8")).map(({ id, card }) => ({ id, problems: problemsOf(card) }));
    process.stdout.write(JSON.stringify(answers));
    process.exitCode = answers.some((a) => a.problems.length > 0) ? 1 : 0;
} else if (args.length > 0 && !args.some((a) => a.startsWith("--"))) {
    let failed = false;
    for (const path of args) {
        let problems;
        try {
            problems = problemsOf(JSON.parse(readFileSync(path, "utf8")));
        } catch (e) {
            problems = [`cannot read: ${e.message}`];
        }
        failed ||= problems.length > 0;
        console.log(problems.length === 0 ? `${path}: ok` : `${path}:\n  ${problems.join("\n  ")}`);
    }
    process.exitCode = failed ? 1 : 0;
} else {
    console.error("usage: node validate-card.mjs CARD.json... | node validate-card.mjs --batch < cards.json");
    process.exitCode = 2;
}

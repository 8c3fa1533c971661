// Expands Adaptive Card templates with the official adaptivecards-templating package,
// the reference the C# engine (src/Bot/Cards/Templating) is checked against.
//
//   node expand.mjs TEMPLATE.json DATA.json     prints the expanded JSON
//   node expand.mjs --batch < requests.json     one process for many expansions
//
// A batch request is a JSON array of {"id", "template", "data"} where template and data are
// file paths, or {"id", "templateJson", "dataJson"} holding the JSON itself (dataJson may be
// null). The answer is a JSON array of {"id", "result"} or {"id", "error"}, in request order;
// "undefined": true marks an expansion that produced nothing at all.
import { readFileSync } from "node:fs";
import templating from "adaptivecards-templating";

const { Template } = templating;

// string() formats numbers for the process's default locale; the C# engine mirrors en-US.
const locale = Intl.DateTimeFormat().resolvedOptions().locale;
if (locale !== "en-US") {
    console.error(`expand.mjs: the default locale is ${locale}, expected en-US (run with LC_ALL=en_US.UTF-8)`);
    process.exit(3);
}

const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

function expand(template, data) {
    const result = new Template(template).expand({ $root: data });
    return result === undefined ? { undefined: true, result: null } : { result };
}

function answer(request) {
    try {
        const template = "templateJson" in request ? request.templateJson : readJson(request.template);
        const data = "dataJson" in request ? request.dataJson : request.data == null ? null : readJson(request.data);
        return { id: request.id, ...expand(template, data) };
    } catch (e) {
        return { id: request.id, error: String(e && e.message ? e.message : e) };
    }
}

const args = process.argv.slice(2);
if (args.length === 1 && args[0] === "--batch") {
    const requests = JSON.parse(readFileSync(0, "utf8"));
    process.stdout.write(JSON.stringify(requests.map(answer)));
} else if (args.length === 2) {
    const outcome = answer({ template: args[0], data: args[1] });
    if ("error" in outcome) {
        console.error(`expand.mjs: ${outcome.error}`);
        process.exit(1);
    }
    process.stdout.write(JSON.stringify(outcome.result, null, 2) + "\n");
} else {
    console.error("usage: node expand.mjs TEMPLATE.json DATA.json | node expand.mjs --batch < requests.json");
    process.exit(2);
}

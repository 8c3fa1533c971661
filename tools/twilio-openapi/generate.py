#!/usr/bin/env python3
"""Writes operations.json: for each Twilio operation NumbersBot sends, its method and path, the query or form
parameters Twilio's OpenAPI description allows, which are required, and their types and enum values.

Source: github.com/twilio/twilio-oai, spec/json/twilio_api_v2010.json and spec/json/twilio_trunking_v1.json.
Usage: python3 generate.py <twilio-oai git checkout or bare git dir> [commit]   (default commit: HEAD)
The fake Twilio in the tests answers 400 to any request that these facts do not allow.
"""
import json
import os
import subprocess
import sys

# What the bot sends, and nothing else (the fake refuses the rest): add an operation here before the bot sends it.
OPERATIONS = {
    "twilio_api_v2010.json": [
        "ListAvailablePhoneNumberLocal", "ListAvailablePhoneNumberMobile", "ListAvailablePhoneNumberTollFree",
        "CreateIncomingPhoneNumber", "ListIncomingPhoneNumber", "FetchIncomingPhoneNumber", "UpdateIncomingPhoneNumber",
        "DeleteIncomingPhoneNumber", "ListCall", "CreateCall", "FetchCall", "ListCallNotification",
    ],
    "twilio_trunking_v1.json": [
        "CreateTrunk", "ListTrunk", "FetchTrunk", "CreateOriginationUrl", "ListOriginationUrl", "FetchOriginationUrl",
        "UpdateOriginationUrl", "DeleteOriginationUrl", "CreatePhoneNumber", "ListPhoneNumber", "FetchPhoneNumber", "DeletePhoneNumber",
    ],
}


def read(git, commit, name):
    return json.loads(subprocess.check_output(git + ["show", f"{commit}:spec/json/{name}"]))


def resolve(spec, schema):
    while "$ref" in schema:
        node = spec
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def fact(spec, schema):
    schema = resolve(spec, schema or {})
    out = {"type": schema.get("type", "string")}
    if out["type"] == "array":
        item = resolve(spec, schema.get("items", {}))
        if "enum" in item:
            out["enum"] = item["enum"]
    if "enum" in schema:
        out["enum"] = schema["enum"]
    for bound in ("minimum", "maximum"):
        if bound in schema:
            out[bound] = schema[bound]
    return out


def operations(spec):
    wanted = set()
    for name, ids in OPERATIONS.items():
        wanted |= set(ids)
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if not isinstance(op, dict) or op.get("operationId") not in wanted:
                continue
            params, required = {}, []
            where = "query"
            for p in op.get("parameters", []):
                p = resolve(spec, p)
                if p["in"] != "query":
                    continue
                params[p["name"]] = fact(spec, p.get("schema"))
                if p.get("required"):
                    required.append(p["name"])
            body = op.get("requestBody", {}).get("content", {}).get("application/x-www-form-urlencoded")
            if body:
                where = "form"
                schema = resolve(spec, body["schema"])
                for name, prop in schema.get("properties", {}).items():
                    params[name] = fact(spec, prop)
                required += schema.get("required", [])
            yield {"id": op["operationId"], "method": method.upper(), "path": path, "in": where,
                   "parameters": params, "required": sorted(required)}


def main():
    source = sys.argv[1]
    commit = sys.argv[2] if len(sys.argv) > 2 else "HEAD"
    git = ["git", "--git-dir", source] if os.path.isdir(os.path.join(source, "objects")) else ["git", "-C", source]
    sha = subprocess.check_output(git + ["rev-parse", commit]).decode().strip()
    found = []
    for name in OPERATIONS:
        found += operations(read(git, sha, name))
    missing = {i for ids in OPERATIONS.values() for i in ids} - {o["id"] for o in found}
    if missing:
        sys.exit(f"not in the description: {sorted(missing)}")
    found.sort(key=lambda o: (o["path"], o["method"]))
    lines = ",\n".join("    " + json.dumps(o, separators=(",", ":")) for o in found)
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "operations.json"), "w") as f:
        f.write("{\n")
        f.write(f'  "source": "github.com/twilio/twilio-oai {sha}: spec/json/{" and spec/json/".join(OPERATIONS)}",\n')
        f.write('  "generatedBy": "tools/twilio-openapi/generate.py",\n')
        f.write(f'  "operations": [\n{lines}\n  ]\n}}\n')


if __name__ == "__main__":
    main()

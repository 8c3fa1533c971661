#!/usr/bin/env bash
# Builds the Teams app package (manifest.json + both icons at the top level of a zip) for one bot registration.
#   manifest/teams/build-package.sh <MicrosoftAppId> [output.zip]
# The app id is the Azure Bot's Microsoft App ID; without an argument, $MicrosoftAppId is used.
# Default output: manifest/teams/build/numbersbot-teams.zip
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BOT_ID="${1:-${MicrosoftAppId:-}}"
OUT="${2:-$HERE/build/numbersbot-teams.zip}"

if [[ ! "$BOT_ID" =~ ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$ ]]; then
    echo "usage: $0 <MicrosoftAppId> [output.zip]  (the Azure Bot's app id, a GUID; got '${BOT_ID}')" >&2
    exit 2
fi

STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT

# The committed manifest carries an all-zero placeholder bot id so that it validates as it is.
sed "s/\"botId\": \"00000000-0000-0000-0000-000000000000\"/\"botId\": \"${BOT_ID,,}\"/" "$HERE/manifest.json" >"$STAGE/manifest.json"
if ! grep -q "\"botId\": \"${BOT_ID,,}\"" "$STAGE/manifest.json"; then
    echo "$0: could not put the bot id into manifest.json (is the placeholder botId still there?)" >&2
    exit 1
fi
cp "$HERE/color.png" "$HERE/outline.png" "$STAGE/"

mkdir -p "$(dirname "$OUT")"
OUT="$(cd "$(dirname "$OUT")" && pwd)/$(basename "$OUT")"
rm -f "$OUT"
# zip where it is installed; Python's zipfile (also on every machine here) otherwise. Both store the files at the top level.
if command -v zip >/dev/null 2>&1; then
    (cd "$STAGE" && zip -q -X "$OUT.tmp" manifest.json color.png outline.png)
else
    (cd "$STAGE" && python3 -m zipfile -c "$OUT.tmp" manifest.json color.png outline.png)
fi
mv "$OUT.tmp" "$OUT"
echo "$OUT"

#!/usr/bin/env bash
# The repository's test command: prepares what the tests need (tests/prepare.sh), builds, runs every test and
# summarises the TRX results (tools/TestSummary, which also holds the CI rule: a skip is a failure under CI=true,
# except the SQL Server suite without NUMBERSBOT_TEST_SQLSERVER).  Usage: ./test.sh [extra `dotnet test` arguments]
# The last line printed is "N passed, M failed, K skipped"; the exit code is 0 only when M is 0.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PREPARE_LOG="$PWD/.tmp/prepare"
RESULTS="$PWD/.tmp/test-results"
source tests/prepare.sh
trap run_cleanups EXIT
trap 'exit 130' INT TERM
rm -rf "$PREPARE_LOG" "$RESULTS" && mkdir -p "$PREPARE_LOG" "$RESULTS"
prepare_postgres; prepare_npm; prepare_browser

# No build servers under CI: they would outlive the script and keep its output open.
[[ "${CI:-}" =~ ^([Tt]rue|TRUE|1)$ ]] && build_args=(--disable-build-servers) || build_args=()
if dotnet build NumbersBot.sln -nologo -v q "${build_args[@]}" </dev/null; then
    dotnet test NumbersBot.sln --no-build -nologo --results-directory "$RESULTS" --logger trx \
        --logger "console;verbosity=minimal" --blame-hang-timeout "${NUMBERSBOT_TEST_HANG_TIMEOUT:-5m}" \
        --blame-hang-dump-type none "$@" </dev/null
    test_rc=$?
else
    echo; echo "0 passed, 1 failed, 0 skipped  (dotnet build failed; no tests ran)"; exit 1
fi
run_cleanups
for item in "${NOT_PREPARED[@]}"; do echo "could not prepare: $item"; done
echo; echo "==================== test summary ===================="
summary_rc=0
# A whole run must leave one TRX per test project (a filtered run may leave fewer).
test_projects=1; (( $# == 0 )) && test_projects=$(grep -l 'Include="Microsoft.NET.Test.Sdk"' tests/*/*.csproj | wc -l)
dotnet tools/TestSummary/bin/Debug/net10.0/NumbersBot.TestSummary.dll "$RESULTS" --test-exit-code "$test_rc" \
    --test-projects "$test_projects" || summary_rc=$?
exit $summary_rc

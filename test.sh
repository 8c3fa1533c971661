#!/usr/bin/env bash
# The repository's test command: prepares what the tests need, runs every test,
# and summarises the results.  Usage:  ./test.sh [extra `dotnet test` arguments]
#
# Environment:
#   CI=true                     skipped tests count as failed (except SQL Server
#                               tests while NUMBERSBOT_TEST_SQLSERVER is unset)
#   NUMBERSBOT_TEST_POSTGRES    if set, used as is and no PostgreSQL is started;
#                               otherwise a throwaway cluster is started and this
#                               is exported for the tests
#   NUMBERSBOT_TEST_SQLSERVER   connection string for the SQL Server tests (never
#                               prepared here; the tests skip without it)
#   NUMBERSBOT_TEST_HANG_TIMEOUT  per-test hang timeout (default 5m)
#
# The last line printed is always "N passed, M failed, K skipped".
# Exit code is 0 only when M is 0.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$REPO_ROOT"

SOLUTION="NumbersBot.sln"
RESULTS_DIR="$REPO_ROOT/.tmp/test-results"
PREPARE_LOG_DIR="$REPO_ROOT/.tmp/prepare"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

is_ci() {
    case "${CI:-}" in
        [Tt][Rr][Uu][Ee] | 1) return 0 ;;
        *) return 1 ;;
    esac
}

log() { printf 'test.sh: %s\n' "$*"; }

# Milliseconds since the epoch, for timings.
now_ms() { date +%s%3N; }
elapsed() { # elapsed START_MS -> "1.234s"
    local ms=$(($(now_ms) - $1))
    printf '%d.%03ds' $((ms / 1000)) $((ms % 1000))
}

# ----------------------------------------------------------------------------
# Bookkeeping shared by the prepare_* functions
# ----------------------------------------------------------------------------

# "thing: reason" for everything that could not be prepared; printed at the end.
NOT_PREPARED=()
not_prepared() { # not_prepared THING REASON...
    local thing="$1"
    shift
    NOT_PREPARED+=("$thing: $*")
    log "could not prepare $thing: $*"
}

# Cleanup commands, run in reverse order on exit (also on failure and Ctrl-C).
CLEANUPS=()
on_exit_run() { CLEANUPS+=("$*"); }
run_cleanups() {
    local i
    for ((i = ${#CLEANUPS[@]} - 1; i >= 0; i--)); do
        eval "${CLEANUPS[i]}" || true
    done
    CLEANUPS=()
}
trap run_cleanups EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

APT_UPDATED=""
# apt_install PACKAGE... (non-interactive; output goes to $PREPARE_LOG_DIR/apt.log)
apt_install() {
    if [[ $EUID -ne 0 ]]; then
        echo "not root, cannot apt-get install $*" >&2
        return 1
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "apt-get not found, cannot install $*" >&2
        return 1
    fi
    mkdir -p "$PREPARE_LOG_DIR"
    local apt_log="$PREPARE_LOG_DIR/apt.log"
    log "apt-get install $* (log: ${apt_log#"$REPO_ROOT"/})"
    if ! { { [[ -n "$APT_UPDATED" ]] || DEBIAN_FRONTEND=noninteractive timeout 300 apt-get update -q; } &&
        DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -q \
            --no-install-recommends -o DPkg::Lock::Timeout=120 -o Dpkg::Options::=--force-confdef \
            -o Dpkg::Options::=--force-confold "$@"; } </dev/null >>"$apt_log" 2>&1; then
        tail -n 15 "$apt_log" >&2 || true
        echo "apt-get install $* failed (see ${apt_log#"$REPO_ROOT"/})" >&2
        return 1
    fi
    APT_UPDATED=1
}

# ----------------------------------------------------------------------------
# prepare_postgres: a throwaway PostgreSQL cluster for the tests
# ----------------------------------------------------------------------------

PG_BIN=""
PG_DIR=""

find_pg_bin() {
    local d
    for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
        if [[ -x "$d/initdb" && -x "$d/pg_ctl" && -x "$d/pg_isready" && -x "$d/createdb" ]]; then
            PG_BIN="$d"
            return 0
        fi
    done
    return 1
}

# Runs a command as the `postgres` OS user (initdb/postgres refuse to run as root).
as_postgres() {
    if [[ $EUID -ne 0 ]]; then
        "$@"
    elif command -v runuser >/dev/null 2>&1; then
        runuser -u postgres -- "$@"
    else
        su -s /bin/sh postgres -c "$(printf '%q ' "$@")"
    fi
}

port_in_use() { # port_in_use PORT: something accepts connections on 127.0.0.1:PORT
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

stop_postgres() {
    [[ -n "$PG_DIR" && -d "$PG_DIR" ]] || return 0
    if [[ -f "$PG_DIR/data/postmaster.pid" ]]; then
        (cd "$PG_DIR" && as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 20 stop) >/dev/null 2>&1 ||
            (cd "$PG_DIR" && as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w -t 10 stop) >/dev/null 2>&1 ||
            true
        # Last resort: the postmaster is still running.
        if [[ -f "$PG_DIR/data/postmaster.pid" ]]; then
            local pid
            pid="$(head -n 1 "$PG_DIR/data/postmaster.pid" 2>/dev/null || true)"
            if [[ "$pid" =~ ^[0-9]+$ ]]; then kill -KILL "$pid" 2>/dev/null || true; fi
        fi
    fi
    rm -rf "$PG_DIR"
    log "PostgreSQL stopped and ${PG_DIR} removed"
    PG_DIR=""
}

prepare_postgres() {
    local start
    start="$(now_ms)"

    if [[ -n "${NUMBERSBOT_TEST_POSTGRES:-}" ]]; then
        log "postgres: using NUMBERSBOT_TEST_POSTGRES from the environment" \
            "($(sed -E 's/((Password|Pwd)=)[^;]*/\1***/Ig' <<<"$NUMBERSBOT_TEST_POSTGRES"))"
        return 0
    fi

    if ! find_pg_bin; then
        log "postgres: binaries not found in /usr/lib/postgresql/*/bin, installing with apt-get"
        apt_install postgresql || {
            not_prepared postgres "PostgreSQL is not installed and apt-get install postgresql failed"
            return 1
        }
        find_pg_bin || {
            not_prepared postgres "apt-get installed postgresql but no initdb/pg_ctl found in /usr/lib/postgresql/*/bin"
            return 1
        }
    fi
    if [[ $EUID -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
        not_prepared postgres "running as root but there is no 'postgres' OS user to run the server as"
        return 1
    fi

    # Outside the repository, so that the postgres user can reach it.
    PG_DIR="$(mktemp -d /tmp/numbersbot-pg.XXXXXX)" || {
        not_prepared postgres "mktemp failed"
        return 1
    }
    on_exit_run stop_postgres
    mkdir -p "$PG_DIR/sock"
    if [[ $EUID -eq 0 ]]; then
        chown -R postgres: "$PG_DIR" || {
            not_prepared postgres "cannot chown $PG_DIR to postgres"
            return 1
        }
    fi

    local initdb_ok=""
    local locale_opt
    for locale_opt in --locale=C.UTF-8 --no-locale; do
        if (cd "$PG_DIR" && as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust \
            --encoding=UTF8 "$locale_opt") >"$PG_DIR/initdb.log" 2>&1; then
            initdb_ok=1
            break
        fi
        rm -rf "$PG_DIR/data"
    done
    if [[ -z "$initdb_ok" ]]; then
        tail -n 10 "$PG_DIR/initdb.log" >&2 || true
        not_prepared postgres "initdb failed"
        return 1
    fi

    # Pick a free port: random start in 54320-54999, up to 5 start attempts.
    local port="" candidate attempts=0 tries
    candidate=$((54320 + RANDOM % 680))
    for ((tries = 0; tries < 100 && attempts < 5; tries++)); do
        candidate=$((candidate >= 54999 ? 54320 : candidate + 1))
        port_in_use "$candidate" && continue
        attempts=$((attempts + 1))
        if (cd "$PG_DIR" && as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 30 \
            -o "-c listen_addresses=127.0.0.1 -p $candidate -k $PG_DIR/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start) >"$PG_DIR/pg_ctl.log" 2>&1; then
            port="$candidate"
            break
        fi
    done
    if [[ -z "$port" ]]; then
        tail -n 10 "$PG_DIR/server.log" >&2 2>/dev/null || true
        not_prepared postgres "pg_ctl start failed ($attempts attempts on free-looking ports in 54320-54999)"
        return 1
    fi

    local ready=""
    for ((tries = 0; tries < 60; tries++)); do
        if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -t 1 >/dev/null 2>&1; then
            ready=1
            break
        fi
        sleep 0.5
    done
    if [[ -z "$ready" ]]; then
        not_prepared postgres "server started on port $port but pg_isready never reported it ready"
        return 1
    fi

    if ! "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres numbersbot_test </dev/null >"$PG_DIR/createdb.log" 2>&1; then
        cat "$PG_DIR/createdb.log" >&2 || true
        not_prepared postgres "createdb numbersbot_test failed"
        return 1
    fi

    export NUMBERSBOT_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=numbersbot_test"
    log "postgres: ready in $(elapsed "$start") ($("$PG_BIN/postgres" --version 2>/dev/null || echo "$PG_BIN"), data in $PG_DIR)"
    log "postgres: NUMBERSBOT_TEST_POSTGRES=$NUMBERSBOT_TEST_POSTGRES"
}

# ----------------------------------------------------------------------------
# prepare_npm: the official Adaptive Cards packages (tests/js) that the card
# tests check the C# templating engine and every card against
# ----------------------------------------------------------------------------

NPM_DIR="$REPO_ROOT/tests/js"

prepare_npm() {
    local start
    start="$(now_ms)"

    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        log "npm: node or npm not found on PATH, installing with apt-get"
        apt_install nodejs npm || {
            not_prepared npm "node/npm are not installed and apt-get install nodejs npm failed; the card checks will skip (fail with CI=true)"
            return 1
        }
    fi

    mkdir -p "$PREPARE_LOG_DIR"
    local npm_log="$PREPARE_LOG_DIR/npm.log"
    log "npm ci in ${NPM_DIR#"$REPO_ROOT"/} (log: ${npm_log#"$REPO_ROOT"/})"
    if ! (cd "$NPM_DIR" && timeout 600 npm ci --no-audit --no-fund) </dev/null >"$npm_log" 2>&1; then
        tail -n 15 "$npm_log" >&2 || true
        not_prepared npm "npm ci in ${NPM_DIR#"$REPO_ROOT"/} failed (see $npm_log); the card checks will skip (fail with CI=true)"
        return 1
    fi
    log "npm: ready in $(elapsed "$start") (node $(node --version), npm $(npm --version))"
}

# ----------------------------------------------------------------------------
# prepare_browser: Debian's chromium and chromedriver for the local chat's
# browser test (Selenium, headless)
# ----------------------------------------------------------------------------

CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver

prepare_browser() {
    local start
    start="$(now_ms)"

    if [[ ! -x "$CHROMIUM" || ! -x "$CHROMEDRIVER" ]]; then
        log "browser: $CHROMIUM or $CHROMEDRIVER not found, installing with apt-get"
        apt_install chromium chromium-driver || {
            not_prepared browser "chromium/chromedriver are not installed and apt-get install chromium chromium-driver failed; the browser test will skip (fail with CI=true)"
            return 1
        }
        if [[ ! -x "$CHROMIUM" || ! -x "$CHROMEDRIVER" ]]; then
            not_prepared browser "apt-get installed chromium chromium-driver but $CHROMIUM or $CHROMEDRIVER is still missing"
            return 1
        fi
    fi
    log "browser: ready in $(elapsed "$start") ($("$CHROMIUM" --version 2>/dev/null | head -n 1 || echo "$CHROMIUM"), $("$CHROMEDRIVER" --version 2>/dev/null | cut -d ' ' -f 1-2 || echo "$CHROMEDRIVER"))"
}

# ----------------------------------------------------------------------------
# TRX summary
# ----------------------------------------------------------------------------

# Prints one line per UnitTestResult: OUTCOME<TAB>TEST NAME<TAB>FIRST LINE OF MESSAGE
# (the ErrorInfo/Message, or else the StdOut).  Plain POSIX awk, line based.
trx_results() {
    awk '
    function unescape(s) {
        gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s)
        gsub(/&apos;/, "\047", s); gsub(/&#x[dD];|&#13;/, "", s)
        gsub(/&#x[aA];|&#10;|&#x9;|&#9;/, " ", s); gsub(/&amp;/, "\\&", s)
        gsub(/[\t\r\n]/, " ", s); sub(/^ +/, "", s); sub(/ +$/, "", s)
        return s
    }
    function attr(tag, name,    s) {
        if (!match(tag, "[ \t\n]" name "=\"[^\"]*\"")) return ""
        s = substr(tag, RSTART + length(name) + 3, RLENGTH - length(name) - 4)
        return unescape(s)
    }
    function first_text(line, tagname,    s) {   # text after <tagname> on this line
        s = line
        sub(".*<" tagname ">", "", s)
        sub("</" tagname ">.*", "", s)
        return s
    }
    function emit() {
        msg = (message != "") ? message : stdout
        printf "%s\t%s\t%s\n", (outcome == "" ? "Unknown" : outcome), name, unescape(msg)
        inresult = 0; inhead = 0
    }
    { sub(/\r$/, "") }
    !inresult && /<UnitTestResult([ \t>]|$)/ {
        inresult = 1; inhead = 1; head = ""; name = ""; outcome = ""; message = ""; stdout = ""
        sub(/.*<UnitTestResult/, "")
    }
    inresult && inhead {
        # accumulate the start tag until its closing ">"
        if (index($0, ">")) {
            head = head " " substr($0, 1, index($0, ">"))
            rest = substr($0, index($0, ">") + 1)
            inhead = 0
            name = attr(head, "testName"); outcome = attr(head, "outcome")
            if (head ~ /\/>$/) { emit(); next }
            $0 = rest
        } else {
            head = head " " $0
            next
        }
    }
    inresult {
        if (message == "" && index($0, "<Message>")) message = first_text($0, "Message")
        if (stdout == "" && index($0, "<StdOut>")) stdout = first_text($0, "StdOut")
        if (index($0, "</UnitTestResult>")) emit()
    }
    ' "$@"
}

SUMMARY_PASSED=0
SUMMARY_FAILED=0
SUMMARY_SKIPPED=0
SUMMARY_TOTAL=0
FAILED_LINES=()
SKIPPED_AS_FAILED_LINES=()
SKIPPED_LINES=()

# Reads the TRX files and fills the SUMMARY_* counters and lists.
summarize_trx() {
    local trx outcome name reason p f s line note label
    for trx in "$@"; do
        p=0 f=0 s=0
        while IFS=$'\t' read -r outcome name reason; do
            line="$name${reason:+  --  $reason}"
            case "$outcome" in
                Passed)
                    p=$((p + 1)) ;;
                NotExecuted)
                    if is_ci && ! [[ "$name" == *SqlServer* && -z "${NUMBERSBOT_TEST_SQLSERVER:-}" ]]; then
                        f=$((f + 1))
                        SKIPPED_AS_FAILED_LINES+=("$line")
                    else
                        s=$((s + 1))
                        SKIPPED_LINES+=("$line")
                    fi
                    ;;
                *)
                    f=$((f + 1))
                    FAILED_LINES+=("[$outcome] $line") ;;
            esac
        done < <(trx_results "$trx")
        note=""
        ((p + f + s > 0)) || note="  (no tests in this file)"
        label="$(grep -o -m 1 'codeBase="[^"]*"' "$trx" | sed -E 's/.*[\/"]([^\/"]+)"$/\1/' || true)"
        printf '  %s: %d passed, %d failed, %d skipped%s\n' "${label:-${trx#"$REPO_ROOT"/}}" "$p" "$f" "$s" "$note"
        SUMMARY_PASSED=$((SUMMARY_PASSED + p))
        SUMMARY_FAILED=$((SUMMARY_FAILED + f))
        SUMMARY_SKIPPED=$((SUMMARY_SKIPPED + s))
    done
    SUMMARY_TOTAL=$((SUMMARY_PASSED + SUMMARY_FAILED + SUMMARY_SKIPPED))
}

print_list() { # print_list TITLE LINE...
    local title="$1"
    shift
    (($# > 0)) || return 0
    echo
    echo "$title ($#):"
    printf '  %s\n' "$@"
}

# ----------------------------------------------------------------------------
# main
# ----------------------------------------------------------------------------

main() {
    local run_start
    run_start="$(now_ms)"

    rm -rf "$PREPARE_LOG_DIR"

    # Each prepare_* records its own failure in NOT_PREPARED and never aborts the run.
    prepare_postgres || true
    prepare_npm || true
    prepare_browser || true

    rm -rf "$RESULTS_DIR"
    mkdir -p "$RESULTS_DIR"

    # Problems with the run itself (each counts as one failure).
    local problems=()
    local build_args=()
    # No build servers in CI: they would outlive the script and keep its output open.
    is_ci && build_args+=(--disable-build-servers)

    local build_rc=0 test_rc=0 step_start
    if ! command -v dotnet >/dev/null 2>&1; then
        problems+=("the dotnet SDK is not installed (dotnet not on PATH)")
    else
        step_start="$(now_ms)"
        log "dotnet build $SOLUTION"
        dotnet build "$SOLUTION" -nologo "${build_args[@]}" </dev/null || build_rc=$?
        log "build finished in $(elapsed "$step_start") (exit $build_rc)"
        if ((build_rc != 0)); then
            problems+=("dotnet build failed (exit $build_rc); no tests were run")
        else
            step_start="$(now_ms)"
            log "dotnet test $SOLUTION${*:+ $*}"
            dotnet test "$SOLUTION" --no-build -nologo \
                --results-directory "$RESULTS_DIR" \
                --logger trx --logger "console;verbosity=minimal" \
                --blame-hang-timeout "${NUMBERSBOT_TEST_HANG_TIMEOUT:-5m}" --blame-hang-dump-type none \
                "$@" </dev/null || test_rc=$?
            log "tests finished in $(elapsed "$step_start") (exit $test_rc)"
        fi
    fi

    # Stop what was prepared now, so that the summary below is the end of the output.
    run_cleanups

    echo
    echo "==================== test summary ===================="
    if ((build_rc == 0)) && command -v dotnet >/dev/null 2>&1; then
        local trx_files=()
        local f
        for f in "$RESULTS_DIR"/*.trx; do
            [[ -f "$f" ]] && trx_files+=("$f")
        done
        if ((${#trx_files[@]} == 0)); then
            problems+=("no TRX file was produced in ${RESULTS_DIR#"$REPO_ROOT"/} (dotnet test exit $test_rc)")
        else
            summarize_trx "${trx_files[@]}"
            # Tests that were running when a test host crashed or was killed for hanging
            # (the blame collector leaves Sequence_*.xml files).
            local unfinished
            unfinished="$(grep -rh --include="Sequence_*.xml" "Completed=\"False\"" "$RESULTS_DIR" 2>/dev/null |
                sed -E "s/.* Name=\"([^\"]*)\".*/\1/; s/&quot;/\"/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g" | sort -u || true)"
            if [[ -n "$unfinished" ]]; then
                while IFS= read -r f; do
                    problems+=("test host crashed or was killed (hang timeout) while running: $f")
                done <<<"$unfinished"
            elif ((SUMMARY_TOTAL == 0)); then
                problems+=("zero tests ran (${#trx_files[@]} TRX file(s) without results)")
            elif ((test_rc != 0 && SUMMARY_FAILED == 0)); then
                problems+=("dotnet test exited with code $test_rc although no test failed (test host crash or aborted run?)")
            fi
        fi
    fi

    print_list "Failed tests" "${FAILED_LINES[@]}"
    print_list "Skipped tests counted as failed (CI=true)" "${SKIPPED_AS_FAILED_LINES[@]}"
    if is_ci; then
        print_list "Skipped tests (allowed: SQL Server, NUMBERSBOT_TEST_SQLSERVER not set)" "${SKIPPED_LINES[@]}"
    else
        print_list "Skipped tests" "${SKIPPED_LINES[@]}"
    fi
    print_list "Run problems (each counted as failed)" "${problems[@]}"
    local item
    if ((${#NOT_PREPARED[@]} > 0)); then
        echo
        for item in "${NOT_PREPARED[@]}"; do
            echo "could not prepare: $item"
        done
    fi

    local failed=$((SUMMARY_FAILED + ${#problems[@]}))
    echo
    log "total time $(elapsed "$run_start"); results in ${RESULTS_DIR#"$REPO_ROOT"/}"
    echo "$SUMMARY_PASSED passed, $failed failed, $SUMMARY_SKIPPED skipped"
    ((failed == 0))
}

main "$@"

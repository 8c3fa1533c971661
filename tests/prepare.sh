# Sourced by test.sh: prepares what the tests need and records what it could not prepare (never aborts the run).
#   prepare_postgres  a throwaway cluster on 127.0.0.1 (random port); exports NUMBERSBOT_TEST_POSTGRES
#                     unless it is set already. Stopped and removed by run_cleanups.
#   prepare_npm       the official Adaptive Cards and Teams manifest packages in tests/js
#   prepare_browser   Debian's chromium and chromium-driver
NOT_PREPARED=()
CLEANUPS=()
log() { printf 'test.sh: %s\n' "$*"; }
not_prepared() { NOT_PREPARED+=("$1: ${*:2}"); log "could not prepare $1: ${*:2}"; }
run_cleanups() { local c; for c in "${CLEANUPS[@]}"; do eval "$c" || true; done; CLEANUPS=(); }

apt_install() { # quietly, into .tmp/prepare/apt.log; needs root
    [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null || { log "not root or no apt-get: cannot install $*"; return 1; }
    log "apt-get install $*"
    { DEBIAN_FRONTEND=noninteractive timeout 300 apt-get update -q &&
        DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -q --no-install-recommends \
            -o DPkg::Lock::Timeout=120 "$@"; } </dev/null >>"$PREPARE_LOG/apt.log" 2>&1
}

as_postgres() { if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

prepare_postgres() {
    if [[ -n "${NUMBERSBOT_TEST_POSTGRES:-}" ]]; then log "postgres: using NUMBERSBOT_TEST_POSTGRES as set"; return; fi
    local bin; bin="$(pg_config --bindir 2>/dev/null || ls -d /usr/lib/postgresql/*/bin 2>/dev/null | tail -n 1)"
    if [[ ! -x "$bin/initdb" ]]; then
        apt_install postgresql || { not_prepared postgres "PostgreSQL is missing and apt-get install postgresql failed"; return; }
        bin="$(ls -d /usr/lib/postgresql/*/bin | tail -n 1)"
    fi
    PG_DIR="$(mktemp -d /tmp/numbersbot-pg.XXXXXX)"
    [[ $EUID -eq 0 ]] && chown postgres: "$PG_DIR"
    CLEANUPS+=("as_postgres '$bin/pg_ctl' -D '$PG_DIR/data' -m immediate -w stop >/dev/null 2>&1; rm -rf '$PG_DIR'")
    as_postgres "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --encoding=UTF8 --no-locale \
        >"$PG_DIR/initdb.log" 2>&1 || { not_prepared postgres "initdb failed (see $PG_DIR/initdb.log)"; return; }
    local port tries
    for tries in 1 2 3 4 5; do # a random port; another run may take it between the check and the start
        port=$((54320 + RANDOM % 680))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
        as_postgres "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 30 -o \
            "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null 2>&1 && break
        port=""
    done
    [[ -n "$port" ]] || { not_prepared postgres "pg_ctl start failed 5 times (see $PG_DIR/server.log)"; return; }
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres numbersbot_test || { not_prepared postgres "createdb failed"; return; }
    export NUMBERSBOT_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=numbersbot_test"
    log "postgres: $NUMBERSBOT_TEST_POSTGRES ($("$bin/postgres" --version))"
}

prepare_npm() {
    command -v npm >/dev/null || apt_install nodejs npm ||
        { not_prepared npm "node/npm are missing and apt-get install nodejs npm failed"; return; }
    (cd tests/js && timeout 600 npm ci --no-audit --no-fund) </dev/null >"$PREPARE_LOG/npm.log" 2>&1 ||
        { not_prepared npm "npm ci in tests/js failed (see $PREPARE_LOG/npm.log)"; return; }
    log "npm: tests/js ready (node $(node --version))"
}

prepare_browser() {
    [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] || apt_install chromium chromium-driver ||
        { not_prepared browser "chromium/chromedriver are missing and apt-get install chromium chromium-driver failed"; return; }
    log "browser: $(/usr/bin/chromium --version 2>/dev/null | head -n 1)"
}

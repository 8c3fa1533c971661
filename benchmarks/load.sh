#!/usr/bin/env bash
# The load benchmark: NumbersBot (Release build, Production, SQLite, --no-launch-profile equivalent) against the
# official SDKs' bots (botbuilder-js, Bolt), on loopback, against the same in-repo fakes (benchmarks/Load: signing
# key and OpenID metadata, Bot Connector, Slack Web API). wrk drives each request with its own activity id (Teams)
# or trigger_id and signature (Slack). Prints req/s, p50, p99 and the server's CPU per request.
#
#   benchmarks/load.sh                 # defaults below; every knob is an environment variable
#   DURATION=10 CONNECTIONS=32 ROUNDS=2 WHICH="teams slack" SIDES="numbersbot sdk" NUMBERS=20 benchmarks/load.sh
#   PACED_CONNECTIONS=8 benchmarks/load.sh  # after each peak run, the same requests paced to about half that peak (rows "half")
#   DATABASE=postgres benchmarks/load.sh   # the bots on a throwaway PostgreSQL cluster (pg_config's initdb, durable
#                                          # commits as configured by default) instead of SQLite files;
#                                          # PG_OPTIONS="Max Auto Prepare=64" is added to its connection string
#   BASELINE=<git rev> benchmarks/load.sh   # also runs that revision's bot (side "baseline"), built and seeded the same way
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${DURATION:-10}" CONNECTIONS="${CONNECTIONS:-32}" THREADS="${THREADS:-2}" ROUNDS="${ROUNDS:-2}" WARMUP="${WARMUP:-3}"
WHICH="${WHICH:-teams slack}" NUMBERS="${NUMBERS:-20}" BASELINE="${BASELINE:-}" PACED_CONNECTIONS="${PACED_CONNECTIONS:-8}"
DATABASE="${DATABASE:-sqlite}"
SIDES="${SIDES:-${BASELINE:+baseline }numbersbot sdk}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

command -v wrk >/dev/null || { echo "load.sh: wrk is needed (apt-get install wrk)" >&2; exit 1; }
WORK="$(mktemp -d /tmp/numbersbot-load.XXXXXX)"
PIDS=()
cleanup() {
    exec 9>&- 2>/dev/null || true # closes the fakes' stdin
    if [[ -n "${PG_BIN:-}" ]]; then as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    if [[ -n "${KEEP:-}" ]]; then echo "load.sh: logs kept in $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

build() { # TREE
    echo "load.sh: building $1 (Release)…" >&2
    dotnet build -c Release -v q --nologo "$1/src/Bot/Bot.csproj" >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
    dotnet build -c Release -v q --nologo "$1/benchmarks/Load/NumbersBot.Load.csproj" >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
}
build "$ROOT"
if [[ -n "$BASELINE" ]]; then
    # The revision as committed. Only its seeding runs from benchmarks/Load (the fakes are today's), so it keeps its own
    # copy: today's builds on test support that an older revision's bot may not compile with. A revision older than the
    # load benchmark gets today's.
    mkdir -p "$WORK/baseline"
    git -C "$ROOT" archive "$BASELINE" | tar -x -C "$WORK/baseline"
    if [[ ! -d "$WORK/baseline/benchmarks/Load" ]]; then
        mkdir -p "$WORK/baseline/benchmarks" "$WORK/baseline/tests"
        cp -r "$ROOT/benchmarks/Load" "$WORK/baseline/benchmarks/Load"; cp -r "$ROOT/tests/Support" "$WORK/baseline/tests/Support"
        rm -rf "$WORK/baseline"/{benchmarks/Load,tests/Support}/{bin,obj}
    fi
    build "$WORK/baseline"
fi
if [[ " $SIDES " == *" sdk "* && ! -d "$ROOT/benchmarks/sdk/node_modules" ]]; then
    (cd "$ROOT/benchmarks/sdk" && npm ci --no-audit --no-fund >"$WORK/npm.log" 2>&1) || { cat "$WORK/npm.log"; exit 1; }
fi
LOAD_DLL="$ROOT/benchmarks/Load/bin/Release/net10.0/NumbersBot.Load.dll"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { # URL
    for _ in $(seq 1 300); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done
    echo "load.sh: $1 never answered" >&2; exit 1
}

mkfifo "$WORK/fakes.stdin"
dotnet "$LOAD_DLL" fakes "$WORK" <"$WORK/fakes.stdin" >"$WORK/fakes.log" 2>&1 &
PIDS+=($!)
exec 9>"$WORK/fakes.stdin"
for _ in $(seq 1 300); do [[ -s "$WORK/fakes.env" ]] && break; sleep 0.1; done
set -a; source "$WORK/fakes.env"; set +a

as_postgres() { if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
PG_BIN="" PG_PORT=""
if [[ "$DATABASE" == postgres ]]; then
    PG_BIN="$(pg_config --bindir)"; PG_PORT=$(free_port)
    chmod 755 "$WORK"; mkdir -p "$WORK/pg"; [[ $EUID -eq 0 ]] && chown postgres: "$WORK/pg"
    as_postgres "$PG_BIN/initdb" -D "$WORK/pg/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >"$WORK/pg-init.log" 2>&1 \
        || { cat "$WORK/pg-init.log"; exit 1; }
    as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $WORK/pg" start >/dev/null || { cat "$WORK/pg/server.log"; exit 1; }
elif [[ "$DATABASE" != sqlite ]]; then
    echo "load.sh: DATABASE is sqlite or postgres, not '$DATABASE'" >&2; exit 1
fi

# The database a side's bot uses, created and seeded: "PROVIDER CONNECTION STRING".
database_for() { # TREE NAME
    local tree=$1 name=$2
    if [[ "$DATABASE" == postgres ]]; then
        as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "numbersbot_$name"
        local connection="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=numbersbot_$name${PG_OPTIONS:+;$PG_OPTIONS}"
        # Today's seeding (an older revision's may know only SQLite); the schema is the same migrations either way.
        dotnet "$LOAD_DLL" seed "$connection" "$NUMBERS" Postgres >&2
        echo "Postgres $connection"
    else
        dotnet "$tree/benchmarks/Load/bin/Release/net10.0/NumbersBot.Load.dll" seed "Data Source=$WORK/$name.db" "$NUMBERS" >&2
        echo "Sqlite Data Source=$WORK/$name.db"
    fi
}

start_bot() { # TREE NAME -> sets STARTED_PORT STARTED_PID
    local tree=$1 name=$2 provider connection
    read -r provider connection < <(database_for "$tree" "$name")
    STARTED_PORT=$(free_port)
    (
    cd "$tree/src/Bot/bin/Release/net10.0"
    ASPNETCORE_ENVIRONMENT=Production Database__Provider="$provider" \
    ConnectionStrings__Numbers="$connection" \
    MicrosoftAppId="$APP_ID" MicrosoftAppPassword=not-a-real-secret MicrosoftAppType=SingleTenant MicrosoftAppTenantId="$TENANT_ID" \
    ToBotFromChannelOpenIdMetadataUrl="$FAKE_CHANNEL_METADATA_URL" ToChannelFromBotLoginUrl="$FAKE_LOGIN_URL" \
    Slack__SigningSecret="$SLACK_SIGNING_SECRET" Slack__BotToken=xoxb-load-test Slack__ApiBaseUrl="$FAKE_SLACK_API_URL" \
    Access__Admins="teams:$TENANT_ID:$ADMIN_OBJECT_ID,slack:T1:UADMIN" \
    SSL_CERT_FILE="$FAKE_CERTIFICATE_FILE" \
    exec dotnet NumbersBot.Bot.dll --urls "http://127.0.0.1:$STARTED_PORT"
    ) >"$WORK/$name.log" 2>&1 &
    STARTED_PID=$!; PIDS+=($STARTED_PID)
    wait_for "http://127.0.0.1:$STARTED_PORT/healthz"
}
start_bot "$ROOT" bot; BOT_PORT=$STARTED_PORT BOT_PID=$STARTED_PID
if [[ -n "$BASELINE" ]]; then start_bot "$WORK/baseline" baseline; BASE_PORT=$STARTED_PORT BASE_PID=$STARTED_PID; fi

if [[ " $SIDES " == *" sdk "* ]]; then
    TEAMS_SDK_PORT=$(free_port); SLACK_SDK_PORT=$(free_port)
    PORT=$TEAMS_SDK_PORT node "$ROOT/benchmarks/sdk/teams-bot.js" >"$WORK/teams-sdk.log" 2>&1 &
    TEAMS_SDK_PID=$!; PIDS+=($TEAMS_SDK_PID)
    PORT=$SLACK_SDK_PORT node "$ROOT/benchmarks/sdk/slack-bot.js" >"$WORK/slack-sdk.log" 2>&1 &
    SLACK_SDK_PID=$!; PIDS+=($SLACK_SDK_PID)
    for _ in $(seq 1 100); do grep -q "on $TEAMS_SDK_PORT" "$WORK/teams-sdk.log" && grep -q "on $SLACK_SDK_PORT" "$WORK/slack-sdk.log" && break; sleep 0.1; done
fi

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # utime + stime of the server process
CLK_TCK=$(getconf CLK_TCK)

# One run: prints "rps p50 p99 cpu_ms_per_request non2xx"
measure() { # SIDE CHANNEL
    local side=$1 channel=$2 port pid script
    case "$side/$channel" in
        numbersbot/*) port=$BOT_PORT pid=$BOT_PID ;;
        baseline/*) port=$BASE_PORT pid=$BASE_PID ;;
        sdk/teams) port=$TEAMS_SDK_PORT pid=$TEAMS_SDK_PID ;;
        sdk/slack) port=$SLACK_SDK_PORT pid=$SLACK_SDK_PID ;;
    esac
    script="$ROOT/benchmarks/load/$channel.lua"
    RUN_ID="warm$RANDOM$RANDOM" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$script" "http://127.0.0.1:$port" >/dev/null
    local before; before=$(cpu_ticks "$pid")
    local out; out=$(RUN_ID="run$RANDOM$RANDOM" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$script" "http://127.0.0.1:$port")
    local after; after=$(cpu_ticks "$pid")
    local summary; summary=$(grep '^SUMMARY' <<<"$out")
    local requests; requests=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$summary")
    awk -v s="$summary" -v ticks=$((after - before)) -v hz="$CLK_TCK" -v n="$requests" 'BEGIN {
        split(s, kv, " "); for (i in kv) { split(kv[i], p, "="); v[p[1]] = p[2] }
        printf "%s %s %s %.3f %s\n", v["rps"], v["p50_ms"], v["p99_ms"], (n > 0 ? ticks * 1000 / hz / n : 0), v["non2xx"] + v["socket_errors"] }'
}

# The same requests paced to about half the peak just measured (each of PACED_CONNECTIONS connections waits before
# each request), for the latency a bot shows when it is not saturated. wrk is closed-loop: the rate achieved is printed.
measure_paced() { # SIDE CHANNEL PEAK_RPS -> "rps p50 p99 errors"
    local side=$1 channel=$2 peak=$3 port
    case "$side/$channel" in
        numbersbot/*) port=$BOT_PORT ;; baseline/*) port=$BASE_PORT ;; sdk/teams) port=$TEAMS_SDK_PORT ;; sdk/slack) port=$SLACK_SDK_PORT ;;
    esac
    local pause; pause=$(awk -v c="$PACED_CONNECTIONS" -v r="$peak" 'BEGIN { p = int(2000 * c / (r > 0 ? r : 1)); print (p < 1 ? 1 : p) }')
    local out; out=$(PAUSE_MS=$pause RUN_ID="half$RANDOM$RANDOM" wrk -t"$THREADS" -c"$PACED_CONNECTIONS" -d"${DURATION}s" --latency \
        -s "$ROOT/benchmarks/load/$channel.lua" "http://127.0.0.1:$port" | grep '^SUMMARY')
    awk -v s="$out" 'BEGIN { split(s, kv, " "); for (i in kv) { split(kv[i], p, "="); v[p[1]] = p[2] }
        printf "%s %s %s %s\n", v["rps"], v["p50_ms"], v["p99_ms"], v["non2xx"] + v["socket_errors"] }'
}

printf '%-6s %-13s %5s %9s %8s %8s %12s %7s\n' channel side round 'req/s' 'p50 ms' 'p99 ms' 'CPU ms/req' errors
for round in $(seq 1 "$ROUNDS"); do
    for channel in $WHICH; do
        for side in $SIDES; do
            read -r rps p50 p99 cpu errors < <(measure "$side" "$channel")
            name=$side; [[ $side == baseline ]] && name="base ${BASELINE:0:7}"; [[ $side == sdk ]] && name=$([[ $channel == teams ]] && echo botbuilder || echo bolt)
            printf '%-6s %-13s %5s %9s %8s %8s %12s %7s\n' "$channel" "$name" "$round" "$rps" "$p50" "$p99" "$cpu" "$errors"
            read -r hrps hp50 hp99 herrors < <(measure_paced "$side" "$channel" "$rps")
            printf '%-6s %-13s %5s %9s %8s %8s %12s %7s\n' "$channel" "$name" "half" "$hrps" "$hp50" "$hp99" "" "$herrors"
        done
    done
done
echo "fakes: $(curl -s "${FAKE_BASE_URL}stats")  machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo); load average $(cut -d' ' -f1-3 /proc/loadavg)"
if grep -sqE 'fail:|crit:' "$WORK/bot.log" "$WORK/baseline.log"; then echo "bot logs had errors:"; grep -sE 'fail:|crit:' -A3 "$WORK/bot.log" "$WORK/baseline.log" | head -20; fi

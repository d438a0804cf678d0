#!/usr/bin/env bash
# Ack throughput and latency of POST /api/slack/events, side by side with a minimal Bolt JS app,
# the bot once on SQLite and once on PostgreSQL, then a check that every event each acknowledged
# was answered exactly once. A manual benchmark: not part of `dotnet test` or CI. See bench/README.md.
#
#   bench/slack/run.sh            (environment: DURATION, WARMUP, SETTLE, WARM_COUNT, COUNT, THREADS, CONNECTIONS, STORES)
#
# Each server is timed twice: "cold", the DURATION seconds after a WARMUP-second warm-up, and
# "warm", the DURATION seconds after SETTLE more seconds of load. .NET's tiered JIT is still
# recompiling the hot path (with profile-guided optimisation) for about half a minute of full load,
# so the cold run measures start-up as much as the server; a process that serves customers is warm.
#
# STORES defaults to "sqlite postgres"; postgres needs UPGRADEBOT_TEST_POSTGRES (a server connection
# string such as Host=127.0.0.1;Port=5432;Username=postgres; .ci/setup.d/40-postgres.sh starts one)
# and psql, and gets a database of its own, dropped at the end.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
duration="${DURATION:-10}"
warmup="${WARMUP:-3}"
settle="${SETTLE:-17}"
# The untimed load (warm-up and settle) may repeat its events once a thread has sent its slice (the
# bot acks a repeat as a Slack retry without storing it again), so a small file keeps it out of the drain.
warm_count="${WARM_COUNT:-30000}"
# Enough signed events that neither thread runs out during the timed run (done() reports it if one does).
count="${COUNT:-400000}"
threads="${THREADS:-2}"
connections="${CONNECTIONS:-20}"
stores="${STORES:-sqlite postgres}"
ours_port="${OURS_PORT:-5380}"
bolt_port="${BOLT_PORT:-5381}"
fake_port="${FAKE_PORT:-5382}"
dll="$repo/src/UpgradeBot/bin/Release/net10.0/UpgradeBot.dll"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
pg() { # a key of UPGRADEBOT_TEST_POSTGRES
  sed -n "s/.*\b$1=\([^;]*\).*/\1/Ip" <<<"${UPGRADEBOT_TEST_POSTGRES:-}"
}
psql_run() { # database, sql
  "$(command -v psql || echo /usr/lib/postgresql/15/bin/psql)" -X -q -t -A -h "$(pg host)" -p "$(pg port)" -U "$(pg username)" -d "$1" -c "$2"
}
uses_postgres() { [[ " $stores " == *" postgres "* ]]; }
if uses_postgres && [ -z "${UPGRADEBOT_TEST_POSTGRES:-}" ]; then
  echo "STORES has postgres: set UPGRADEBOT_TEST_POSTGRES to a server connection string" >&2
  exit 1
fi

# Build before anything is timed: a build would compete for the same cores.
dotnet build -c Release "$repo/src/UpgradeBot" -v quiet -nologo >/dev/null
[ -d "$here/node_modules/@slack/bolt" ] || (cd "$here" && npm ci --no-audit --no-fund >/dev/null)

work="$(mktemp -d /tmp/slack-bench.XXXXXX)"
pg_database="upgradebot_slack_bench_$$"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if uses_postgres; then psql_run postgres "DROP DATABASE IF EXISTS $pg_database WITH (FORCE);" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
uses_postgres && psql_run postgres "CREATE DATABASE $pg_database;"
secret="$(node -e "process.stdout.write(require('crypto').randomBytes(16).toString('hex'))")"

node "$here/fake-slack.mjs" "$fake_port" >"$work/fake.log" 2>&1 &
pids+=($!)
SLACK_SIGNING_SECRET="$secret" node "$here/bolt-peer.mjs" "$bolt_port" >"$work/bolt.log" 2>&1 &
bolt_pid=$!
pids+=("$bolt_pid")
# The bot runs as shipped while it is timed, Slack's rate limits included: its worker answers
# at most Slack:WorkspaceMessagesPerSecond (20) while the acks are measured, as in production.
start_ours() { # store, extra arguments
  local store="$1"
  shift
  local storage=(--Storage:Provider Sqlite --Storage:ConnectionString "Data Source=$work/bench.db")
  if [ "$store" = postgres ]; then
    storage=(--Storage:Provider Postgres --Storage:ConnectionString "Host=$(pg host);Port=$(pg port);Username=$(pg username);Database=$pg_database")
  fi
  dotnet "$dll" --urls "http://127.0.0.1:$ours_port" \
    --Slack:SigningSecret "$secret" --Slack:BotToken xoxb-bench \
    --Slack:ApiBaseUrl "http://127.0.0.1:$fake_port/api/" \
    "${storage[@]}" --Logging:LogLevel:Default Warning "$@" >>"$work/ours-$store.log" 2>&1 &
  ours_pid=$!
  pids+=("$ours_pid")
}
stop_ours() {
  kill -TERM "$ours_pid"
  wait "$ours_pid" || true
}

wait_until() { # description, command...
  local what="$1"; shift
  for _ in $(seq 1 300); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "$what did not come up" >&2; cat "$work"/*.log >&2; exit 1
}
wait_until "fake Slack" curl -fs "http://127.0.0.1:$fake_port/stats"
# Unsigned → 401 proves Bolt is listening and checking signatures.
wait_until "Bolt" sh -c "curl -s -o /dev/null -w '%{http_code}' -X POST -d '{}' http://127.0.0.1:$bolt_port/api/slack/events | grep -q 401"

# Signed last, so the 5-minute timestamp window covers every run below. Each store gets events
# (and so channels) of its own, so the fake's counts cover both bots without mixing them up.
for server in bolt $stores; do
  node "$here/sign.mjs" "$secret" "L${server^^}" "$warm_count" "$work/load-$server.txt"
  node "$here/sign.mjs" "$secret" "C${server^^}" "$count" "$work/cold-$server.txt"
  node "$here/sign.mjs" "$secret" "W${server^^}" "$count" "$work/warm-$server.txt"
done

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # user + system, in clock ticks
# Every PostgreSQL server process on this machine (0 when the server is elsewhere): the database's
# share of an ack, which Bolt does not pay.
db_ticks() { cat /proc/[0-9]*/stat 2>/dev/null | awk '$2 == "(postgres)" { t += $14 + $15 } END { print t + 0 }'; }
per_request() { # ticks, requests → microseconds
  echo $(( $1 * 1000000 / $(getconf CLK_TCK) / $2 ))
}
run_wrk() { # port, file, seconds, label, server pid
  local before after db_before db_after requests
  before=$(cpu_ticks "$5"); db_before=$(db_ticks)
  wrk -t "$threads" -c "$connections" -d "$3s" --latency -s "$here/presigned.lua" \
    "http://127.0.0.1:$1/api/slack/events" -- "$2" "$threads" >"$work/$4.wrk"
  after=$(cpu_ticks "$5"); db_after=$(db_ticks)
  # CPU per request does not depend on what else the machine runs, unlike requests/s when the
  # cores are shared: a second figure to trust when the run was noisy.
  requests=$(sed -n 's/^RESULT requests=\([0-9]*\).*/\1/p' "$work/$4.wrk")
  echo "$(grep '^RESULT' "$work/$4.wrk") cpu_us_per_request=$(per_request $((after - before)) "$requests") db_us_per_request=$(per_request $((db_after - db_before)) "$requests")"
}
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }

due_now() { # store: puts every unhandled event due at once
  # While timed, the worker ran at the shipped 20 answers/s and told each event turned away its own
  # slot at that rate, kept with the row; the drain lifts the cap, so those slots no longer apply.
  if [ "$1" = postgres ]; then
    psql_run "$pg_database" "UPDATE inbound_events SET next_attempt_at = 0 WHERE processed_at IS NULL;" >/dev/null
    return
  fi
  python3 - "$work/bench.db" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE inbound_events SET next_attempt_at = 0 WHERE processed_at IS NULL")
db.commit()
EOF
}
pending() { # store: events stored, events not yet handled
  if [ "$1" = postgres ]; then
    psql_run "$pg_database" "SELECT COUNT(*), COUNT(*) FILTER (WHERE processed_at IS NULL) FROM inbound_events;" | tr '|' ' '
    return
  fi
  python3 - "$work/bench.db" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(*db.execute("SELECT COUNT(*), COALESCE(SUM(processed_at IS NULL), 0) FROM inbound_events").fetchone())
EOF
}
drain() { # store: waits until the bot's worker has handled everything it stored
  local started=$SECONDS
  while :; do
    read -r stored open < <(pending "$1")
    [ "$open" -eq 0 ] && { echo "$1: drained $stored stored events in $((SECONDS - started)) s"; return; }
    [ $((SECONDS - started)) -gt 900 ] && { echo "worker did not drain: $open of $stored still pending" >&2; exit 1; }
    sleep 1
  done
}

declare -A cold warm
time_server() { # name, port, pid: warm-up, cold run, more load, warm run
  # The signed files and the store timed before leave a gigabyte or more of dirty pages: timed
  # while they were written back, after SQLite's run, PostgreSQL's p99 was 38-44 ms, 5-6 ms otherwise.
  sync
  run_wrk "$2" "$work/load-$1.txt" "$warmup" "$1-warmup" "$3" >/dev/null
  cold[$1]="$(run_wrk "$2" "$work/cold-$1.txt" "$duration" "$1-cold" "$3")"
  run_wrk "$2" "$work/load-$1.txt" "$settle" "$1-settle" "$3" >/dev/null
  warm[$1]="$(run_wrk "$2" "$work/warm-$1.txt" "$duration" "$1-warm" "$3")"
}
# Bolt first, while our bot is not running; then ours on each store in turn, alone.
time_server bolt "$bolt_port" "$bolt_pid"
for store in $stores; do
  start_ours "$store"
  wait_until "UpgradeBot on $store" curl -fs "http://127.0.0.1:$ours_port/healthz"
  time_server "$store" "$ours_port" "$ours_pid"
  stop_ours
done

# At 20 answers/s the backlog would take hours. The queue is durable, so start the bot again on
# each store with the workspace cap lifted (each event has its own channel, so the per-channel
# limit does not bind): this also shows that a restart neither loses nor repeats answers.
stored_all=0
acked_all=0
for store in $stores; do
  due_now "$store"
  start_ours "$store" --Slack:WorkspaceMessagesPerSecond 1000000
  wait_until "UpgradeBot on $store (restarted)" curl -fs "http://127.0.0.1:$ours_port/healthz"
  drain "$store"
  stop_ours
  read -r stored open < <(pending "$store")
  stored_all=$((stored_all + stored))
  # Warm-up events repeat, so only the timed runs' acks, whose events are all distinct, are counted.
  acked_all=$((acked_all + $(field "${cold[$store]}" requests) - $(field "${cold[$store]}" non2xx) + $(field "${warm[$store]}" requests) - $(field "${warm[$store]}" non2xx)))
done

stats="$(curl -fs "http://127.0.0.1:$fake_port/stats")"
unique=$(node -pe "JSON.parse(process.argv[1]).unique" "$stats")
duplicates=$(node -pe "JSON.parse(process.argv[1]).duplicates" "$stats")
unkeyed=$(node -pe "JSON.parse(process.argv[1]).unkeyed" "$stats")

for server in bolt $stores; do
  for run in cold warm; do
    echo "--- $server, $run (wrk)"; cat "$work/$server-$run.wrk"
  done
done
echo
label() { [ "$1" = bolt ] && echo "Bolt JS" || echo "UpgradeBot on $1"; }
for run in cold warm; do
  declare -n results="$run"
  if [ "$run" = cold ]; then echo "cold: the ${duration} s after a ${warmup} s warm-up"; else echo "warm: the ${duration} s after $((warmup + duration + settle)) s of load"; fi
  printf '  %-24s %12s %10s %18s %12s %10s\n' "" "requests/s" "p99 ms" "CPU us/request" "database us" "vs Bolt"
  for server in $stores bolt; do
    r="${results[$server]}"
    ratio="$(node -pe "($(field "$r" rps) / $(field "${results[bolt]}" rps)).toFixed(2)")x"
    [ "$server" = bolt ] && ratio=""
    printf '  %-24s %12s %10s %18s %12s %10s\n' "$(label "$server")" "$(field "$r" rps)" "$(field "$r" p99_ms)" "$(field "$r" cpu_us_per_request)" "$(field "$r" db_us_per_request)" "$ratio"
  done
  if [ -n "${results[postgres]:-}" ] && [ -n "${results[sqlite]:-}" ]; then
    echo "  PostgreSQL / SQLite: $(node -pe "($(field "${results[postgres]}" rps) / $(field "${results[sqlite]}" rps)).toFixed(2)")x"
  fi
  unset -n results
done
echo "targets: SQLite >= 3x Bolt, PostgreSQL >= 2x Bolt, both with p99 < 20 ms"
echo "answers: acked by wrk in the timed runs $acked_all, stored $stored_all, answered once $unique, duplicates $duplicates, fake stats $stats"

ok=1
for server in bolt $stores; do
  for r in "${cold[$server]}" "${warm[$server]}"; do
    [ "$(field "$r" wrapped)" -eq 0 ] || { echo "FAIL: a wrk thread ran out of events on $server; raise COUNT"; ok=0; }
    [ "$(field "$r" non2xx)" -eq 0 ] || { echo "FAIL: non-2xx answers from $(label "$server")"; ok=0; }
  done
done
# wrk does not count requests cut off when it stops, but the bot may have stored them: each stored
# event must have exactly one answer, and every event wrk saw acknowledged must be among them.
[ "$unique" -eq "$stored_all" ] && [ "$duplicates" -eq 0 ] && [ "$unkeyed" -eq 0 ] && [ "$acked_all" -le "$stored_all" ] || { echo "FAIL: not exactly one answer per acknowledged event"; ok=0; }
[ "$ok" -eq 1 ] && echo "exactly once: OK"
[ "$ok" -eq 1 ]

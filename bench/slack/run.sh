#!/usr/bin/env bash
# Ack throughput and latency of POST /api/slack/events, side by side with a minimal Bolt JS app,
# the bot once on SQLite and once on PostgreSQL, then a check that every event each acknowledged
# was answered exactly once. A manual benchmark: not part of `dotnet test` or CI. See bench/README.md.
#
#   bench/slack/run.sh            (environment: DURATION, WARMUP, COUNT, THREADS, CONNECTIONS, STORES)
#
# STORES defaults to "sqlite postgres"; postgres needs UPGRADEBOT_TEST_POSTGRES (a server connection
# string such as Host=127.0.0.1;Port=5432;Username=postgres; .ci/setup.d/40-postgres.sh starts one)
# and psql, and gets a database of its own, dropped at the end.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
duration="${DURATION:-10}"
warmup="${WARMUP:-3}"
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
node "$here/sign.mjs" "$secret" WARM 100000 "$work/warm.txt"
node "$here/sign.mjs" "$secret" MAIN "$count" "$work/main.txt"
for store in $stores; do
  node "$here/sign.mjs" "$secret" "W${store^^}" 100000 "$work/warm-$store.txt"
  node "$here/sign.mjs" "$secret" "M${store^^}" "$count" "$work/main-$store.txt"
done

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # user + system, in clock ticks
run_wrk() { # port, file, seconds, label, server pid
  local before after requests
  before=$(cpu_ticks "$5")
  wrk -t "$threads" -c "$connections" -d "$3s" --latency -s "$here/presigned.lua" \
    "http://127.0.0.1:$1/api/slack/events" -- "$2" "$threads" >"$work/$4.wrk"
  after=$(cpu_ticks "$5")
  # CPU per request does not depend on what else the machine runs, unlike requests/s when the
  # cores are shared: a second figure to trust when the run was noisy.
  requests=$(sed -n 's/^RESULT requests=\([0-9]*\).*/\1/p' "$work/$4.wrk")
  echo "$(grep '^RESULT' "$work/$4.wrk") cpu_us_per_request=$(( (after - before) * 1000000 / $(getconf CLK_TCK) / requests ))"
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

# Bolt first, while our bot is not running; then ours on each store in turn, alone.
run_wrk "$bolt_port" "$work/warm.txt" "$warmup" bolt-warm "$bolt_pid" >/dev/null
bolt="$(run_wrk "$bolt_port" "$work/main.txt" "$duration" bolt "$bolt_pid")"
declare -A ours ours_warm
for store in $stores; do
  start_ours "$store"
  wait_until "UpgradeBot on $store" curl -fs "http://127.0.0.1:$ours_port/healthz"
  ours_warm[$store]="$(run_wrk "$ours_port" "$work/warm-$store.txt" "$warmup" "ours-$store-warm" "$ours_pid")"
  ours[$store]="$(run_wrk "$ours_port" "$work/main-$store.txt" "$duration" "ours-$store" "$ours_pid")"
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
  acked_all=$((acked_all + $(field "${ours_warm[$store]}" requests) - $(field "${ours_warm[$store]}" non2xx) + $(field "${ours[$store]}" requests) - $(field "${ours[$store]}" non2xx)))
done

stats="$(curl -fs "http://127.0.0.1:$fake_port/stats")"
unique=$(node -pe "JSON.parse(process.argv[1]).unique" "$stats")
duplicates=$(node -pe "JSON.parse(process.argv[1]).duplicates" "$stats")
unkeyed=$(node -pe "JSON.parse(process.argv[1]).unkeyed" "$stats")

echo "--- Bolt JS (wrk)"; cat "$work/bolt.wrk"
for store in $stores; do echo "--- UpgradeBot on $store (wrk)"; cat "$work/ours-$store.wrk"; done
echo
printf '%-24s %12s %10s %18s %10s\n' "" "requests/s" "p99 ms" "CPU us/request" "vs Bolt"
for store in $stores; do
  r="${ours[$store]}"
  printf '%-24s %12s %10s %18s %9sx\n' "UpgradeBot on $store" "$(field "$r" rps)" "$(field "$r" p99_ms)" "$(field "$r" cpu_us_per_request)" \
    "$(node -pe "($(field "$r" rps) / $(field "$bolt" rps)).toFixed(2)")"
done
printf '%-24s %12s %10s %18s\n' "Bolt JS" "$(field "$bolt" rps)" "$(field "$bolt" p99_ms)" "$(field "$bolt" cpu_us_per_request)"
if [ -n "${ours[postgres]:-}" ] && [ -n "${ours[sqlite]:-}" ]; then
  echo "PostgreSQL / SQLite: $(node -pe "($(field "${ours[postgres]}" rps) / $(field "${ours[sqlite]}" rps)).toFixed(2)")x"
fi
echo "targets: SQLite >= 3x Bolt, PostgreSQL >= 2x Bolt, both with p99 < 20 ms"
echo "answers: acked by wrk $acked_all, stored $stored_all, answered once $unique, duplicates $duplicates, fake stats $stats"

ok=1
for store in $stores; do
  [ "$(field "${ours[$store]}" wrapped)" -eq 0 ] && [ "$(field "${ours_warm[$store]}" wrapped)" -eq 0 ] || { echo "FAIL: a wrk thread ran out of events on $store; raise COUNT"; ok=0; }
  [ "$(field "${ours[$store]}" non2xx)" -eq 0 ] || { echo "FAIL: non-2xx answers on $store"; ok=0; }
done
[ "$(field "$bolt" non2xx)" -eq 0 ] || { echo "FAIL: non-2xx answers from Bolt"; ok=0; }
# wrk does not count requests cut off when it stops, but the bot may have stored them: each stored
# event must have exactly one answer, and every event wrk saw acknowledged must be among them.
[ "$unique" -eq "$stored_all" ] && [ "$duplicates" -eq 0 ] && [ "$unkeyed" -eq 0 ] && [ "$acked_all" -le "$stored_all" ] || { echo "FAIL: not exactly one answer per acknowledged event"; ok=0; }
[ "$ok" -eq 1 ] && echo "exactly once: OK"
[ "$ok" -eq 1 ]

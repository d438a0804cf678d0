#!/usr/bin/env bash
# Throughput of POST /api/messages, side by side in one run (see bench/README.md):
#   - UpgradeBot answering a symptom question with its full card (verdict persisting-escalate:
#     headline, explanation, steps, upgrade facts, status link, escalate button);
#   - a bare C# Bot Builder echo bot on the same SDK (bench/teams/EchoBot, no fixes);
#   - the JavaScript SDK's echo bot (bench/teams/js-echo), when its node_modules are installed.
# All in anonymous mode on 127.0.0.1, replying to one fake Bot Connector. Each bot runs alone while measured.
# On a shared machine other work steals CPU from whichever bot runs at that moment: ROUNDS > 1 measures
# every bot again in turn and the summary uses each bot's best round.
# Settings: DURATION (10s), WARMUP (3s), THREADS (2), CONNECTIONS (20), ROUNDS (1), PORT_BASE (5390).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
teams="$repo/bench/teams"
duration=${DURATION:-10s}
warmup=${WARMUP:-3s}
threads=${THREADS:-2}
connections=${CONNECTIONS:-20}
rounds=${ROUNDS:-1}
port_base=${PORT_BASE:-5390}
connector_port=$port_base
bot_port=$((port_base + 1))
connector="http://127.0.0.1:$connector_port"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v node >/dev/null || { echo "node is missing (it runs the fake connector)" >&2; exit 1; }

work=$(mktemp -d)
pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
trap 'stop_all; rm -rf "$work"' EXIT

# Build first: wrk and a build must not share the two cores.
echo "Building (Release)…"
dotnet build "$repo/src/UpgradeBot/UpgradeBot.csproj" -c Release -v quiet -nologo >/dev/null
dotnet build "$teams/EchoBot/EchoBot.csproj" -c Release -v quiet -nologo >/dev/null

# One upgrade that ended a week ago: past its grace deadline, within the lookback, so the answer is the fullest card.
cat >"$work/upgrades.json" <<EOF
{
  "Upgrades": [{
    "Id": "bench",
    "Title": "Benchmark public cloud upgrade",
    "StatusUrl": "https://status.example.com/upgrades/bench",
    "Phases": [{ "Name": "Phase 1", "Start": "$(date -u -d '8 days ago' +%FT%TZ)", "End": "$(date -u -d '7 days ago' +%FT%TZ)" }]
  }]
}
EOF

cat >"$work/activity.json" <<EOF
{
  "type": "message", "id": "bench-1", "channelId": "msteams", "serviceUrl": "$connector/",
  "from": { "id": "29:bench-user", "name": "Bench Admin", "aadObjectId": "aad-bench-user" },
  "conversation": { "id": "a:bench-personal", "conversationType": "personal", "tenantId": "bench-tenant", "isGroup": false },
  "recipient": { "id": "28:upgradebot", "name": "UpgradeBot" },
  "channelData": { "tenant": { "id": "bench-tenant" } },
  "locale": "en-US",
  "text": "the usage graph on the dashboard looks wrong"
}
EOF

wait_for() { # url
  for _ in $(seq 1 300); do
    curl -s -o /dev/null "$1" && return 0
    sleep 0.2
  done
  echo "Nothing answered at $1" >&2
  exit 1
}

node "$teams/fake-connector.mjs" "$connector_port" &
pids+=($!)
wait_for "$connector/stats"
connector_pid=${pids[0]}

stats() { curl -s "$connector/stats"; }
replies() { stats | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).replies))'; }

declare -A best
order=()

# measure NAME EXPECT -- COMMAND…: starts the bot, checks one reply (it must contain EXPECT), warms up, measures, stops it.
measure() {
  local name=$1 expect=$2
  shift 3
  "$@" >"$work/$name.log" 2>&1 &
  pids=("$connector_pid" $!)
  wait_for "http://127.0.0.1:$bot_port/"

  curl -s -X POST "$connector/reset" >/dev/null
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @"$work/activity.json" "http://127.0.0.1:$bot_port/api/messages")
  if [[ $status != 200 ]] || ! stats | grep -q -- "$expect"; then
    echo "$name: the check request got HTTP $status and the connector saw: $(stats | head -c 400)" >&2
    cat "$work/$name.log" >&2
    exit 1
  fi

  BODY_FILE="$work/activity.json" wrk -t"$threads" -c"$connections" -d"$warmup" -s "$teams/message.lua" "http://127.0.0.1:$bot_port/api/messages" >/dev/null
  curl -s -X POST "$connector/reset" >/dev/null
  BODY_FILE="$work/activity.json" wrk -t"$threads" -c"$connections" -d"$duration" -s "$teams/message.lua" "http://127.0.0.1:$bot_port/api/messages" >"$work/$name.wrk"
  sleep 0.5 # let in-flight replies land before counting them

  local rps requests errors
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$work/$name.wrk")
  requests=$(awk '/ requests in / { print $1 }' "$work/$name.wrk")
  errors=$(awk '/Non-2xx or 3xx responses:/ { print $5 } /Socket errors:/ { print "socket errors:", $0 }' "$work/$name.wrk")
  [[ -v best[$name] ]] || order+=("$name")
  best[$name]=$(awk -v a="$rps" -v b="${best[$name]:-0}" 'BEGIN { print (a > b ? a : b) }')
  printf '%-34s %10s req/s   (%s requests, %s replies at the connector%s)\n' \
    "$name" "$rps" "$requests" "$(replies)" "${errors:+, non-2xx/errors: $errors}"

  kill "${pids[1]}"
  wait "${pids[1]}" 2>/dev/null || true
  pids=("$connector_pid")
}

quiet=(--Logging:LogLevel:Default=Warning)
echo "wrk -t$threads -c$connections -d$duration (after ${warmup} warm-up), $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

for round in $(seq 1 "$rounds"); do
  ((rounds == 1)) || echo "Round $round of $rounds"
  measure "UpgradeBot (full card)" 'Escalate to Customer Champions' -- \
    dotnet "$repo/src/UpgradeBot/bin/Release/net10.0/UpgradeBot.dll" --config "$work/upgrades.json" \
    --urls "http://127.0.0.1:$bot_port" --Storage:ConnectionString="Data Source=$work/bench.db" "${quiet[@]}"

  measure "C# echo bot (Bot Builder 4.23.1)" 'Echo: the usage graph' -- \
    dotnet "$teams/EchoBot/bin/Release/net10.0/EchoBot.dll" --Port="$bot_port" "${quiet[@]}"

  if [[ -d $teams/js-echo/node_modules ]]; then
    measure "JS echo bot (botbuilder 4.23.3)" 'Echo: the usage graph' -- node "$teams/js-echo/echo.mjs" "$bot_port"
  elif ((round == 1)); then
    echo "JS echo bot skipped: run npm ci in bench/teams/js-echo"
  fi
done

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
((rounds == 1)) || for name in "${order[@]}"; do printf 'best of %s: %-34s %10s req/s\n' "$rounds" "$name" "${best[$name]}"; done
ours=${best["UpgradeBot (full card)"]}
for name in "${order[@]:1}"; do
  awk -v a="$ours" -v b="${best[$name]}" -v n="$name" 'BEGIN { printf "UpgradeBot / %s: %.1fx\n", n, a / b }'
done

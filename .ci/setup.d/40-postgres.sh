#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the storage tests: Debian's server, a fresh data directory,
# trust authentication on a free loopback port, fsync off (nothing here needs to survive a crash).
# The server refuses to run as root, so initdb and postgres run as the postgres user; setpriv execs
# without a forking shell, so the PID kept is the server's own.
# Hands .ci/run (through $CI_ENV) the connection string for the tests and the command that stops
# the server and removes its directory when the run ends.
set -euo pipefail

bin=/usr/lib/postgresql/15/bin
if [ ! -x "$bin/postgres" ]; then
  apt-get update
  apt-get install -y postgresql
fi

as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }

dir=$(mktemp -d /tmp/upgradebot-postgres.XXXXXX)
chown postgres:postgres "$dir"
as_postgres "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log"

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A port nobody listens on can still be taken before the server binds it: then try another.
for try in 1 2 3 4 5; do
  port=$((20000 + RANDOM % 40000))
  listening "$port" && continue
  # Not through as_postgres: a backgrounded function runs in a forked shell, and $! would be its PID.
  setpriv --reuid=postgres --regid=postgres --init-groups "$bin/postgres" -D "$dir/data" -p "$port" -k "$dir" \
    -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 \
    </dev/null >"$dir/server.log" 2>&1 &
  pid=$!
  # Bounded wait: about 20 s at most, and none at all once the server has exited.
  for _ in $(seq 200); do
    if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
      echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (pid $pid, data in $dir)"
      {
        echo "export UPGRADEBOT_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres'"
        # Fast shutdown, then up to 10 s for it to end (bounded: an unreaped server stays visible).
        echo "ci_cleanup+=('kill -INT $pid; for _ in \$(seq 100); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done; rm -rf $dir')"
      } >>"${CI_ENV:?run me from .ci/run, which sets CI_ENV}"
      exit 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -INT "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "PostgreSQL did not start on port $port (try $try):" >&2
  tail -n 5 "$dir/server.log" >&2
done

rm -rf "$dir"
echo "PostgreSQL could not be started." >&2
exit 1

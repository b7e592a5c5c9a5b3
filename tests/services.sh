# Sourced by test.sh and tests/Benchmarks/run.sh: a throw-away PostgreSQL (fsync off: the data dies
# with the run) and Redis on free ports, stopped when the sourcing script exits. After start_services:
# pg_port, redis_port, and servers_up (1 when both started). Needs Debian's postgresql and redis-server.

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# PostgreSQL refuses to run as root: as root, its commands run as the postgres user.
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

stop_services() {
  as_postgres "$pg_bin/pg_ctl" -D "$services/pg" -m immediate stop >/dev/null 2>&1 || true
  [ -f "$services/redis.pid" ] && kill "$(cat "$services/redis.pid")" 2>/dev/null || true
  rm -rf "$services"
}

start_services() {
  services=$(mktemp -d /tmp/portal-services-XXXXXX)
  pg_bin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
  pg_port=$(free_port)
  redis_port=$(free_port)
  trap stop_services EXIT
  [ "$(id -u)" -eq 0 ] && chown postgres "$services"
  servers_up=1
  as_postgres "$pg_bin/initdb" -D "$services/pg" -U portal --auth=trust -E UTF8 --locale=C >"$services/initdb.log" 2>&1 \
    && as_postgres "$pg_bin/pg_ctl" -D "$services/pg" -l "$services/pg.log" -w \
         -o "-p $pg_port -k $services -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null \
    || { echo "PostgreSQL did not start:"; cat "$services/initdb.log" "$services/pg.log" 2>/dev/null | tail -20; servers_up=0; }
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --pidfile "$services/redis.pid" >/dev/null \
    || { echo "Redis did not start."; servers_up=0; }
}

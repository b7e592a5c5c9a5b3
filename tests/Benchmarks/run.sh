#!/usr/bin/env bash
# Builds the benchmarks in Release and runs them; prints a table. Exit code 1: a target missed or
# requests failed; 2: the benchmark could not run.
#   tests/Benchmarks/run.sh            full run (2-3 minutes with the build; the JIT warm-up is
#                                      longer when other processes keep the machine busy)
#   tests/Benchmarks/run.sh --quick    smoke run: short rounds, targets shown but not enforced
#   tests/Benchmarks/run.sh scale      only scale-out (issue 15): the same signed-in page on PostgreSQL vs
#                                      SQLite, and two instance processes on one PostgreSQL and Redis vs one
#                                      (throw-away servers started here, as test.sh does), as ratios
#   tests/Benchmarks/run.sh solutions  only the Solutions scenario (100,000 records vs 100, CSV export
#                                      memory, CSV import speed); "exports" only its 100,000-record CSV
#                                      and .xlsx exports; "imports" only its 100,000-row import;
#                                      "tenancy" only the tenancy ones (with 10,000 vs
#                                      10 organizations over all their hosts, and the cache's memory),
#                                      "resellers" only the reseller dashboard (10,000 vs 10 clients)
#                                      and the streamed 100,000-client exports, "invoices" only
#                                      consultant invoicing (a month of 10,000 SLAs, then again),
#                                      "seats" only a consultant's pages against a member's (DB
#                                      commands per request, target: no more than the member's),
#                                      "program" only the partner program (recalculating 2,000
#                                      partners over 100,000 accounts under 60 s, then again writing
#                                      nothing; the program page with 100,000 entries vs 100, <= 2x)
#                                      "directory" the public partner directory (5,000 vs 50 partners)
# Other options: --rounds N, --seconds S (per round), --connections C.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# The scale scenario runs on a real PostgreSQL and Redis: it is named, or no scenario is (every one).
scale=1
for arg in "$@"; do
    case "$arg" in
        tenancy|solutions|imports|resellers|invoices|seats|program|directory) scale=0 ;;
    esac
done
for arg in "$@"; do [ "$arg" = scale ] && scale=1; done

# wrk drives the load from its own process (Debian packages, as test.sh installs them).
missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
if [ "$scale" -eq 1 ]; then
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
    command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
fi
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        echo "Installing ${missing[*]}..."
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
        # The packages may start system services; the benchmark starts its own on free ports.
        (service postgresql stop; service redis-server stop) >/dev/null 2>&1 || true
    else
        echo "Missing: ${missing[*]}; install them (sudo apt-get install ${missing[*]}) and run again." >&2
        exit 2
    fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "Building tests/Benchmarks (Release)..."
dotnet build "$here/Benchmarks.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly

if [ "$scale" -eq 1 ]; then
    # shellcheck source=../services.sh
    source "$here/../services.sh"
    start_services
    [ "$servers_up" -eq 1 ] || exit 2
    export PORTAL_BENCH_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=portal" PORTAL_BENCH_REDIS="127.0.0.1:$redis_port"
    # Their CPU is counted with the portals' (the postmaster's children serve the connections).
    PORTAL_BENCH_SERVER_PIDS="$(head -1 "$services/pg/postmaster.pid"),$(cat "$services/redis.pid")"
    export PORTAL_BENCH_SERVER_PIDS
fi

# Not exec: the EXIT trap stops the servers when the benchmark ends.
dotnet "$here/bin/Release/net10.0/PartnerPortal.Benchmarks.dll" "$@"

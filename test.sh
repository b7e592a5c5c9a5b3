#!/usr/bin/env bash
# Runs every test of PartnerPortal: installs what the tests need when it is missing (as root,
# through apt-get), builds the solution, runs the unit, integration and end-to-end tests, and
# ends with one line "N passed, N failed" (", N skipped" when any were skipped).
set -uo pipefail
cd "$(dirname "$0")"

# Real services the tests start: Chromium (e2e), an SMTP server (aiosmtpd), a DNS server
# (dnsmasq), an independent DKIM verifier (dkimpy) and the Nu HTML checker (Java, from npm). /usr/bin/python3 is Debian's, which has
# the python3-* modules; another python3 may come first on PATH.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import aiosmtpd" 2>/dev/null || missing+=(python3-aiosmtpd)
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import dkim" 2>/dev/null || missing+=(python3-dkim)
command -v dnsmasq >/dev/null 2>&1 || [ -x /usr/sbin/dnsmasq ] || missing+=(dnsmasq)
# The Nu HTML checker (e2e EveryPageShould) is a Java program shipped in the vnu-jar npm package.
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(npm)
# The suite's second pass runs on a real PostgreSQL with a real Redis (both throw-away, started below).
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing ${missing[*]} ..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || { echo "apt-get could not install ${missing[*]}"; echo "0 passed, 1 failed"; exit 1; }
    # dnsmasq's package starts a system service on port 53; the tests start their own on other ports.
    (systemctl stop dnsmasq || service dnsmasq stop || pkill -x dnsmasq) >/dev/null 2>&1 || true
    # Likewise the postgresql and redis-server packages may start system services; ours are separate.
    (service postgresql stop; service redis-server stop) >/dev/null 2>&1 || true
  else
    echo "Missing: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}"
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

vnu_version=26.9.27
export VNU_JAR="$PWD/artifacts/tools/node_modules/vnu-jar/build/dist/vnu.jar"
if ! grep -qs "\"version\": \"$vnu_version\"" artifacts/tools/node_modules/vnu-jar/package.json || [ ! -f "$VNU_JAR" ]; then
  echo "Installing the Nu HTML checker (vnu-jar $vnu_version) ..."
  # --ignore-scripts: its postinstall would fetch a Java build from outside; Debian's Java is used instead.
  npm install --prefix artifacts/tools --no-audit --no-fund --silent --ignore-scripts "vnu-jar@$vnu_version" >/dev/null \
    || { echo "npm could not install vnu-jar@$vnu_version"; echo "0 passed, 1 failed"; exit 1; }
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Screenshots of every journey and of the page crawl (390 px), kept with the results.
export E2E_OUTPUT="$PWD/artifacts/e2e"
results=artifacts/test-results
rm -rf "$results" && mkdir -p "$results"

echo "Building ..."
if ! dotnet build PartnerPortal.sln -c Release -nologo -v quiet -clp:ErrorsOnly; then
  echo "The build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

# A throw-away PostgreSQL and Redis on free ports, ended on exit (pg_port, redis_port, servers_up).
source tests/services.sh
start_services

status=0
# The integration test host starts a portal per test class; without a limit it once grew to 24 GB and the
# kernel killed it on this 24 GB machine (other runs peaked at 19 GB). Test discovery was the likely cause:
# it serialized two theories' megabytes of bad files (18 GB after 10 minutes of --list-tests; they are now
# enumerated when run, and discovery takes 2 s). A hard limit of 12 GB still makes the GC collect in time.
export DOTNET_GCHeapHardLimit=0x300000000
# name, project, extra environment: the integration suite runs once on SQLite files and once on PostgreSQL with Redis.
runs=(
  "Portal.UnitTests tests/Portal.UnitTests"
  "Portal.IntegrationTests tests/Portal.IntegrationTests"
  "Portal.IntegrationTests.PostgreSql tests/Portal.IntegrationTests PORTAL_TEST_POSTGRES=Host=127.0.0.1;Port=$pg_port;Username=portal PORTAL_TEST_REDIS=127.0.0.1:$redis_port"
  "Portal.E2E e2e/Portal.E2E"
)
for run in "${runs[@]}"; do
  read -r name project environment <<<"$run"
  if [ "$name" = Portal.IntegrationTests.PostgreSql ] && [ "$servers_up" -ne 1 ]; then
    echo "$name cannot run without PostgreSQL and Redis."; status=1; continue
  fi
  echo "Running $name ..."
  filter=()
  # The PostgreSQL pass runs every test but the classes that are SQLite-only by nature (their trait says why).
  if [ "$name" = Portal.IntegrationTests.PostgreSql ]; then filter=(--filter "Database!=SqliteOnly"); fi
  # shellcheck disable=SC2086 # the environment is a list of NAME=value words
  if ! env $environment dotnet test "$project" -c Release --no-build -nologo -v quiet "${filter[@]}" \
        --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$results"; then
    status=1
  fi
  [ -f "$results/$name.trx" ] || { echo "$name produced no results."; status=1; }
done

# Sum the counters of every run (a crashed run without results counts as one failure above).
read -r passed failed skipped < <(
  cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*' | awk '
    { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]); c[kv[1]] += kv[2] } }
    END { printf "%d %d %d\n", c["passed"], c["failed"] + c["error"] + c["timeout"] + c["aborted"], c["notExecuted"] }')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi

if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]

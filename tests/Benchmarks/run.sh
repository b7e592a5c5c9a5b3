#!/usr/bin/env bash
# Builds the benchmarks in Release and runs them; prints a table. Exit code 1: a target missed or
# requests failed; 2: the benchmark could not run.
#   tests/Benchmarks/run.sh            full run (2-3 minutes with the build; the JIT warm-up is
#                                      longer when other processes keep the machine busy)
#   tests/Benchmarks/run.sh --quick    smoke run: short rounds, targets shown but not enforced
#   tests/Benchmarks/run.sh solutions  only the Solutions scenario (100,000 records vs 100, CSV export
#                                      memory, CSV import speed); "exports" only its 100,000-record CSV
#                                      and .xlsx exports; "imports" only its 100,000-row import;
#                                      "tenancy" only the tenancy ones,
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

# wrk drives the load from its own process (Debian package).
if ! command -v wrk >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then
        echo "Installing wrk..."
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
    else
        echo "wrk is missing; install it (sudo apt-get install wrk) and run again." >&2
        exit 2
    fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "Building tests/Benchmarks (Release)..."
dotnet build "$here/Benchmarks.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly

dotnet "$here/bin/Release/net10.0/PartnerPortal.Benchmarks.dll" "$@"

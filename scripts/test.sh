#!/usr/bin/env bash
# The README's test command: installs what is missing (scripts/setup.sh), then runs every check
# and test (scripts/test-suite.sh) with a private, empty /tmp and a fresh HOME
# (scripts/private-env.sh), as CI does. Ends with nextest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec bash scripts/private-env.sh bash scripts/test-suite.sh

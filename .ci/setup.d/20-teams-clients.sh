#!/usr/bin/env bash
# Real-client checks for Teams: Chromium from Debian (the test tooling must not download its own
# browser) and the pinned npm packages in tests/clients/teams.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ ! -x /usr/bin/chromium ]; then
  apt-get update
  apt-get install -y chromium
fi

(cd tests/clients/teams && npm ci --no-audit --no-fund)

#!/usr/bin/env bash
# Installs playwright-core for the playground browser check (tests/clients/playground) from the
# committed lock file; Chromium itself comes from 20-teams-clients.sh.
set -euo pipefail
cd "$(dirname "$0")/../../tests/clients/playground"
npm ci --no-audit --no-fund

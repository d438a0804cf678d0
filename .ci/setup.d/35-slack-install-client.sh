#!/usr/bin/env bash
# The browser check of "Add to Slack" (tests/clients/slack-install): playwright-core from the
# committed lock file, driving Debian's Chromium (installed by 20-teams-clients.sh; here too when
# this script runs alone).
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ ! -x /usr/bin/chromium ]; then
  apt-get update
  apt-get install -y chromium
fi

(cd tests/clients/slack-install && npm ci --no-audit --no-fund)

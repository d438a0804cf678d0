#!/usr/bin/env bash
# Installs @slack/types and typescript for the Block Kit check (tests/clients/slack) from the
# committed lock file.
set -euo pipefail
cd "$(dirname "$0")/../../tests/clients/slack"
npm ci --no-audit --no-fund

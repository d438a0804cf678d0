#!/usr/bin/env bash
# Installs ical.js for the iCalendar feed check (tests/clients/calendar) from the committed lock file.
set -euo pipefail
cd "$(dirname "$0")/../../tests/clients/calendar"
npm ci --no-audit --no-fund

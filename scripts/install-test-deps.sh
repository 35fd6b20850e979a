#!/usr/bin/env bash
# Installs what `npm test` needs, and only what is missing: node_modules (npm install, when missing or out
# of step with package-lock.json) and Debian's Chromium for Playwright (never Playwright's own browser download).
# Safe to run again: a second run changes nothing.
#   --check   only report what would be installed; exit 1 if anything would be
set -euo pipefail
cd "$(dirname "$0")/.."

check_only=false
[ "${1:-}" = "--check" ] && check_only=true
pending=0

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# node_modules is stale when npm's record of what it installed (node_modules/.package-lock.json)
# disagrees with package-lock.json about any installed package's version.
node_modules_state() {
  if [ ! -f node_modules/.package-lock.json ]; then echo "missing"; return; fi
  node scripts/lib/node-modules-state.mjs
}

state=$(node_modules_state)
if [ "$state" = "fresh" ]; then
  echo "node_modules: up to date with package-lock.json"
else
  echo "node_modules: $state"
  pending=1
  # `npm install`, not `npm ci`: it installs the lockfile's exact versions too, and the npm 11 here
  # writes lockfiles without other platforms' optional packages, which its own `npm ci` then refuses.
  if ! $check_only; then npm install --no-audit --no-fund; fi
fi

if [ -x /usr/bin/chromium ]; then
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null | head -n1)"
else
  echo "chromium: missing (/usr/bin/chromium)"
  pending=1
  if ! $check_only; then
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
  fi
fi

if $check_only && [ $pending -ne 0 ]; then exit 1; fi
exit 0

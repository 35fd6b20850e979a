#!/usr/bin/env bash
# The test command (`npm test`): typecheck, lint, unit and data-layer tests on every driver, a
# production build, and the end-to-end tests against it. Stops at the first failing step.
set -euo pipefail
cd "$(dirname "$0")/.."

export NEXT_TELEMETRY_DISABLED=1
started=$SECONDS
step_no=0
current="starting"

section() {
  step_no=$((step_no + 1))
  current="$1"
  printf '\n\033[1m━━ %d. %s ━━\033[0m\n' "$step_no" "$1"
}

trap 'status=$?; if [ $status -ne 0 ]; then printf "\n\033[1;31m✗ npm test failed at step %d (%s) after %ds\033[0m\n" "$step_no" "$current" "$((SECONDS - started))"; fi' EXIT

rm -f test-results/drivers-ran.txt

section "Typecheck (tsc --noEmit)"
npx tsc --noEmit

section "Lint (eslint --max-warnings=0 .)"
npx eslint --max-warnings=0 .

section "Unit and data-layer tests (vitest run: PGlite, Postgres, Neon driver)"
npx vitest run

section "Data-layer drivers that ran"
missing=()
for driver in pglite pg neon; do
  if ! grep -qx "$driver" test-results/drivers-ran.txt 2>/dev/null; then missing+=("$driver"); fi
done
if [ ${#missing[@]} -ne 0 ]; then
  echo "The Postgres/Neon data-layer tests did not run: no test opened a database on: ${missing[*]}." >&2
  echo "They need Postgres at 127.0.0.1:5432 (or TEST_POSTGRES_URL); see db/testing.ts." >&2
  exit 1
fi
echo "ran on: $(sort -u test-results/drivers-ran.txt | tr '\n' ' ')"

section "Production build (next build)"
npx next build

section "End-to-end tests (playwright test)"
npx playwright test

printf '\n\033[1;32m✓ npm test passed: typecheck, lint, vitest on pglite+pg+neon, build, e2e in %ds\033[0m\n' "$((SECONDS - started))"

#!/usr/bin/env bash
# The fresh-clone case: clone this repository's HEAD into an empty temporary folder (nothing beside
# it, so nothing outside the clone can be read), install, and run every test and benchmark that reads
# fixtures. A test that read ../shared/… or any other path outside the repository fails here.
# Run: bash test/fresh-clone.sh   (CI runs it after npm test)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
if ! git -C "$repo" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "fresh-clone: $repo is not a git checkout; nothing to clone" >&2
  exit 1
fi
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
git clone -q "$repo" "$dir/pingoru"
cd "$dir/pingoru"
npm ci --no-audit --no-fund --prefer-offline >/dev/null
# The test files beside the code that name fixtures, and the end-to-end replays of recorded histories;
# then the poll benchmark (a few polls), which reads them too.
mapfile -t files < <(grep -rliE "fixture" src --include='*.test.ts')
files+=(test/e2e/history-replay.test.ts test/e2e/statuspage-record.test.ts test/e2e/platforms-record.test.ts)
npx vitest run "${files[@]}"
BENCH_POLLS=5 npm run -s bench >/dev/null # npm puts the project's Node 24 first on PATH
echo "fresh-clone: ${#files[@]} test files and the poll benchmark passed in a clone with nothing beside it"

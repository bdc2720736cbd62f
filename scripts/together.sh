#!/usr/bin/env bash
# Runs npm scripts at the same time and fails if any of them failed. The integration tests spend
# much of their time waiting on the database, so `next build` fits in beside them on a 2-core
# machine. Each script's output is printed whole when it ends, so the two don't interleave.
set -uo pipefail
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
pids=()
for script in "$@"; do
  npm run --silent "$script" >"$dir/$script.log" 2>&1 &
  pids+=("$!")
done
failed=0
for i in "${!pids[@]}"; do
  script=${*:i+1:1}
  if wait "${pids[$i]}"; then status=ok; else status=FAILED; failed=1; fi
  echo "----- npm run $script: $status -----"
  cat "$dir/$script.log"
done
exit "$failed"

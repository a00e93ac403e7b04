#!/usr/bin/env bash
# The test command of the README and CI: every test file under test/ (Node 20's runner finds no .ts by itself).
set -euo pipefail
cd "$(dirname "$0")/.."
export OPENBLAS_NUM_THREADS=1
mapfile -t files < <(find test -name '*.test.ts' | sort)
if [ "$#" -gt 0 ]; then files=("$@"); fi
exec node --import tsx --test --test-timeout=600000 "${files[@]}"

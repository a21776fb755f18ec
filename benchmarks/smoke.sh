#!/usr/bin/env bash
# Every benchmark once, in a small size, so that none can rot: CI runs this. The figures in
# benchmarks/README.md come from the full-size commands printed after each.
set -euo pipefail
cd "$(dirname "$0")/.."
py=${PYTHON:-.venv/bin/python}
run() {
  echo "\$ $*"
  "$@" 2>&1 | tail -n 4
}
run "$py" benchmarks/validate.py --rows 20000 --years 1 --repeat 1  # prints its full size
run "$py" benchmarks/aggregate.py --rows 20000 --repeat 1
echo "  full size: python benchmarks/aggregate.py --repeat 3"
run "$py" benchmarks/read.py --runs 3
echo "  full size: python benchmarks/read.py --runs 50"
run "$py" benchmarks/commands.py --runs 1  # the ratios of issue 12 are its last lines
echo "  full size: python benchmarks/commands.py --runs 7 --phases"
run "$py" benchmarks/suppression.py --repeat 1 --threshold 3 --runs 1 --report 2024:10
echo "  full size: python benchmarks/suppression.py --repeat 3 --runs 3 --report 2024:10 2024:50 2020:100 2020:300"
run "$py" benchmarks/report.py --runs 1
echo "  full size: python benchmarks/report.py --runs 3"

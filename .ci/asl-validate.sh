#!/usr/bin/env bash
# Validates every Step Functions definition in statemachine/ with asl-validator (shared/STACK.md).
# The validator is installed once into target/tools/ (ignored by git, never committed); a
# `mvn clean` at the root removes it and the next run installs it again.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

version=4.0.0
tools="$root/target/tools/asl-validator-$version"
bin="$tools/node_modules/.bin/asl-validator"

if [ ! -x "$bin" ]; then
  echo "installing asl-validator@$version into ${tools#"$root"/}" >&2
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "asl-validator@$version" >&2
fi

shopt -s nullglob
files=(statemachine/*.asl.json)
if [ ${#files[@]} -eq 0 ]; then
  echo "no statemachine/*.asl.json to validate" >&2
  exit 1
fi

status=0
for f in "${files[@]}"; do
  # "--" keeps npx from eating --json-path (without it the validator sees no file and exits 0)
  if npx --prefix "$tools" --no -- asl-validator --json-path "$f"; then
    echo "ok   $f"
  else
    echo "FAIL $f" >&2
    status=1
  fi
done
exit $status

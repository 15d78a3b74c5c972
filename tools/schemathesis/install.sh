#!/usr/bin/env bash
# Installs schemathesis (pinned) into a virtual environment the build owns. Idempotent; fails loudly.
set -euo pipefail
venv="${1:?usage: install.sh <venv-dir> <schemathesis-version>}"
version="${2:?usage: install.sh <venv-dir> <schemathesis-version>}"
marker="$venv/.schemathesis-$version"
if [[ -f "$marker" && -x "$venv/bin/schemathesis" ]]; then
  exit 0
fi
python="${PYTHON:-$(command -v python3 || true)}"
[[ -n "$python" ]] || { echo "install.sh: python3 is required for schemathesis" >&2; exit 1; }
echo "Installing schemathesis==$version into $venv"
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$version"
touch "$marker"

#!/usr/bin/env bash
# Installs the local AWS API emulator (moto server, pinned) into a virtual environment the build owns.
# Idempotent: a marker file records the installed version. Fails loudly: the *IT tests never skip.
set -euo pipefail
venv="${1:?usage: install.sh <venv-dir> <moto-version>}"
version="${2:?usage: install.sh <venv-dir> <moto-version>}"
marker="$venv/.moto-$version"
if [[ -f "$marker" && -x "$venv/bin/moto_server" ]]; then
  exit 0
fi
python="${PYTHON:-$(command -v python3 || true)}"
if [[ -z "$python" ]]; then
  echo "install.sh: python3 is required to run the AWS API emulator (moto) for the *IT tests" >&2
  exit 1
fi
echo "Installing moto[server]==$version into $venv"
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$version"
touch "$marker"

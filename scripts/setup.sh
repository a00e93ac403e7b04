#!/usr/bin/env bash
# Set up a fresh Debian 12 machine for hrm-lcb: system packages (a C compiler and OpenBLAS for the native
# tensor addon, bubblewrap for the sandbox, Debian's python3 with numpy and pandas for LCB's graders,
# python3-torch to check that our checkpoints load in PyTorch, Chromium for the HTML-report browser test), then
# npm packages from the lockfile (which also builds the native addon).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential libopenblas-dev bubblewrap python3 python3-numpy python3-pandas python3-torch chromium)

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then sudo_cmd=(); elif command -v sudo >/dev/null; then sudo_cmd=(sudo); else
    echo "setup: need root to install: apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 4
  fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi

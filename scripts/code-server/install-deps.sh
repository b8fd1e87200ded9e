#!/usr/bin/env bash
# Installs the Debian packages the tests and the benchmark need: Chromium (the browser the UI
# tests drive), a C++ toolchain, python3 and libkrb5-dev (code-server's native addons are built
# from source), ripgrep (VS Code's search, and a peer in the benchmark), neovim (the second
# LSP client of test/editors), pflogsumm (a peer in the benchmark).
# Does nothing when they are all installed; otherwise needs root (CI runs as root).
set -euo pipefail

packages=(chromium g++ make python3 pkg-config libkrb5-dev ripgrep neovim pflogsumm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all present (${packages[*]})"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "install-deps: missing ${missing[*]}: run as root: apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
started=$(date +%s)
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
echo "install-deps: installed ${missing[*]} in $(($(date +%s) - started)) s"

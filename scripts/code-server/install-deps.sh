#!/usr/bin/env bash
# Installs the Debian packages the tests and the benchmark need: Chromium (the browser the UI
# tests drive), a C++ toolchain, python3 and libkrb5-dev (code-server's native addons are built
# from source), ripgrep (VS Code's search, and a peer in the benchmark), neovim (the second
# LSP client of test/editors), pflogsumm (a peer in the benchmark), and for the fleet tests
# (test/live) prometheus (scrapes `smtp-codes exporter`) and rsyslog (pipes mail lines through
# `smtp-codes check --format jsonl -` with omprog). The tests start their own instances with
# their own configs, as the user running them; the packages' services are not needed.
# Does nothing when they are all installed; otherwise needs root (CI runs as root).
set -euo pipefail

packages=(chromium g++ make python3 pkg-config libkrb5-dev ripgrep neovim pflogsumm)
# Without their recommends (prometheus would pull in node-exporter, rsyslog logrotate).
live=(prometheus rsyslog)
missing=()
missing_live=()
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
for p in "${packages[@]}"; do installed "$p" || missing+=("$p"); done
for p in "${live[@]}"; do installed "$p" || missing_live+=("$p"); done
if [ $((${#missing[@]} + ${#missing_live[@]})) -eq 0 ]; then
  echo "install-deps: all present (${packages[*]} ${live[*]})"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "install-deps: missing ${missing[*]} ${missing_live[*]}: run as root: apt-get update && apt-get install -y ${missing[*]} ${missing_live[*]}" >&2
  exit 1
fi
started=$(date +%s)
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
[ ${#missing[@]} -eq 0 ] || apt-get install -y -qq "${missing[@]}" >/dev/null
[ ${#missing_live[@]} -eq 0 ] || apt-get install -y -qq --no-install-recommends "${missing_live[@]}" >/dev/null
echo "install-deps: installed ${missing[*]} ${missing_live[*]} in $(($(date +%s) - started)) s"

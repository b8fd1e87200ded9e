#!/usr/bin/env bash
# Starts an isolated code-server for tests: fresh user data, extensions dir and XDG dirs under
# RUN_DIR, loopback only, no auth, no telemetry, no update check, no extension gallery.
# Usage: scripts/code-server/start.sh RUN_DIR WORKSPACE [VSIX]
#   CODE_SERVER_VERSION  which install to use (default 4.96.4; see install.sh)
#   CS_USER_DATA_DIR / CS_EXTENSIONS_DIR  use these instead of RUN_DIR/user-data, RUN_DIR/extensions
# Prints PORT=, PID= and URL= lines; the server runs in its own process group (PID is its
# id) and logs to RUN_DIR/code-server.log. Stop it with scripts/code-server/stop.sh RUN_DIR.
set -euo pipefail

[ $# -ge 2 ] || { echo "usage: $0 RUN_DIR WORKSPACE [VSIX]" >&2; exit 2; }
run="$(mkdir -p "$1" && cd "$1" && pwd)"
workspace="$(cd "$2" && pwd)"
vsix="${3:-}"
version="${CODE_SERVER_VERSION:-4.96.4}"
install="${SMTP_CODES_CACHE:-$HOME/.cache/smtp-codes}/code-server-$version"
[ -f "$install/.installed" ] || { echo "code-server $version is not installed: run scripts/code-server/install.sh $version" >&2; exit 1; }
# shellcheck source=/dev/null
. "$install/env.sh"

user_data="${CS_USER_DATA_DIR:-$run/user-data}"
extensions="${CS_EXTENSIONS_DIR:-$run/extensions}"
mkdir -p "$user_data/User" "$extensions" "$run/xdg-config" "$run/xdg-data" "$run/xdg-cache"
# Settings that keep the UI predictable for tests: nothing opens by itself, nothing covers the
# editor (minimap, the Chat side bar of newer versions), long lines wrap so every code is visible.
if [ ! -f "$user_data/User/settings.json" ]; then
  cat >"$user_data/User/settings.json" <<'EOF'
{
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "chat.disableAIFeatures": true,
  "security.workspace.trust.enabled": false,
  "window.restoreWindows": "none",
  "editor.wordWrap": "on",
  "editor.minimap.enabled": false,
  "editor.hover.delay": 100,
  "files.hotExit": "off",
  "git.enabled": false
}
EOF
fi

port="$("$CS_NODE" -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')"
cat >"$run/config.yaml" <<EOF
bind-addr: 127.0.0.1:$port
auth: none
cert: false
EOF

# Everything code-server and its children write goes under RUN_DIR, never to ~/.config or ~/.local.
export XDG_CONFIG_HOME="$run/xdg-config" XDG_DATA_HOME="$run/xdg-data" XDG_CACHE_HOME="$run/xdg-cache"
export EXTENSIONS_GALLERY='{}' # no gallery: code-server would otherwise contact open-vsx.org
unset VSCODE_IPC_HOOK_CLI VSCODE_PROXY_URI
common=(--config "$run/config.yaml" --user-data-dir "$user_data" --extensions-dir "$extensions" --disable-telemetry --disable-update-check)

if [ -n "$vsix" ]; then
  "$CS_NODE" "$CS_ENTRY" "${common[@]}" --install-extension "$vsix" >"$run/install-extension.log" 2>&1 ||
    { cat "$run/install-extension.log" >&2; exit 1; }
fi

# setsid: the server and everything it spawns (extension host, language servers) form one
# process group that stop.sh ends as a whole.
setsid "$CS_NODE" "$CS_ENTRY" "${common[@]}" --bind-addr "127.0.0.1:$port" --auth none \
  --disable-workspace-trust --disable-getting-started-override --ignore-last-opened \
  "$workspace" >"$run/code-server.log" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$run/pid"

# Ready when /healthz answers (at most 60 s).
if ! "$CS_NODE" -e '
const [port, pid] = process.argv.slice(1).map(Number);
const deadline = Date.now() + 60000;
(async function poll() {
  try { process.kill(pid, 0); } catch { console.error("code-server exited during start-up"); process.exit(1); }
  try { if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) process.exit(0); } catch {}
  if (Date.now() > deadline) { console.error("code-server did not answer /healthz within 60 s"); process.exit(1); }
  setTimeout(poll, 100);
})();' "$port" "$pid"; then
  tail -n 30 "$run/code-server.log" >&2
  kill -- "-$pid" 2>/dev/null || true
  exit 1
fi
echo "PORT=$port"
echo "PID=$pid"
echo "URL=http://127.0.0.1:$port/?folder=$workspace"

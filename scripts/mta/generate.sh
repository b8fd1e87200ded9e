#!/usr/bin/env bash
# Regenerates test/fixtures/mta/ from real Debian postfix and exim4 runs.
#
#   sudo bash scripts/mta/generate.sh            (Debian 12, as root; ~3-4 min)
#
# What it does (everything in a temp dir, nothing listens beyond 127.0.0.0/8):
#  1. apt-get installs postfix (as the system MTA package, "No configuration")
#     and swaks; downloads exim4-daemon-light and unpacks it into the temp dir
#     (Debian makes postfix and exim4 conflict as packages, so Exim runs from
#     there, with -C and a config listed in /etc/exim4/trusted_configs).
#  2. starts the scripted remote SMTP servers (responder.mjs, 127.0.0.2-10:2525),
#  3. runs a private Postfix instance (postfix -c DIR) on 127.0.0.1:25/587,
#     drives the scenarios (drive.mjs), stops it; again for the counting log;
#     then the same with Exim on 127.0.0.1:25,
#  4. copies the logs and the notifications delivered to the local Maildirs,
#     and derives expected.json (expected.mjs).
# Port 25 on 127.0.0.1 must be free (no system MTA running).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
FIX=$REPO/test/fixtures/mta
[ "$(id -u)" = 0 ] || { echo "generate.sh: run as root" >&2; exit 1; }
command -v node >/dev/null || { echo "generate.sh: needs node" >&2; exit 1; }

log() { echo "[generate] $*"; }

# ---------------------------------------------------------------- packages --
log "installing packages"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
# exim4-daemon-light's own library dependencies (it is unpacked, not installed).
apt-get install -y -qq --no-install-recommends postfix swaks ca-certificates \
  libgnutls-dane0 libgnutls30 libidn12 libidn2-0 libpcre2-8-0 libdb5.3 libnsl2 libcrypt1 >/dev/null
if ss -ltn 2>/dev/null | grep -q '127.0.0.1:25 \|0.0.0.0:25 \|\*:25 '; then
  echo "generate.sh: something already listens on port 25; stop the system MTA first" >&2
  exit 1
fi

WORK=$(mktemp -d /tmp/smtp-codes-mta.XXXXXX)
chmod 755 "$WORK"
OUT=$WORK/out
mkdir -p "$OUT/postfix/bounces" "$OUT/exim/bounces"
log "work dir $WORK"

( cd "$WORK" && mkdir debs && cd debs && chown _apt: . 2>/dev/null || true; apt-get download -qq exim4-daemon-light exim4-base >/dev/null 2>&1 )
mkdir -p "$WORK/exim-root"
for d in "$WORK"/debs/*.deb; do dpkg-deb -x "$d" "$WORK/exim-root"; done
EXIM=$WORK/exim-root/usr/sbin/exim4
# The binary has EXIM_USER=Debian-exim compiled in (exim4-base's postinst makes it).
getent passwd Debian-exim >/dev/null ||
  adduser --system --group --quiet --allow-bad-names --home /var/spool/exim4 --no-create-home Debian-exim

PIDS=()
PF_CONFS=()
EXIM_PIDFILE=
cleanup() {
  for c in "${PF_CONFS[@]}"; do postfix -c "$c" stop >/dev/null 2>&1 || true; done
  if [ -n "$EXIM_PIDFILE" ] && [ -f "$EXIM_PIDFILE" ]; then kill "$(cat "$EXIM_PIDFILE")" 2>/dev/null || true; fi
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

start_responder() { # $1 transcript, $2 grey fails
  node "$HERE/responder.mjs" --transcript "$1" --grey-fails "$2" &
  RESPONDER=$!
  PIDS+=("$RESPONDER")
  sleep 0.5
}
stop_responder() { kill "$RESPONDER" 2>/dev/null || true; wait "$RESPONDER" 2>/dev/null || true; }

# ----------------------------------------------------------------- postfix --
run_postfix() { # $1 name, $2 queue lifetime, $3 delay warning, $4 grey fails, $5.. drive args
  local name=$1 qlife=$2 warn=$3 grey=$4
  shift 4
  local D=$WORK/$name
  mkdir -p "$D/conf" "$D/spool" "$D/data" "$D/vmail"
  chown postfix "$D/data"
  chown nobody:nogroup "$D/vmail"
  sed -e "s#@DIR@#$D#g" -e "s#@QLIFE@#$qlife#" -e "s#@DELAYWARN@#$warn#" \
      -e "s#@UID@#$(id -u nobody)#" -e "s#@GID@#$(id -g nobody)#" \
      "$HERE/postfix/main.cf.in" >"$D/conf/main.cf"
  cp "$HERE/postfix/master.cf.in" "$D/conf/master.cf"
  for f in transport recipient_access sender_access helo_access header_checks virtual_alias vmailbox bounce.cf; do
    cp "$HERE/postfix/$f" "$D/conf/$f"
  done
  : >"$D/mail.log"
  start_responder "$D/responder.log" "$grey"
  postfix -c "$D/conf" check
  postfix -c "$D/conf" start
  PF_CONFS+=("$D/conf")
  sleep 1
  node "$HERE/drive.mjs" --mta postfix --log "$D/mail.log" --intents "$D/intents.json" --postfix-conf "$D/conf" "$@"
  postfix -c "$D/conf" stop
  sleep 2
  stop_responder
}

log "postfix: main scenarios"
run_postfix postfix-main 40s 15s 2 --set main --late-after 25 --min-total 45 --max-total 150
cp "$WORK/postfix-main/mail.log" "$OUT/postfix/mail.log"
node "$HERE/collect-eml.mjs" "$WORK/postfix-main/vmail" "$OUT/postfix/bounces"

log "postfix: counting mix (~100 messages)"
run_postfix postfix-multi 1d 0h 1 --set multi --count 100 --min-total 15 --max-total 120
cp "$WORK/postfix-multi/mail.log" "$OUT/postfix/mail-multi.log"

# -------------------------------------------------------------------- exim --
log "exim: main scenarios"
E=$WORK/exim
mkdir -p "$E/spool" "$E/log" "$E/mail"
chown -R Debian-exim:Debian-exim "$E/spool" "$E/log" "$E/mail"
sed -e "s#@DIR@#$E#g" -e "s#@EXIM@#$EXIM#g" "$HERE/exim/exim.conf.in" >"$E/exim.conf"
chmod 644 "$E/exim.conf"
# Without this, Exim drops root privilege when it re-executes itself with -C.
mkdir -p /etc/exim4
grep -qxF "$E/exim.conf" /etc/exim4/trusted_configs 2>/dev/null || echo "$E/exim.conf" >>/etc/exim4/trusted_configs
chmod 644 /etc/exim4/trusted_configs
start_responder "$E/responder.log" 2
EXIM_PIDFILE=$E/exim.pid
"$EXIM" -C "$E/exim.conf" -bd -q5s
sleep 1
node "$HERE/drive.mjs" --mta exim --log "$E/log/mainlog" --intents "$E/intents.json" \
  --exim "$EXIM" --exim-conf "$E/exim.conf" --set main --late-after 25 --min-total 45 --max-total 150
kill "$(cat "$EXIM_PIDFILE")"
# let running deliveries finish
for _ in $(seq 1 20); do pgrep -f -- "-C $E/exim.conf" >/dev/null || break; sleep 0.5; done
stop_responder
cp "$E/log/mainlog" "$OUT/exim/mainlog"
[ -s "$E/log/rejectlog" ] && cp "$E/log/rejectlog" "$OUT/exim/rejectlog"
if [ -s "$E/log/paniclog" ]; then log "exim paniclog is not empty:"; cat "$E/log/paniclog"; fi
node "$HERE/collect-eml.mjs" "$E/mail" "$OUT/exim/bounces"
sed -i "\#$E/exim.conf#d" /etc/exim4/trusted_configs

# ---------------------------------------------------------------- versions --
node -e '
const [pf, ex, sw, nd, dp] = process.argv.slice(1);
const v = (s) => (/(\d[\w.]*)/.exec(s) || [s])[1];
console.log(JSON.stringify({ postfix: pf, exim: v(ex), swaks: v(sw), node: nd, eximBanner: ex,
  debianPackages: dp.trim().split("\n").map((l) => l.replace(/\t/, " ")) }, null, 1));
' "$(postconf -d -h mail_version)" "$("$EXIM" -C "$E/exim.conf" -bV 2>/dev/null | head -1)" \
  "$(swaks --version | head -1)" "$(node --version)" \
  "$(dpkg-query -W postfix swaks; dpkg-deb --show --showformat='${Package}\t${Version}\n' "$WORK"/debs/exim4-daemon-light_*.deb)" \
  >"$OUT/versions.json"

# ------------------------------------------------------------ neutrality --
if [ "$(hostname)" != mx ] && grep -rIlw -- "$(hostname)" "$OUT" | grep -q .; then
  log "WARNING: the machine's host name \"$(hostname)\" appears in:"; grep -rIlw -- "$(hostname)" "$OUT" || true
fi

# ----------------------------------------------------------------- install --
log "writing $FIX"
rm -rf "$FIX/postfix" "$FIX/exim" "$FIX/expected.json"
mkdir -p "$FIX"
cp -r "$OUT/postfix" "$OUT/exim" "$FIX/"
chmod -R u=rwX,go=rX "$FIX"
node "$HERE/expected.mjs" "$FIX" --versions "$OUT/versions.json" \
  --intents-postfix "$WORK/postfix-main/intents.json" \
  --intents-multi "$WORK/postfix-multi/intents.json" \
  --intents-exim "$E/intents.json"
node "$HERE/readme-block.mjs" "$FIX"
ls -l "$FIX" "$FIX/postfix" "$FIX/exim"
log "done (work dir left in $WORK for inspection)"

#!/usr/bin/env bash
# End-to-end check of the real btrchat executable in real terminals: two full-screen instances (Alice and
# Bob, mirrored tx/rx queues, the default pin mode, PIN from a file) run in 80x24 panes of a private tmux
# server and talk through a local SQS emulator (fauxqs). It checks that both reach "online"; that both finish
# the PIN handshake and show the same safety code in their status bars; that a line typed and sent
# with Enter shows as "<you> ..." on the sender's screen and as "<peer> ..." on the other's, both ways; that
# a line typed with a leading "//" arrives with a single "/"; that receipts mark own lines delivered ("+");
# that Ctrl-D with a message still undelivered asks first, and answering "wait" delivers it (shown once on the
# other side) and then quits; and that Ctrl-D on an empty line quits with
# exit code 0 and leaves the alternate screen (no trace of the chat UI in the pane afterwards); and that the
# logs, written at the most verbose level, hold neither the PIN nor any message text.
#
# Usage: scripts/e2e-tmux.sh
#   BTRCHAT_BIN       the btrchat executable (default: the Debug build's apphost in BtrChat.Tui/bin)
#   E2E_WAIT_SECONDS  how long each wait may take (default 20)
#   E2E_VERBOSE=1     also print both screens before quitting
# Needs tmux, node and `npm ci` done in the repo root. Prints "e2e-tmux: PASS" on success; otherwise
# "e2e-tmux: FAIL: <reason>" with both screens and the logs' last lines, keeps its temp dir, exits non-zero.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${BTRCHAT_BIN:-$REPO_ROOT/BtrChat.Tui/bin/Debug/net10.0/btrchat}"
WAIT_SECONDS="${E2E_WAIT_SECONDS:-20}"
ID="$$"
SOCKET="btrchat-e2e-$ID"
PIN="e2e-pin-$ID"
SIDES=(alice bob)

TMP_DIR=""
EMULATOR_PID=""
STARTED_PANES=0
FAILED=1

say() { printf 'e2e-tmux: %s\n' "$*"; }

# Our private tmux server only, without the user's tmux.conf. fd 3 (the emulator's stdin, see below) must
# not leak into the server.
tm() { tmux -f /dev/null -L "$SOCKET" "$@" 3>&-; }

screen_of() { tm capture-pane -p -t "$1:0.0" 2>/dev/null || echo "(no screen: $1's pane is gone)"; }

# screen_has WHO GREP-OPTION PATTERN. The screen is captured whole first: under pipefail, grep -q quitting
# early could otherwise turn a match into a SIGPIPE failure.
screen_has() {
  local screen
  screen="$(screen_of "$1")"
  grep -q "$2" -- "$3" <<<"$screen"
}

show_screens() {
  local who
  for who in "${SIDES[@]}"; do
    printf -- '--- %s screen ---\n' "$who"
    screen_of "$who"
  done
}

show_logs() {
  local file
  # btrchat's log sink rolls daily: logFile "alice.log" is written as alice<yyyyMMdd>.log.
  for file in "$TMP_DIR"/alice*.log "$TMP_DIR"/bob*.log "$TMP_DIR"/emulator.out; do
    if [[ -f "$file" ]]; then
      printf -- '--- last lines of %s ---\n' "$file"
      tail -n 25 "$file"
    fi
  done
}

fail() {
  trap - INT TERM HUP
  say "FAIL: $*"
  if [[ $STARTED_PANES -eq 1 ]]; then
    show_screens
  fi
  if [[ -n "$TMP_DIR" ]]; then
    show_logs
  fi
  exit 1
}

# The pid of WHO's btrchat while it still runs, else nothing. The pane records the pid before exec'ing
# btrchat and the exit code once it has ended; the command line check guards against a reused pid.
running_pid() {
  local who=$1 pid command_line
  [[ -f "$TMP_DIR/$who.pid" && ! -f "$TMP_DIR/$who.rc" ]] || return 0
  pid="$(cat "$TMP_DIR/$who.pid")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  command_line="$({ tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null || true)"
  if [[ "$command_line" == *"$TMP_DIR/$who.json"* ]]; then
    echo "$pid"
  fi
}

# Stops whatever btrchat still runs, then the private tmux server. btrchat gets SIGTERM while its terminal
# still exists: killing the server first would hang up the terminal under it, and btrchat then neither exits
# nor idles (seen with Terminal.Gui 2.5.0: its input thread spins on end of file from the dead terminal).
stop_chats_and_tmux() {
  local who pid socket_path attempt
  for who in "${SIDES[@]}"; do
    pid="$(running_pid "$who")"
    [[ -z "$pid" ]] || kill -TERM "$pid" 2>/dev/null
  done
  for ((attempt = 0; attempt < 50; attempt++)); do
    [[ -n "$(running_pid alice)$(running_pid bob)" ]] || break
    sleep 0.1
  done
  for who in "${SIDES[@]}"; do
    pid="$(running_pid "$who")"
    [[ -z "$pid" ]] || kill -KILL "$pid" 2>/dev/null
  done
  socket_path="$(tm display-message -p '#{socket_path}' 2>/dev/null)"
  tm kill-server >/dev/null 2>&1
  # tmux leaves its socket file behind.
  [[ -z "$socket_path" ]] || rm -f "$socket_path"
}

cleanup() {
  local code=$?
  set +e
  trap - INT TERM HUP
  if [[ -n "$TMP_DIR" ]]; then
    stop_chats_and_tmux
  fi
  exec 3>&-
  if [[ -n "$EMULATOR_PID" ]]; then
    kill "$EMULATOR_PID" 2>/dev/null
    wait "$EMULATOR_PID" 2>/dev/null
  fi
  if [[ -n "$TMP_DIR" ]]; then
    if [[ $FAILED -eq 0 && $code -eq 0 ]]; then
      rm -rf "$TMP_DIR"
    else
      say "kept the run's files in $TMP_DIR"
    fi
  fi
  exit "$code"
}
trap cleanup EXIT
trap 'fail "interrupted by a signal"' INT TERM HUP

# --- prerequisites -----------------------------------------------------------------------------------------
command -v tmux >/dev/null 2>&1 || fail "tmux is not on PATH (apt-get install -y tmux)"
command -v node >/dev/null 2>&1 || fail "node is not on PATH"
[[ -d "$REPO_ROOT/node_modules/fauxqs" ]] || fail "node_modules/fauxqs is missing: run \`npm ci\` in $REPO_ROOT"
[[ -f "$BIN" && -x "$BIN" ]] || fail "btrchat executable not found or not executable: $BIN (run \`dotnet build\` or set BTRCHAT_BIN)"

# BTRCHAT_* variables override config files, so none from the caller's environment may reach the panes.
while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep '^BTRCHAT_' || true)
export AWS_ACCESS_KEY_ID=e2e AWS_SECRET_ACCESS_KEY=e2e AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_ENDPOINT_URL_SQS
# Run from inside someone's tmux, nothing of theirs may leak into our server's commands or panes.
unset TMUX TMUX_PANE

TMP_DIR="$(mktemp -d "${TMPDIR:-/tmp}/btrchat-e2e.XXXXXX")"
START_SECONDS=$SECONDS
elapsed() { echo "$((SECONDS - START_SECONDS))s"; }

# --- emulator ------------------------------------------------------------------------------------------------
# Short queue names keep the status bar ("PIN secure NNNN NNNN NNNN | online | tx > rx") near 80 columns.
A2B="e2e${ID}ab.fifo"
B2A="e2e${ID}ba.fifo"
# Its stdin is a FIFO whose only writer is this script (fd 3): should the script die without running its
# trap, the emulator reads end of file and stops by itself.
mkfifo "$TMP_DIR/emulator.stdin"
(cd "$REPO_ROOT" && EMULATOR_STOP_ON_STDIN_EOF=1 exec node scripts/emulator.mjs --fifo "$A2B" --fifo "$B2A") \
  <"$TMP_DIR/emulator.stdin" >"$TMP_DIR/emulator.out" 2>&1 &
EMULATOR_PID=$!
exec 3>"$TMP_DIR/emulator.stdin"

PORT=""
deadline=$((SECONDS + WAIT_SECONDS))
while :; do
  first_line="$(head -n 1 "$TMP_DIR/emulator.out" 2>/dev/null || true)"
  if [[ "$first_line" == FAUXQS_PORT=* ]]; then
    PORT="${first_line#FAUXQS_PORT=}"
    break
  fi
  [[ -z "$first_line" ]] || fail "the emulator's first line is not FAUXQS_PORT=<port>: $first_line"
  kill -0 "$EMULATOR_PID" 2>/dev/null || fail "the emulator exited before printing its port"
  ((SECONDS < deadline)) || fail "the emulator printed no port within ${WAIT_SECONDS}s"
  sleep 0.1
done
[[ "$PORT" =~ ^[0-9]+$ ]] || fail "the emulator printed a bad port: $PORT"
ENDPOINT="http://localhost:$PORT"

# --- the two chat programs -----------------------------------------------------------------------------------
printf '%s\n' "$PIN" >"$TMP_DIR/pin"
chmod 600 "$TMP_DIR/pin"

# write_side WHO TX RX: WHO's config and pane script. The pane records btrchat's pid (a subshell writes its
# own pid, then becomes btrchat) and, after it ends, its exit code; then it stays open so that its screen
# can still be read.
write_side() {
  local who=$1 tx=$2 rx=$3
  cat >"$TMP_DIR/$who.json" <<EOF
{
  "txQueue": "$tx",
  "rxQueue": "$rx",
  "region": "us-east-1",
  "endpoint": "$ENDPOINT",
  "logFile": "$TMP_DIR/$who.log",
  "logLevel": "Verbose"
}
EOF
  {
    printf '(echo "$BASHPID" >%q && exec %q --config %q --pin-file %q)\n' \
      "$TMP_DIR/$who.pid" "$BIN" "$TMP_DIR/$who.json" "$TMP_DIR/pin"
    printf 'echo $? >%q && mv %q %q\n' "$TMP_DIR/$who.rc.tmp" "$TMP_DIR/$who.rc.tmp" "$TMP_DIR/$who.rc"
    printf 'exec sleep 600\n'
  } >"$TMP_DIR/$who.sh"
}
write_side alice "$A2B" "$B2A"
write_side bob "$B2A" "$A2B"

# Should this script be killed outright (SIGKILL, no trap), a detached watchdog still stops both btrchats
# and the private server once it is gone. It holds none of our output pipes, so nobody waits for it.
( (
  set +e
  trap '' HUP INT TERM
  while kill -0 "$ID" 2>/dev/null; do sleep 1; done
  stop_chats_and_tmux
) </dev/null >/dev/null 2>&1 3>&- & )

# Two arguments make tmux exec bash directly instead of handing a command line to a shell.
STARTED_PANES=1
for who in "${SIDES[@]}"; do
  tm new-session -d -s "$who" -x 80 -y 24 -e TERM=xterm-256color bash "$TMP_DIR/$who.sh"
done

# wait_for WHO TEXT WHAT: polls WHO's screen until it contains TEXT.
wait_for() {
  local who=$1 text=$2 what=$3 deadline=$((SECONDS + WAIT_SECONDS))
  while ! screen_has "$who" -F "$text"; do
    [[ ! -f "$TMP_DIR/$who.rc" ]] || fail "$what: $who's btrchat exited early with code $(cat "$TMP_DIR/$who.rc")"
    ((SECONDS < deadline)) || fail "$what: '$text' did not show on $who's screen within ${WAIT_SECONDS}s"
    sleep 0.1
  done
}

# type_line WHO TEXT: types TEXT literally, then Enter.
type_line() {
  tm send-keys -t "$1:0.0" -l -- "$2"
  tm send-keys -t "$1:0.0" Enter
}

wait_for alice "| online" "Alice connecting"
wait_for bob "| online" "Bob connecting"
say "both online after $(elapsed)"

wait_for alice "PIN secure " "Alice's handshake"
wait_for bob "PIN secure " "Bob's handshake"
safety_code() { tm capture-pane -p -t "$1:0.0" | grep -oE 'PIN secure [0-9]{4} [0-9]{4} [0-9]{4}' | head -1; }
ALICE_CODE=$(safety_code alice)
BOB_CODE=$(safety_code bob)
[[ -n "$ALICE_CODE" && "$ALICE_CODE" == "$BOB_CODE" ]] || fail "safety codes differ: alice '$ALICE_CODE', bob '$BOB_CODE'"
say "same safety code on both screens after $(elapsed)"

HELLO="hello from alice $ID"
type_line alice "$HELLO"
wait_for alice "<you> $HELLO" "Alice's own line"
wait_for bob "<peer> $HELLO" "Alice to Bob"

REPLY="hi alice, bob here $ID"
type_line bob "$REPLY"
wait_for bob "<you> $REPLY" "Bob's own line"
wait_for alice "<peer> $REPLY" "Bob to Alice"

type_line alice "//slash $ID"
wait_for alice "<you> /slash $ID" "Alice's //-escaped line"
wait_for bob "<peer> /slash $ID" "Alice's //-escaped line to Bob"
if screen_has bob -F "//slash $ID"; then
  fail "the //-escaped line arrived with both slashes"
fi
say "messages went both ways after $(elapsed)"

# The peer's receipt turns an own message's mark from "." (sent) to "+" (delivered).
wait_for alice "+<you> $HELLO" "the receipt for Alice's line"
wait_for alice "+<you> /slash $ID" "the receipt for Alice's //-escaped line"
wait_for bob "+<you> $REPLY" "the receipt for Bob's line"
say "both saw their messages delivered after $(elapsed)"
if [[ "${E2E_VERBOSE:-0}" == 1 ]]; then
  show_screens
fi

# --- quitting ------------------------------------------------------------------------------------------------
# Alice quits right after a last line: its receipt cannot be back yet, so she is asked, and answers "wait".
LAST="last words from alice $ID"
type_line alice "$LAST"
tm send-keys -t "alice:0.0" C-d
wait_for alice "not delivered yet" "the quit question for an undelivered line"
tm send-keys -t "alice:0.0" w
wait_for bob "<peer> $LAST" "Alice's last line, sent while she waited to quit"
deadline=$((SECONDS + WAIT_SECONDS))
while [[ ! -f "$TMP_DIR/alice.rc" ]]; do
  ((SECONDS < deadline)) || fail "Alice's btrchat did not quit within ${WAIT_SECONDS}s of her last line's delivery"
  sleep 0.1
done
last_seen=$(screen_of bob | grep -cF "<peer> $LAST" || true)
[[ "$last_seen" == 1 ]] || fail "Bob shows Alice's last line $last_seen times, not once"
say "asked on quit with a line undelivered; 'wait' delivered it (shown once) and quit after $(elapsed)"
tm send-keys -t "bob:0.0" C-d
for who in "${SIDES[@]}"; do
  deadline=$((SECONDS + WAIT_SECONDS))
  while [[ ! -f "$TMP_DIR/$who.rc" ]]; do
    ((SECONDS < deadline)) || fail "$who's btrchat did not exit within ${WAIT_SECONDS}s of Ctrl-D"
    sleep 0.1
  done
  rc="$(cat "$TMP_DIR/$who.rc")"
  [[ "$rc" == 0 ]] || fail "$who's btrchat exited with code $rc after Ctrl-D"
  # Leaving the alternate screen brings back the main screen, empty here: no trace of the chat UI may remain.
  if screen_has "$who" -E 'History|online|<you>|<peer>'; then
    fail "$who's pane still shows the chat UI after btrchat exited (alternate screen not left)"
  fi
done
say "both quit with Ctrl-D (exit code 0, terminal restored) after $(elapsed)"

FAILED=0
for log in "$TMP_DIR"/alice*.log "$TMP_DIR"/bob*.log; do
  for secret in "$PIN" "$HELLO" "$REPLY" "slash $ID"; do
    if grep -qF -- "$secret" "$log"; then
      fail "$(basename "$log") contains a secret or message text ('$secret')"
    fi
  done
done
say "logs hold no PIN and no message text"

say "PASS"

# Shared by scripts/e2e-exits.sh, scripts/e2e-hostile-text.sh and scripts/screenshot (sourced, not run): real
# btrchat processes in panes of a private tmux server, talking to a local SQS emulator (scripts/emulator.mjs).
# The sourcing script sets E2E_NAME (its name in messages and temp dirs) and may set E2E_WAIT_SECONDS; then it
# calls e2e_start, e2e_start_emulator QUEUE..., and e2e_start_chat per pane. On success it calls e2e_pass. Any
# failure goes through e2e_fail: it prints the reason, every pane's screen and the logs' last lines, keeps the temp
# dir, and exits non-zero. Everything started here is stopped on every way out (EXIT/INT/TERM/HUP traps, and a
# watchdog should the script be killed outright).
# shellcheck shell=bash

E2E_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E2E_BIN="${BTRCHAT_BIN:-$E2E_REPO_ROOT/BtrChat.Tui/bin/Debug/net10.0/btrchat}"
E2E_WAIT="${E2E_WAIT_SECONDS:-20}"
E2E_ID="$$"
E2E_SOCKET="btrchat-${E2E_NAME}-$E2E_ID"
E2E_TMP=""
E2E_EMULATOR_PID=""
E2E_ENDPOINT=""
E2E_PANES=()
E2E_PASSED=0
E2E_RC=""

e2e_say() { printf '%s: %s\n' "$E2E_NAME" "$*"; }

# Our private tmux server only, without the user's tmux.conf; fd 3 (the emulator's stdin) must not leak into it.
tm() { tmux -f /dev/null -L "$E2E_SOCKET" "$@" 3>&-; }

e2e_screen() { tm capture-pane -p -t "$1:0.0" 2>/dev/null || echo "(no screen: $1's pane is gone)"; }

# e2e_screen_has WHO GREP-OPTION PATTERN. The screen is captured whole first: under pipefail, grep -q quitting
# early could otherwise turn a match into a SIGPIPE failure.
e2e_screen_has() {
  local screen
  screen="$(e2e_screen "$1")"
  grep -q "$2" -- "$3" <<<"$screen"
}

# e2e_format WHO FORMAT: a tmux format (#{...}) evaluated for WHO's pane.
e2e_format() { tm display-message -p -t "$1:0.0" "$2" 2>/dev/null; }

e2e_fail() {
  local who file
  trap - INT TERM HUP
  e2e_say "FAIL: $*"
  for who in "${E2E_PANES[@]}"; do
    printf -- '--- %s screen ---\n' "$who"
    e2e_screen "$who"
  done
  if [[ -n "$E2E_TMP" ]]; then
    for file in "$E2E_TMP"/*.log "$E2E_TMP"/*.err "$E2E_TMP"/emulator.out; do
      if [[ -f "$file" ]]; then
        printf -- '--- last lines of %s ---\n' "$file"
        tail -n 25 "$file"
      fi
    done
  fi
  exit 1
}

# The pid of WHO's btrchat while it still runs, else nothing. The pane records the pid before exec'ing btrchat
# and the exit code once it has ended; the command line check guards against a reused pid.
e2e_running_pid() {
  local who=$1 pid command_line
  [[ -f "$E2E_TMP/$who.pid" && ! -f "$E2E_TMP/$who.rc" ]] || return 0
  pid="$(cat "$E2E_TMP/$who.pid")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  command_line="$({ tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null || true)"
  if [[ "$command_line" == *"$E2E_TMP/$who.json"* ]]; then
    echo "$pid"
  fi
}

# Stops whatever btrchat still runs, then the private tmux server. btrchat gets SIGTERM while its terminal still
# exists, so that it restores it and ends on its own; SIGKILL only for one that does not.
e2e_stop_chats_and_tmux() {
  local who pid socket_path attempt running
  for who in "${E2E_PANES[@]}"; do
    pid="$(e2e_running_pid "$who")"
    [[ -z "$pid" ]] || kill -TERM "$pid" 2>/dev/null
  done
  for ((attempt = 0; attempt < 50; attempt++)); do
    running=""
    for who in "${E2E_PANES[@]}"; do running+="$(e2e_running_pid "$who")"; done
    [[ -n "$running" ]] || break
    sleep 0.1
  done
  for who in "${E2E_PANES[@]}"; do
    pid="$(e2e_running_pid "$who")"
    [[ -z "$pid" ]] || kill -KILL "$pid" 2>/dev/null
  done
  tm kill-server >/dev/null 2>&1
  # tmux leaves its socket file behind, also when the server ended by itself with its last session.
  socket_path="${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$E2E_SOCKET"
  [[ ! -S "$socket_path" ]] || rm -f "$socket_path"
}

e2e_cleanup() {
  local code=$?
  set +e
  trap - INT TERM HUP
  if [[ -n "$E2E_TMP" ]]; then
    e2e_stop_chats_and_tmux
  fi
  exec 3>&-
  if [[ -n "$E2E_EMULATOR_PID" ]]; then
    kill "$E2E_EMULATOR_PID" 2>/dev/null
    wait "$E2E_EMULATOR_PID" 2>/dev/null
  fi
  if [[ -n "$E2E_TMP" ]]; then
    if [[ $E2E_PASSED -eq 1 && $code -eq 0 ]]; then
      rm -rf "$E2E_TMP"
    else
      e2e_say "kept the run's files in $E2E_TMP"
    fi
  fi
  exit "$code"
}

# Checks the tools, cleans the environment, makes the temp dir and arms the traps and the watchdog.
e2e_start() {
  trap e2e_cleanup EXIT
  trap 'e2e_fail "interrupted by a signal"' INT TERM HUP
  command -v tmux >/dev/null 2>&1 || e2e_fail "tmux is not on PATH (apt-get install -y tmux)"
  command -v node >/dev/null 2>&1 || e2e_fail "node is not on PATH (apt-get install -y nodejs npm)"
  [[ -d "$E2E_REPO_ROOT/node_modules/fauxqs" ]] || e2e_fail "node_modules/fauxqs is missing: run \`npm ci\` in $E2E_REPO_ROOT"
  [[ -f "$E2E_BIN" && -x "$E2E_BIN" ]] || e2e_fail "btrchat executable not found or not executable: $E2E_BIN (run \`dotnet build\` or set BTRCHAT_BIN)"

  # BTRCHAT_* variables override config files, so none from the caller's environment may reach the panes.
  local name
  while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep '^BTRCHAT_' || true)
  export AWS_ACCESS_KEY_ID=e2e AWS_SECRET_ACCESS_KEY=e2e AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
  unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_ENDPOINT_URL_SQS DOTNET_STARTUP_HOOKS
  # Run from inside someone's tmux, nothing of theirs may leak into our server's commands or panes.
  unset TMUX TMUX_PANE
  # Box drawing and the status bar's characters are counted and matched as characters, by bash and by tmux.
  export LC_ALL=C.UTF-8

  E2E_TMP="$(mktemp -d "${TMPDIR:-/tmp}/btrchat-${E2E_NAME}.XXXXXX")"
  # Should this script be killed outright (SIGKILL, no trap), a detached watchdog still stops the btrchats and
  # the private server once it is gone. It holds none of our output pipes, so nobody waits for it.
  ( (
    set +e
    trap '' HUP INT TERM
    while kill -0 "$E2E_ID" 2>/dev/null; do sleep 1; done
    # The panes are unknown to the watchdog's copy of E2E_PANES if started later: take them from the temp dir.
    E2E_PANES=()
    for file in "$E2E_TMP"/*.sh; do [[ -f "$file" ]] && E2E_PANES+=("$(basename "$file" .sh)"); done
    e2e_stop_chats_and_tmux
  ) </dev/null >/dev/null 2>&1 3>&- & )
}

# e2e_start_emulator QUEUE...: the emulator with these FIFO queues; sets E2E_ENDPOINT. Its stdin is a FIFO whose
# only writer is this script (fd 3): should the script die without running its trap, the emulator stops by itself.
e2e_start_emulator() {
  local queue args=() first_line port="" deadline
  for queue in "$@"; do args+=(--fifo "$queue"); done
  mkfifo "$E2E_TMP/emulator.stdin"
  (cd "$E2E_REPO_ROOT" && EMULATOR_STOP_ON_STDIN_EOF=1 exec node scripts/emulator.mjs "${args[@]}") \
    <"$E2E_TMP/emulator.stdin" >"$E2E_TMP/emulator.out" 2>&1 &
  E2E_EMULATOR_PID=$!
  exec 3>"$E2E_TMP/emulator.stdin"
  deadline=$((SECONDS + E2E_WAIT))
  while :; do
    first_line="$(head -n 1 "$E2E_TMP/emulator.out" 2>/dev/null || true)"
    if [[ "$first_line" == FAUXQS_PORT=* ]]; then
      port="${first_line#FAUXQS_PORT=}"
      break
    fi
    [[ -z "$first_line" ]] || e2e_fail "the emulator's first line is not FAUXQS_PORT=<port>: $first_line"
    kill -0 "$E2E_EMULATOR_PID" 2>/dev/null || e2e_fail "the emulator exited before printing its port"
    ((SECONDS < deadline)) || e2e_fail "the emulator printed no port within ${E2E_WAIT}s"
    sleep 0.1
  done
  [[ "$port" =~ ^[0-9]+$ ]] || e2e_fail "the emulator printed a bad port: $port"
  E2E_ENDPOINT="http://localhost:$port"
}

# e2e_write_pin PIN: the PIN file every pane reads (mode 0600).
e2e_write_pin() {
  printf '%s\n' "$1" >"$E2E_TMP/pin"
  chmod 600 "$E2E_TMP/pin"
}

# e2e_start_chat WHO MODE TX RX [COLUMNSxROWS] [NAME=VALUE...]: btrchat in a new session WHO of the private server,
# its config in WHO.json, the PIN from the PIN file (pin mode asks for it when E2E_NO_PIN_FILE=1), the extra
# variables in its environment. The pane records btrchat's pid (a subshell writes its own pid, then becomes btrchat)
# and, after it ends, its exit code; then it stays open so that its screen can still be read, unless the terminal
# hung up under it (then its shell, which ignores nothing but notes the hang-up, just ends).
e2e_start_chat() {
  local who=$1 mode=$2 tx=$3 rx=$4 size=${5:-80x24} pin_args=()
  shift 5 || shift $#
  [[ "${E2E_NO_PIN_FILE:-0}" == 1 ]] || pin_args=(--pin-file "$E2E_TMP/pin")
  cat >"$E2E_TMP/$who.json" <<EOF
{
  "txQueue": "$tx",
  "rxQueue": "$rx",
  "region": "us-east-1",
  "endpoint": "$E2E_ENDPOINT",
  "securityMode": "$mode",
  "logFile": "$E2E_TMP/$who.log",
  "logLevel": "Verbose"
}
EOF
  local word command_line=""
  for word in env "$@" "$E2E_BIN" --config "$E2E_TMP/$who.json" "${pin_args[@]}"; do
    command_line+=" $(printf '%q' "$word")"
  done
  {
    printf 'hung_up=0\n'
    printf "trap 'hung_up=1' HUP\n"
    printf '(echo "$BASHPID" >%q && exec%s)\n' "$E2E_TMP/$who.pid" "$command_line"
    printf 'echo $? >%q && mv %q %q\n' "$E2E_TMP/$who.rc.tmp" "$E2E_TMP/$who.rc.tmp" "$E2E_TMP/$who.rc"
    printf '[[ $hung_up == 1 ]] || exec sleep 600\n'
  } >"$E2E_TMP/$who.sh"
  E2E_PANES+=("$who")
  # Two arguments make tmux exec bash directly instead of handing a command line to a shell.
  tm new-session -d -s "$who" -x "${size%x*}" -y "${size#*x}" -e TERM=xterm-256color bash "$E2E_TMP/$who.sh"
}

# e2e_wait_for WHO TEXT WHAT: polls WHO's screen until it contains TEXT.
e2e_wait_for() {
  local who=$1 text=$2 what=$3 deadline=$((SECONDS + E2E_WAIT))
  while ! e2e_screen_has "$who" -F "$text"; do
    [[ ! -f "$E2E_TMP/$who.rc" ]] || e2e_fail "$what: $who's btrchat exited early with code $(cat "$E2E_TMP/$who.rc")"
    ((SECONDS < deadline)) || e2e_fail "$what: '$text' did not show on $who's screen within ${E2E_WAIT}s"
    sleep 0.1
  done
}

# e2e_wait_exit WHO WHAT [SECONDS]: waits for WHO's btrchat to end; sets E2E_RC to its exit code. (Not meant for
# $(...): e2e_fail in a command substitution would only end the subshell.)
e2e_wait_exit() {
  local who=$1 what=$2 deadline=$((SECONDS + ${3:-$E2E_WAIT}))
  while [[ ! -f "$E2E_TMP/$who.rc" ]]; do
    ((SECONDS < deadline)) || e2e_fail "$what: $who's btrchat did not exit within ${3:-$E2E_WAIT}s"
    sleep 0.1
  done
  E2E_RC="$(cat "$E2E_TMP/$who.rc")"
}

# e2e_type_line WHO TEXT: types TEXT literally, then Enter.
e2e_type_line() {
  tm send-keys -t "$1:0.0" -l -- "$2"
  tm send-keys -t "$1:0.0" Enter
}

e2e_pass() {
  E2E_PASSED=1
  e2e_say "PASS"
}

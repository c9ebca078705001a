#!/usr/bin/env bash
# Every way out of a real btrchat gives the terminal back. Each case starts the real executable full screen in an
# 80x24 pane of a private tmux server (legacy mode, no peer needed, nothing typed, so no quit question), leaves it
# one way, and then checks the pane: the alternate screen left and nothing of the chat UI on the screen, the cursor
# visible, no mouse reporting, normal cursor and keypad keys, the tty's line settings back (echo, canonical input,
# output processing), and the exit code the README documents. The ways out: Ctrl-D on an empty line, Ctrl-Q, the
# F10 menu's Quit, SIGINT, SIGTERM, SIGHUP, SIGHUP while the PIN prompt is up (pin mode), the terminal closing under
# it (tmux kill-pane, as when ssh drops: no pane is left to check, so it must end by itself, with code 0), and an
# unhandled exception on a background thread (the .NET runtime's startup hook loads BtrChat.Tui.Tests.dll, whose
# StartupHook throws once a trigger file appears: no test backdoor in the product), which must leave exactly one
# line on the restored screen, exit code 1, and the exception in the log. Also: the window resized to 100x30 and
# back to 80x24 while the chat runs re-lays out (status bar on the last row, input row above it, the history box as
# wide as the window).
#
# Usage: scripts/e2e-exits.sh
#   BTRCHAT_BIN       the btrchat executable (default: the Debug build's apphost in BtrChat.Tui/bin)
#   E2E_CRASH_HOOK    the assembly holding StartupHook (default: BtrChat.Tui.Tests.dll beside BTRCHAT_BIN, else
#                     the tests' Debug build)
#   E2E_WAIT_SECONDS  how long each wait may take (default 20)
# Needs tmux, node and `npm ci` done in the repo root. Prints "e2e-exits: PASS" on success; otherwise
# "e2e-exits: FAIL: <reason>" with the screens and the logs' last lines, keeps its temp dir, exits non-zero.
set -euo pipefail

E2E_NAME=e2e-exits
# shellcheck source=scripts/e2e-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/e2e-lib.sh"

CRASH_HOOK="${E2E_CRASH_HOOK:-$(dirname "$E2E_BIN")/BtrChat.Tui.Tests.dll}"
[[ -n "${E2E_CRASH_HOOK:-}" || -f "$CRASH_HOOK" ]] || CRASH_HOOK="$E2E_REPO_ROOT/BtrChat.Tui.Tests/bin/Debug/net10.0/BtrChat.Tui.Tests.dll"
CRASH_LINE="btrchat: crashed; details in the log file."
# The exception's message, as BtrChat.Tui.Tests/EndToEnd/StartupHook.cs throws it.
CRASH_MESSAGE="e2e: deliberate crash on a background thread"

e2e_start
[[ -f "$CRASH_HOOK" ]] || e2e_fail "the crash hook assembly is missing: $CRASH_HOOK (build the tests, or set E2E_CRASH_HOOK)"
TX="x${E2E_ID}ab.fifo"
RX="x${E2E_ID}ba.fifo"
e2e_start_emulator "$TX" "$RX"
e2e_write_pin "e2e${E2E_ID: -1}"
START_SECONDS=$SECONDS
elapsed() { echo "$((SECONDS - START_SECONDS))s"; }

# expect_format WHO FORMAT WANT WHAT
expect_format() {
  local got
  got="$(e2e_format "$1" "$2")"
  [[ "$got" == "$3" ]] || e2e_fail "$1: $4 ($2 is '$got', expected '$3')"
}

# The modes a full-screen btrchat turns on; checked while it runs, so that their being off afterwards means something.
expect_ui_modes_on() {
  expect_format "$1" '#{alternate_on}' 1 "the chat does not run on the alternate screen"
  expect_format "$1" '#{mouse_any_flag}' 1 "the chat has no mouse reporting on"
}

# expect_terminal_restored WHO EXPECTED-TEXT: the pane after btrchat ended. EXPECTED-TEXT is all the screen may
# show (its non-blank lines, trailing blanks trimmed): nothing, or the one line btrchat printed after restoring.
expect_terminal_restored() {
  local who=$1 expected=$2 flag tty settings setting screen
  expect_format "$who" '#{alternate_on}' 0 "the alternate screen was not left"
  expect_format "$who" '#{cursor_flag}' 1 "the cursor is hidden"
  for flag in mouse_any_flag mouse_standard_flag mouse_button_flag mouse_all_flag mouse_sgr_flag mouse_utf8_flag; do
    expect_format "$who" "#{$flag}" 0 "mouse reporting is still on"
  done
  expect_format "$who" '#{keypad_cursor_flag}' 0 "the cursor keys are still in application mode"
  expect_format "$who" '#{keypad_flag}' 0 "the keypad is still in application mode"
  tty="$(e2e_format "$who" '#{pane_tty}')"
  settings=" $(stty -F "$tty" -a 2>&1 | tr '\n' ' ') "
  for setting in icanon echo isig icrnl opost; do
    [[ "$settings" == *" $setting "* ]] || e2e_fail "$who: the tty's '$setting' is not back on (raw mode left): $settings"
  done
  screen="$(e2e_screen "$who" | sed -e 's/[[:space:]]*$//' -e '/^$/d')"
  [[ "$screen" == "$expected" ]] || e2e_fail "$who: after the exit the screen shows '$screen', expected '$expected' (chat UI or runtime output left)"
}

# quit_case NAME EXPECTED-CODE EXPECTED-TEXT ACTION...: a fresh btrchat, ACTION run once it is online (with $pid
# set to btrchat's pid), then the exit code and the terminal checked.
quit_case() {
  local name=$1 code=$2 text=$3 rc
  shift 3
  e2e_start_chat "$name" legacy "$TX" "$RX"
  e2e_wait_for "$name" "| online" "$name: starting"
  expect_ui_modes_on "$name"
  pid="$(e2e_running_pid "$name")"
  [[ -n "$pid" ]] || e2e_fail "$name: btrchat's pid is unknown"
  "$@"
  e2e_wait_exit "$name" "$name: quitting"
  rc=$E2E_RC
  [[ "$rc" == "$code" ]] || e2e_fail "$name: exit code $rc, expected $code (README, Exit codes)"
  expect_terminal_restored "$name" "$text"
  tm kill-session -t "$name"
  e2e_say "$name: exit code $rc, terminal restored after $(elapsed)"
}

keys() { tm send-keys -t "$1:0.0" "${@:2}"; }
menu_quit() {
  keys "$1" F10
  e2e_wait_for "$1" "Session info" "$1: the F10 menu"
  # The menu's Quit item, by its hotkey: typed into the input line instead, a q would not quit.
  keys "$1" q
}
signal() { kill "-$2" "$pid"; }
crash() {
  local deadline=$((SECONDS + E2E_WAIT))
  while [[ ! -s "$E2E_TMP/crash.armed" ]]; do
    ((SECONDS < deadline)) || e2e_fail "crash: the startup hook never ran (DOTNET_STARTUP_HOOKS=$CRASH_HOOK); startup hooks disabled?"
    sleep 0.1
  done
  touch "$E2E_TMP/crash.trigger"
}

quit_case ctrl-d 0 "" keys ctrl-d C-d
quit_case ctrl-q 0 "" keys ctrl-q C-q
quit_case menu 0 "" menu_quit menu
quit_case sigint 0 "" signal sigint INT
quit_case sigterm 0 "" signal sigterm TERM
quit_case sighup 0 "" signal sighup HUP

# The unhandled exception: btrchat runs with the hook; its own process is the one that crashes.
crash_case() {
  local rc
  e2e_start_chat crash legacy "$TX" "$RX" 80x24 \
    "DOTNET_STARTUP_HOOKS=$CRASH_HOOK" "E2E_CRASH_TRIGGER=$E2E_TMP/crash.trigger" "E2E_CRASH_ARMED=$E2E_TMP/crash.armed"
  e2e_wait_for crash "| online" "crash: starting"
  expect_ui_modes_on crash
  crash
  e2e_wait_exit crash "crash: after the exception"
  rc=$E2E_RC
  [[ "$rc" == 1 ]] || e2e_fail "crash: exit code $rc, expected 1 (README, Exit codes)"
  expect_terminal_restored crash "$CRASH_LINE"
  grep -qF -- "$CRASH_MESSAGE" "$E2E_TMP"/crash*.log || e2e_fail "crash: the exception is not in the log"
  tm kill-session -t crash
  e2e_say "crash: exit code 1, terminal restored, one line on the screen, details in the log after $(elapsed)"
}
crash_case

# SIGHUP while the PIN prompt (a modal dialog) is up: the ssh connection may drop at any moment.
pin_prompt_case() {
  local rc
  E2E_NO_PIN_FILE=1 e2e_start_chat pin-prompt pin "$TX" "$RX"
  e2e_wait_for pin-prompt "Enter PIN" "pin-prompt: the PIN prompt"
  expect_ui_modes_on pin-prompt
  pid="$(e2e_running_pid pin-prompt)"
  kill -HUP "$pid"
  e2e_wait_exit pin-prompt "pin-prompt: after SIGHUP"
  rc=$E2E_RC
  [[ "$rc" == 0 ]] || e2e_fail "pin-prompt: exit code $rc after SIGHUP, expected 0 (README, Exit codes)"
  expect_terminal_restored pin-prompt ""
  tm kill-session -t pin-prompt
  e2e_say "pin-prompt: SIGHUP at the PIN prompt: exit code 0, terminal restored after $(elapsed)"
}
pin_prompt_case

# The terminal closes under btrchat (tmux kill-pane: the pty's master goes away, as when sshd drops the connection).
# Nothing is left to restore or to look at: btrchat must notice and end by itself, promptly, with code 0, and not
# linger spinning on a dead terminal. The pane's shell ignores nothing, so btrchat gets no signal from it.
hangup_case() {
  local rc
  e2e_start_chat hangup legacy "$TX" "$RX"
  e2e_wait_for hangup "| online" "hangup: starting"
  tm kill-pane -t hangup:0.0
  e2e_wait_exit hangup "hangup: after its terminal closed (missed the end of its terminal?)" 10
  rc=$E2E_RC
  [[ "$rc" == 0 ]] || e2e_fail "hangup: exit code $rc after the terminal closed, expected 0 (README, Exit codes)"
  e2e_say "hangup: the pane closed under it: exit code $rc after $(elapsed)"
}
hangup_case

# expect_layout WHO COLUMNS ROWS: the chat fills the window: the menu on the first row, the history box from the
# second row to three rows above the bottom as wide as the window, the input row (">") above the status bar, the
# status bar on the last row and nowhere else.
layout_problem() {
  local columns=$2 rows=$3 lines=() bottom
  mapfile -t lines < <(e2e_screen "$1")
  ((${#lines[@]} == rows)) || { echo "the screen has ${#lines[@]} rows, not $rows"; return; }
  [[ "${lines[rows - 1]}" == *"Ctrl+Q  Quit"*"LEGACY (insecure)"* ]] || { echo "the last row is not the status bar: '${lines[rows - 1]}'"; return; }
  [[ "${lines[rows - 2]}" == ">"* ]] || { echo "the row above the status bar is not the input row: '${lines[rows - 2]}'"; return; }
  [[ "${lines[1]}" == "┌┤History├"* && ${#lines[1]} == "$columns" && "${lines[1]}" == *"┐" ]] || { echo "row 2 is not the history box's top, $columns wide: '${lines[1]}'"; return; }
  bottom="${lines[rows - 4]}"
  [[ "$bottom" == "└"*"┘" && ${#bottom} == "$columns" ]] || { echo "row $((rows - 3)) is not the history box's bottom, $columns wide: '$bottom'"; return; }
  (($(grep -c "Ctrl+Q  Quit" < <(printf '%s\n' "${lines[@]}")) == 1)) || echo "the status bar shows more than once"
}

expect_layout() {
  local who=$1 columns=$2 rows=$3 deadline=$((SECONDS + E2E_WAIT)) problem
  while problem="$(layout_problem "$who" "$columns" "$rows")"; [[ -n "$problem" ]]; do
    ((SECONDS < deadline)) || e2e_fail "resize: at ${columns}x$rows, $problem"
    sleep 0.1
  done
}

resize_case() {
  local rc
  e2e_start_chat resize legacy "$TX" "$RX"
  e2e_wait_for resize "| online" "resize: starting"
  expect_layout resize 80 24
  tm resize-window -t resize -x 100 -y 30
  expect_layout resize 100 30
  tm resize-window -t resize -x 80 -y 24
  expect_layout resize 80 24
  keys resize C-d
  e2e_wait_exit resize "resize: quitting"
  rc=$E2E_RC
  [[ "$rc" == 0 ]] || e2e_fail "resize: exit code $rc after Ctrl-D, expected 0"
  expect_terminal_restored resize ""
  tm kill-session -t resize
  e2e_say "resize: re-laid out at 100x30 and back at 80x24 after $(elapsed)"
}
resize_case

e2e_pass

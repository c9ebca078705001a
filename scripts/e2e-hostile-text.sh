#!/usr/bin/env bash
# Hostile text from the peer stays text. A real btrchat (legacy mode) runs full screen in an 80x24 pane of a
# private tmux server; a peer in the original's format (scripts/legacy_sender.py, python3 with boto3 and
# cryptography, the same PIN) sends messages full of terminal controls: clear screen, cursor movement, OSC 0 title,
# OSC 52 clipboard write, bell, C1 controls, bidi overrides, backspace/CR/DEL, a tmux passthrough, a full reset and
# an alternate-screen switch. btrchat must show each as visible text (^[, ^G, \u009b, ...) and the terminal must not
# obey any of them: the pane's title, tmux's paste buffers (set-clipboard on, so OSC 52 would make one), the
# window's bell flag, the alternate screen, the cursor's place and the layout (menu on top, input row, status bar
# at the bottom) all stay as they were. First a control pane prints the same bytes raw, to prove tmux would obey
# them (title, buffer, bell), so a pass means btrchat neutralised them, not that the check is blind.
#
# Usage: scripts/e2e-hostile-text.sh
#   BTRCHAT_BIN       the btrchat executable (default: the Debug build's apphost in BtrChat.Tui/bin)
#   E2E_WAIT_SECONDS  how long each wait may take (default 20)
#   E2E_VERBOSE=1     also print btrchat's screen with the messages
# Needs tmux, node, `npm ci` done in the repo root, and python3 with boto3>=1.28 and cryptography. Prints
# "e2e-hostile-text: PASS" on success; otherwise "e2e-hostile-text: FAIL: <reason>" with the screens and the logs'
# last lines, keeps its temp dir, exits non-zero.
set -euo pipefail

E2E_NAME=e2e-hostile-text
# shellcheck source=scripts/e2e-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/e2e-lib.sh"

e2e_start
"$E2E_REPO_ROOT/scripts/check-python" || e2e_fail "python3 with boto3>=1.28 and cryptography is needed (see above)"
TX="h${E2E_ID}ab.fifo"
RX="h${E2E_ID}ba.fifo"
PIN="h${E2E_ID: -3}"
e2e_start_emulator "$TX" "$RX"
e2e_write_pin "$PIN"

# Each message as sent (JSON, so that every control character can be written down) and as it must show.
SENT=()
SHOWN=()
message() { SENT+=("$1"); SHOWN+=("$2"); }
message '1 clear\u001b[2J\u001b[Hscreen' '1 clear^[[2J^[[Hscreen'
message '2 move\u001b[5;5H\u001b[3Aup' '2 move^[[5;5H^[[3Aup'
message '3 title\u001b]0;PWNED-TITLE\u0007end' '3 title^[]0;PWNED-TITLE^Gend'
message '4 clip\u001b]52;c;cHduZWQ=\u0007end' '4 clip^[]52;c;cHduZWQ=^Gend'
message '5 bell\u0007\u0007end' '5 bell^G^Gend'
message '6 c1\u009b2J\u009d0;C1-TITLE\u009cend' '6 c1\u009b2J\u009d0;C1-TITLE\u009cend'
message '7 bidi\u202egnp.exe\u202cend' '7 bidi\u202egnp.exe\u202cend'
message '8 bs\u0008\u0008x\rcr\u007fdel' '8 bs^H^Hx^Mcr^?del'
message '9 tmux\u001bPtmux;\u001b\u001b]0;PASSTHRU\u0007\u001b\\end' '9 tmux^[Ptmux;^[^[]0;PASSTHRU^G^[\end'
message '10 reset\u001bcend' '10 reset^[cend'
message '11 alt\u001b[?1049lend' '11 alt^[[?1049lend'
LAST="12 the last, plain line $E2E_ID"
message "$LAST" "$LAST"

json_array() {
  local first=1 item
  printf '['
  for item in "$@"; do
    ((first)) || printf ','
    first=0
    printf '"%s"' "$item"
  done
  printf ']'
}
json_array "${SENT[@]}" >"$E2E_TMP/messages.json"

# --- control: the same bytes, raw, in a pane of the same server --------------------------------------------------
python3 -c 'import json, sys; sys.stdout.write("".join(json.load(open(sys.argv[1]))))' "$E2E_TMP/messages.json" >"$E2E_TMP/raw"
E2E_PANES+=(control)
# With set-clipboard on, tmux turns an OSC 52 into a paste buffer: a clipboard write that got through shows in
# list-buffers. The option is set in the same command as the server's first session (an empty server exits).
tm new-session -d -s control -x 80 -y 24 -e TERM=xterm-256color bash -c 'sleep 0.2; cat "$1"; exec sleep 600' control "$E2E_TMP/raw" \; \
  set-option -g set-clipboard on
deadline=$((SECONDS + E2E_WAIT))
while [[ "$(e2e_format control '#{pane_title}')" != PWNED-TITLE ]]; do
  ((SECONDS < deadline)) || e2e_fail "control: the raw OSC 0 did not retitle the pane (title '$(e2e_format control '#{pane_title}')'): the checks below would prove nothing"
  sleep 0.1
done
[[ -n "$(tm list-buffers)" ]] || e2e_fail "control: the raw OSC 52 made no tmux buffer: the clipboard check would prove nothing"
[[ "$(e2e_format control '#{window_bell_flag}')" == 1 ]] || e2e_fail "control: the raw bell set no bell flag: the bell check would prove nothing"
tm delete-buffer
[[ -z "$(tm list-buffers)" ]] || e2e_fail "control: tmux's buffers could not be emptied"
e2e_say "control: the raw bytes retitle the pane, write tmux's clipboard and ring the bell"

# --- btrchat receiving them ---------------------------------------------------------------------------------------
e2e_start_chat chat legacy "$TX" "$RX"
# Only now: a server left without sessions would exit, and take the clipboard setting with it.
tm kill-session -t control
e2e_wait_for chat "| online" "starting"
TITLE_BEFORE="$(e2e_format chat '#{pane_title}')"
# The cursor's resting place (the input line) once drawing has settled: right after "online" a frame may still
# be on its way, with the cursor wherever that draw left it.
CURSOR_BEFORE="$(e2e_format chat '#{cursor_x},#{cursor_y}')"
for _ in $(seq 1 25); do
  sleep 0.2
  settled="$(e2e_format chat '#{cursor_x},#{cursor_y}')"
  [[ "$settled" == "$CURSOR_BEFORE" ]] && break
  CURSOR_BEFORE="$settled"
done
[[ "$(e2e_format chat '#{alternate_on}')" == 1 ]] || e2e_fail "the chat does not run on the alternate screen"

AWS_ENDPOINT_URL_SQS="$E2E_ENDPOINT" AWS_DEFAULT_REGION=us-east-1 python3 "$E2E_REPO_ROOT/scripts/legacy_sender.py" --pin "$PIN" --queue "$RX" \
  <"$E2E_TMP/messages.json" >"$E2E_TMP/sender.out" 2>"$E2E_TMP/sender.err" \
  || e2e_fail "the legacy sender failed: $(cat "$E2E_TMP/sender.err")"
e2e_wait_for chat "$LAST" "the last message"
# A moment for anything a control might have set off, e.g. a title change drawn after the text.
sleep 1

for shown in "${SHOWN[@]}"; do
  e2e_screen_has chat -F "<peer> $shown" || e2e_fail "'<peer> $shown' is not on the screen as visible text"
done
e2e_say "every message shows as visible text"

title="$(e2e_format chat '#{pane_title}')"
[[ "$title" == "$TITLE_BEFORE" ]] || e2e_fail "the pane's title changed from '$TITLE_BEFORE' to '$title'"
[[ -z "$(tm list-buffers)" ]] || e2e_fail "a message wrote tmux's clipboard: $(tm list-buffers)"
[[ "$(e2e_format chat '#{window_bell_flag}')" == 0 ]] || e2e_fail "a message rang the bell"
[[ "$(e2e_format chat '#{alternate_on}')" == 1 ]] || e2e_fail "a message switched the chat off the alternate screen"
cursor="$(e2e_format chat '#{cursor_x},#{cursor_y}')"
[[ "$cursor" == "$CURSOR_BEFORE" ]] || e2e_fail "the cursor moved from $CURSOR_BEFORE to $cursor"
mapfile -t lines < <(e2e_screen chat)
[[ "${lines[0]}" == " Chat"* ]] || e2e_fail "the menu bar is no longer on the first row: '${lines[0]}'"
[[ "${lines[1]}" == "┌┤History├"* ]] || e2e_fail "the history box no longer starts on the second row: '${lines[1]}'"
[[ "${lines[22]}" == ">"* ]] || e2e_fail "the input row is no longer above the status bar: '${lines[22]}'"
[[ "${lines[23]}" == *"Ctrl+Q  Quit"*"LEGACY (insecure)"* ]] || e2e_fail "the status bar is no longer on the last row: '${lines[23]}'"
e2e_say "title, clipboard, bell, screen, cursor and layout unaffected"
if [[ "${E2E_VERBOSE:-0}" == 1 ]]; then
  e2e_screen chat
fi

tm send-keys -t chat:0.0 C-d
e2e_wait_exit chat "quitting"
rc=$E2E_RC
[[ "$rc" == 0 ]] || e2e_fail "exit code $rc after Ctrl-D"
e2e_pass

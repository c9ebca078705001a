#!/usr/bin/env python3
"""Drives btrchat in a private tmux server for scripts/bench-terminal and measures what a person at the
terminal notices: start to first frame, idle CPU and memory, memory with a long history, and key-to-echo
latency; and, beside it, the start to prompt of a Python client that starts like the original.

  bench_terminal.py --bin BTRCHAT --pin-config ALICE.json --legacy-config LEGACY.json --pin-file PIN
      --legacy-rx QUEUE [--runs 7] [--keys 25] [--idle-seconds 30] [--history 100000] [--json PATH]

The caller has started the emulator (AWS_ENDPOINT_URL_SQS names it) and the echo peer for the pin config.
Screens are read with `tmux capture-pane` every 5 ms; CPU is utime+stime from /proc/PID/stat; memory is VmRSS.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import boto3
from cryptography.fernet import Fernet

SUFFIX = "Hvc6L5DAqES1234DvoM8bMiIduMF93TBcpYf-vc="
COLUMNS, ROWS = 80, 24
POLL = 0.005
TICKS = os.sysconf("SC_CLK_TCK")


class Tmux:
    """One private tmux server (its own socket name) with one 80x24 pane that is respawned for every run."""

    def __init__(self, name):
        self.base = ["tmux", "-f", "/dev/null", "-L", name]
        self.run("new-session", "-d", "-s", "bench", "-x", str(COLUMNS), "-y", str(ROWS), "sh")
        self.run("set-option", "-g", "remain-on-exit", "on")
        self.run("set-option", "-g", "window-size", "manual")

    def run(self, *args):
        return subprocess.run(self.base + list(args), check=True, capture_output=True, text=True).stdout

    def screen(self):
        return self.run("capture-pane", "-p", "-t", "bench")

    def keys(self, *keys, literal=False):
        self.run("send-keys", "-t", "bench", *(["-l"] if literal else []), *keys)

    def pane(self, field):
        return self.run("display-message", "-p", "-t", "bench", "#{%s}" % field).strip()

    def fresh_shell(self):
        """A new pane running sh at a clear screen: the command typed next replaces it (exec), so the pane's pid is the program."""
        self.run("respawn-pane", "-k", "-t", "bench", "env PS1='$ ' sh")
        until(lambda: self.screen().rstrip().endswith("$"), 10, "the shell prompt")

    def kill(self):
        subprocess.run(self.base + ["kill-server"], capture_output=True)


def until(predicate, timeout, what):
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        if predicate():
            return time.perf_counter()
        time.sleep(POLL)
    raise TimeoutError(f"timed out after {timeout} s waiting for {what}")


def start(tmux, command, ready, what, timeout=30):
    """Types `exec COMMAND` at a fresh shell; the clock runs from the Enter until `ready(screen)`."""
    tmux.fresh_shell()
    tmux.keys("exec " + command, literal=True)
    time.sleep(0.2)
    t0 = time.perf_counter()
    tmux.keys("Enter")
    t1 = until(lambda: ready(tmux.screen()), timeout, what)
    return t1 - t0, int(tmux.pane("pane_pid"))


def first_frame(screen):
    return "History" in screen and "Quit" in screen


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)


def status(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    raise KeyError(key)


def quit_and_wait(tmux):
    """Ctrl-Q, then the time until the process has exited (the pane is dead)."""
    t0 = time.perf_counter()
    tmux.keys("C-q")
    try:
        return until(lambda: tmux.pane("pane_dead") == "1", 15, "btrchat to exit") - t0
    except TimeoutError:
        print(tmux.screen(), file=sys.stderr)
        raise


def echo_latencies(tmux, count, prompt):
    """Types one character at a time, 0.6 s apart (so the loop has gone idle), until it shows on the input line."""
    samples = []
    typed = ""
    for i in range(count):
        typed += "abcdefghijklmnopqrstuvwxyz"[i % 26]
        expected = prompt + typed
        time.sleep(0.6)
        t0 = time.perf_counter()
        tmux.keys(typed[-1], literal=True)
        t1 = until(lambda: any(line.startswith(expected) for line in tmux.screen().splitlines()), 5, f"echo of {typed!r}")
        samples.append((t1 - t0) * 1000)
    return samples


def fill_queue(queue_name, count):
    """`count` short messages in the original's format (Fernet under PIN 1234 + the public suffix), 10 per request."""
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName=queue_name)["QueueUrl"]
    fernet = Fernet("1234" + SUFFIX)
    fifo = queue_name.endswith(".fifo")
    for first in range(0, count, 10):
        entries = []
        for n in range(first, min(first + 10, count)):
            entry = {"Id": str(n - first), "MessageBody": fernet.encrypt(f"m{n:06d}".encode()).decode()}
            if fifo:
                entry["MessageGroupId"] = "btrchat"
            entries.append(entry)
        result = sqs.send_message_batch(QueueUrl=url, Entries=entries)
        if result.get("Failed"):
            raise RuntimeError(f"send_message_batch failed: {result['Failed'][:1]}")


def summary(samples):
    return {"median": statistics.median(samples), "min": min(samples), "max": max(samples), "n": len(samples)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--pin-config", required=True)
    parser.add_argument("--legacy-config", required=True)
    parser.add_argument("--legacy-rx", required=True)
    parser.add_argument("--pin-file", required=True)
    parser.add_argument("--prompt-script", required=True)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keys", type=int, default=25)
    parser.add_argument("--idle-seconds", type=float, default=30)
    parser.add_argument("--history", type=int, default=100_000)
    parser.add_argument("--json")
    args = parser.parse_args()

    chat = f"{args.bin} --config {args.pin_config} --pin-file {args.pin_file}"
    result = {}
    tmux = Tmux(f"btrchat-bench-terminal-{os.getpid()}")
    try:
        # Start-up, alternating the two programs so that load on the machine hits both alike.
        frames, prompts, quits = [], [], []
        for _ in range(args.runs):
            seconds, _pid = start(tmux, chat, first_frame, "btrchat's first frame")
            frames.append(seconds * 1000)
            until(lambda: "PIN secure" in tmux.screen(), 30, "the handshake with the echo peer")
            time.sleep(0.5)
            quits.append(quit_and_wait(tmux) * 1000)
            seconds, _pid = start(tmux, f"python3 {args.prompt_script}", lambda s: "enter 4 digit pin" in s, "the Python prompt")
            prompts.append(seconds * 1000)
        result["first_frame_ms"] = summary(frames)
        result["python_prompt_ms"] = summary(prompts)
        result["quit_ms"] = summary(quits)
        _, pid = start(tmux, f"python3 {args.prompt_script}", lambda s: "enter 4 digit pin" in s, "the Python prompt")
        time.sleep(1)
        result["python_prompt_rss_mb"] = status(pid, "VmRSS") / 1024

        # Idle: the secure session up against the echo peer, nothing typed or received.
        _, pid = start(tmux, chat, first_frame, "btrchat's first frame")
        until(lambda: "PIN secure" in tmux.screen(), 30, "the handshake with the echo peer")
        time.sleep(4)
        c0, t0 = cpu_ticks(pid), time.perf_counter()
        time.sleep(args.idle_seconds)
        c1, t1 = cpu_ticks(pid), time.perf_counter()
        result["idle_cpu_percent"] = (c1 - c0) / TICKS / (t1 - t0) * 100
        result["idle_cpu_ticks"] = c1 - c0
        result["idle_seconds"] = t1 - t0
        result["idle_rss_mb"] = status(pid, "VmRSS") / 1024
        result["idle_threads"] = status(pid, "Threads")

        result["echo_ms"] = summary(echo_latencies(tmux, args.keys, "> "))
        tmux.keys("Enter")
        until(lambda: "echo: abc" in tmux.screen() and "+<you> abc" in tmux.screen(), 10, "the echo peer's answer and receipt")
        time.sleep(1)
        quit_and_wait(tmux)

        # The terminal's own echo (cat on a tty): what the harness adds to every echo figure.
        tmux.fresh_shell()
        tmux.keys("exec cat", literal=True)
        tmux.keys("Enter")
        time.sleep(0.5)
        result["tty_echo_floor_ms"] = summary(echo_latencies(tmux, args.keys, ""))

        # A long history: the original's format (legacy mode), queued before the start, all received and shown.
        t0 = time.perf_counter()
        fill_queue(args.legacy_rx, args.history)
        result["history_fill_s"] = time.perf_counter() - t0
        last = f"m{args.history - 1:06d}"
        _, pid = start(tmux, f"{args.bin} --config {args.legacy_config} --pin-file {args.pin_file}", first_frame, "btrchat's first frame")
        t0 = time.perf_counter()
        until(lambda: last in tmux.screen(), 900, f"the last of {args.history} messages ({last})")
        result["history_receive_s"] = time.perf_counter() - t0
        result["history_messages_per_s"] = args.history / result["history_receive_s"]
        time.sleep(5)
        result["history_lines"] = args.history
        result["history_rss_mb"] = status(pid, "VmRSS") / 1024
        result["history_peak_rss_mb"] = status(pid, "VmHWM") / 1024
        quit_and_wait(tmux)
    finally:
        tmux.kill()

    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        with open(args.json, "w") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    sys.exit(main())

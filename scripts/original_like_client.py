#!/usr/bin/env python3
"""A client that behaves like the original Python btrchat, measured the way BtrChat.Tui.EndToEndBench
measures btrchat, for scripts/bench-e2e.

Each person is one process, as with the original: a boto3 resource, the main thread reads lines and sends
each with one SendMessage (Fernet under the legacy key, PIN + public suffix; MessageGroupId "btrchat" on a
FIFO queue, whose content-based deduplication does the rest), and a receiver thread long-polls the rx queue
(WaitTimeSeconds=20, one message per ReceiveMessage, the default), decrypts and prints each message, then
deletes it with one DeleteMessage.

  original_like_client.py bench --request-log PATH [--kinds standard,fifo] [--messages 100] [--warmup 10]
      [--gap-ms 50] [--burst 1000] [--idle-seconds 60] [--idle-kinds fifo] [--json PATH]
  original_like_client.py peer --pin PIN --tx NAME --rx NAME [--fifo]

`bench` creates its own queues, starts Alice and Bob as two `peer` processes, "types" into Alice's standard
input and reads Bob's standard output (the screen), takes one raw-floor sample (boto3 alone) after each timed
message, as BtrChat.Tui.EndToEndBench does with the .NET SDK, and counts SQS requests from the emulator's request log
(fauxqs with FAUXQS_LOGGER=true: one "incoming request" line per request). Nothing else may use the emulator
meanwhile. The endpoint comes from AWS_ENDPOINT_URL_SQS (boto3 >= 1.28 honours it).

Times are time.perf_counter(), CLOCK_MONOTONIC on Linux, the same clock in every process, so Bob's timestamp
of a printed line and the coordinator's timestamp of the typed line can be subtracted.
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import threading
import time
import uuid

import boto3
from cryptography.fernet import Fernet

SUFFIX = "Hvc6L5DAqES1234DvoM8bMiIduMF93TBcpYf-vc="
GROUP = "btrchat"
MARKER = b'"incoming request"'
QUIET = 1.0
QUIET_LIMIT = 60.0
MESSAGE_TIMEOUT = 30.0
IDLE_SETTLE = 5.0  # the same quiet pause before an idle window as BtrChat.Tui.EndToEndBench takes


# ---------------------------------------------------------------------------------------------------------------
# peer: one person, like the original program


def peer(args):
    fernet = Fernet((args.pin + SUFFIX).encode())
    # One resource for both threads, as the original has; its queue objects are only read after set-up.
    sqs = boto3.resource("sqs")
    tx = sqs.get_queue_by_name(QueueName=args.tx)
    rx = sqs.get_queue_by_name(QueueName=args.rx)
    out = threading.Lock()

    def say(line):
        with out:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()

    def receiver():
        while True:
            for message in rx.receive_messages(WaitTimeSeconds=20):
                text = fernet.decrypt(message.body.encode())
                # The original prints `decrypted >  b'...'`; this line also carries the moment it was shown.
                say(f"rx {time.perf_counter():.9f} {json.dumps(text.decode())}")
                message.delete()

    threading.Thread(target=receiver, daemon=True).start()
    say("ready")
    for line in sys.stdin:
        line = line.rstrip("\n")
        if line.startswith("M "):
            body = fernet.encrypt(line[2:].encode()).decode()
            if args.fifo:
                tx.send_message(MessageBody=body, MessageGroupId=GROUP)
            else:
                tx.send_message(MessageBody=body)
        elif line == "C":
            say(f"cpu {time.process_time():.6f}")
        elif line == "Q":
            break
    # The original waits for the parked long poll to end (up to 20 s); dropping it sends no further request.
    os._exit(0)


# ---------------------------------------------------------------------------------------------------------------
# bench: the coordinator


class RequestLog:
    """Counts "incoming request" lines appended to the emulator's log since the last look (complete lines only)."""

    def __init__(self, path):
        self.file = open(path, "rb")
        self.partial = b""
        self.count_so_far = 0

    def count(self):
        data = self.file.read()
        if data:
            data = self.partial + data
            lines = data.split(b"\n")
            self.partial = lines.pop()
            self.count_so_far += sum(1 for line in lines if MARKER in line)
        return self.count_so_far

    def wait_quiet(self, quiet=QUIET, limit=QUIET_LIMIT):
        start = time.monotonic()
        last = self.count()
        last_change = time.monotonic()
        while time.monotonic() - start < limit:
            time.sleep(0.05)
            now = self.count()
            if now != last:
                last, last_change = now, time.monotonic()
            elif time.monotonic() - last_change >= quiet:
                return now
        raise TimeoutError(f"the emulator kept receiving requests for {limit:.0f} s; nothing else may use it")


class Person:
    """A peer process: lines written to its stdin are typed lines; its stdout is its screen."""

    def __init__(self, name, pin, tx, rx, fifo):
        self.name = name
        command = [sys.executable, os.path.abspath(__file__), "peer", "--pin", pin, "--tx", tx, "--rx", rx]
        if fifo:
            command.append("--fifo")
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        self.arrivals = []
        self.cpu = []
        self.problems = []
        self.changed = threading.Condition()
        self.ready = False
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            kind, _, rest = line.rstrip("\n").partition(" ")
            with self.changed:
                if kind == "rx":
                    stamp, _, text = rest.partition(" ")
                    self.arrivals.append((json.loads(text), float(stamp)))
                elif kind == "cpu":
                    self.cpu.append(float(rest))
                elif kind == "ready":
                    self.ready = True
                else:
                    self.problems.append(line.strip())
                self.changed.notify_all()
        with self.changed:
            self.problems.append(f"exited with status {self.process.wait()}")
            self.changed.notify_all()

    def _wait(self, predicate, timeout, what):
        with self.changed:
            if not self.changed.wait_for(predicate, timeout):
                raise TimeoutError(f"{self.name}: {what} did not happen within {timeout:.0f} s; problems: {self.problems}")

    def wait_ready(self):
        self._wait(lambda: self.ready, MESSAGE_TIMEOUT, "start")

    def type(self, text):
        self.process.stdin.write(f"M {text}\n")
        self.process.stdin.flush()

    def arrival_count(self):
        with self.changed:
            return len(self.arrivals)

    def shown(self, count, timeout=MESSAGE_TIMEOUT):
        """The perf_counter at which the count-th message was printed."""
        self._wait(lambda: len(self.arrivals) >= count, timeout, f"message {count}")
        with self.changed:
            return self.arrivals[count - 1][1]

    def arrivals_from(self, index):
        with self.changed:
            return list(self.arrivals[index:])

    def cpu_seconds(self):
        with self.changed:
            asked = len(self.cpu)
        self.process.stdin.write("C\n")
        self.process.stdin.flush()
        self._wait(lambda: len(self.cpu) > asked, MESSAGE_TIMEOUT, "CPU report")
        with self.changed:
            return self.cpu[-1]

    def quit(self):
        try:
            self.process.stdin.write("Q\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            pass
        self.process.wait(timeout=10)


def stats(samples_ms):
    ordered = sorted(samples_ms)

    def percentile(p):
        rank = p * (len(ordered) - 1)
        low = int(rank)
        high = min(low + 1, len(ordered) - 1)
        return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)

    return {
        "samples": len(ordered),
        "p50_ms": percentile(0.50),
        "p95_ms": percentile(0.95),
        "max_ms": ordered[-1],
        "mean_ms": sum(ordered) / len(ordered),
    }


def progress(line):
    print(f"original-like: {line}", file=sys.stderr, flush=True)


def create_queue(client, name, kind):
    if kind == "fifo":
        name += ".fifo"
        client.create_queue(QueueName=name, Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true"})
    else:
        client.create_queue(QueueName=name)
    return name


def measure_latency(args, alice, bob, log, raw, label):
    """Messages one at a time, typed into Alice until printed by Bob; after each, one raw-floor sample."""
    samples, raw_samples = [], []
    before = raw_before = 0
    for i in range(args.warmup + args.messages):
        if i == args.warmup:
            before = log.wait_quiet()
            raw_before = raw.requests
        text = f"latency {label} {i:04d}"
        count = bob.arrival_count()
        sent = time.perf_counter()
        alice.type(text)
        shown = bob.shown(count + 1)
        arrived = bob.arrivals_from(count)[0][0]
        if arrived != text:
            raise RuntimeError(f'expected "{text}" on Bob\'s screen, got "{arrived}"')
        time.sleep(args.gap_ms / 1000)
        floor = raw.sample()
        if i >= args.warmup:
            samples.append((shown - sent) * 1000)
            raw_samples.append(floor)
        time.sleep(args.gap_ms / 1000)
    after = log.wait_quiet()
    chat = after - before - (raw.requests - raw_before)
    paced = {"messages": args.messages, "requests": chat, "requests_per_message": chat / args.messages}
    return stats(samples), stats(raw_samples), paced


def measure_burst(args, alice, bob, log, client, queue_name, label):
    texts = [f"burst {label} {i:05d}" for i in range(args.burst)]
    first = bob.arrival_count()
    before = log.wait_quiet()
    sent = time.perf_counter()
    # One write, like one tmux send-keys with every line: Alice's main thread sends them one by one.
    alice.process.stdin.write("".join(f"M {text}\n" for text in texts))
    alice.process.stdin.flush()
    last = bob.shown(first + len(texts), timeout=120 + len(texts) / 10)
    seconds = last - sent
    after = log.wait_quiet()
    arrived = [text for text, _ in bob.arrivals_from(first)]
    expected = set(texts)
    attributes = client.get_queue_attributes(
        QueueUrl=client.get_queue_url(QueueName=queue_name)["QueueUrl"],
        AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    )["Attributes"]
    return {
        "messages": len(texts),
        "seconds": seconds,
        "messages_per_second": len(texts) / seconds,
        "requests": after - before,
        "requests_per_message": (after - before) / len(texts),
        "lost": len(texts) - len({t for t in arrived if t in expected}),
        "duplicated": len(arrived) - len(set(arrived)),
        "out_of_order": sum(1 for i, t in enumerate(arrived) if i >= len(texts) or t != texts[i]),
        "left_in_queue": int(attributes["ApproximateNumberOfMessages"]) + int(attributes["ApproximateNumberOfMessagesNotVisible"]),
    }


def measure_idle(args, alice, bob, log, label):
    progress(f"{label}: both clients idle for {args.idle_seconds} s")
    log.wait_quiet()
    time.sleep(IDLE_SETTLE)
    before = log.wait_quiet()
    cpu_before = [alice.cpu_seconds(), bob.cpu_seconds()]
    start = time.perf_counter()
    time.sleep(args.idle_seconds)
    seconds = time.perf_counter() - start
    # Asking for the CPU time is a pipe round trip, not an SQS request.
    cpu = [alice.cpu_seconds() - cpu_before[0], bob.cpu_seconds() - cpu_before[1]]
    requests = log.count() - before
    per_process = sum(cpu) / len(cpu) / seconds * 100
    return {
        "seconds": seconds,
        "clients": 2,
        "requests": requests,
        "requests_per_hour_per_client": requests * 3600 / seconds / 2,
        "cpu_seconds": sum(cpu),
        "cpu_percent_of_one_core_per_process": per_process,
        "cpu_percent_of_one_core_per_client": per_process,
    }


class RawFloorProbe:
    """boto3 alone, no chat: a receiver already parked in a 20 s long poll, then send_message; the time from the
    send call until the receive returns. Counts its requests, so that a request count taken while its samples are
    interleaved with chat messages can leave them out."""

    def __init__(self, queue_name, kind):
        self.sender = boto3.session.Session().client("sqs")
        self.receiver = boto3.session.Session().client("sqs")
        self.url = self.sender.get_queue_url(QueueName=queue_name)["QueueUrl"]
        self.kind = kind
        self.sequence = 0
        self.requests = 0

    def sample(self):
        got = {}

        def receive():
            while True:
                response = self.receiver.receive_message(QueueUrl=self.url, WaitTimeSeconds=20)
                now = time.perf_counter()
                got["requests"] = got.get("requests", 0) + 1
                if response.get("Messages"):
                    got["at"], got["handle"] = now, response["Messages"][0]["ReceiptHandle"]
                    return

        thread = threading.Thread(target=receive)
        thread.start()
        time.sleep(0.02)
        extra = {"MessageGroupId": GROUP, "MessageDeduplicationId": uuid.uuid4().hex} if self.kind == "fifo" else {}
        sent = time.perf_counter()
        self.sender.send_message(QueueUrl=self.url, MessageBody=f"raw {self.sequence}", **extra)
        self.sequence += 1
        thread.join(MESSAGE_TIMEOUT)
        if "at" not in got:
            raise TimeoutError("raw floor: the parked receive did not return")
        self.receiver.delete_message(QueueUrl=self.url, ReceiptHandle=got["handle"])
        self.requests += got["requests"] + 2
        return (got["at"] - sent) * 1000


def run_pair(args, log, client, kind):
    run = uuid.uuid4().hex[:8]
    a2b = create_queue(client, f"orig-{run}-alice-to-bob", kind)
    b2a = create_queue(client, f"orig-{run}-bob-to-alice", kind)
    raw_probe = RawFloorProbe(create_queue(client, f"orig-{run}-raw", kind), kind)
    progress(f"{kind}: queues {a2b} and {b2a}")
    started = time.perf_counter()
    alice = Person("alice", args.pin, a2b, b2a, kind == "fifo")
    bob = Person("bob", args.pin, b2a, a2b, kind == "fifo")
    try:
        alice.wait_ready()
        bob.wait_ready()
        startup_ms = (time.perf_counter() - started) * 1000
        progress(f"{kind}: both clients ready after {startup_ms:.0f} ms (process start, boto3 set-up, 2 GetQueueUrl each)")

        latency, raw, paced = measure_latency(args, alice, bob, log, raw_probe, kind)
        progress(f"{kind}: one-way latency p50 {latency['p50_ms']:.2f} ms, p95 {latency['p95_ms']:.2f} ms, max {latency['max_ms']:.2f} ms; {paced['requests_per_message']:.2f} requests/message at that pace")
        progress(f"{kind}: raw floor (boto3) p50 {raw['p50_ms']:.2f} ms, p95 {raw['p95_ms']:.2f} ms, max {raw['max_ms']:.2f} ms")

        burst = measure_burst(args, alice, bob, log, client, a2b, kind)
        progress(f"{kind}: burst of {burst['messages']} in {burst['seconds']:.3f} s = {burst['messages_per_second']:.0f} msg/s, {burst['requests_per_message']:.3f} requests/message, lost {burst['lost']}, duplicated {burst['duplicated']}, out of order {burst['out_of_order']}, left in queue {burst['left_in_queue']}")

        idle = None
        if args.idle_seconds > 0 and kind in args.idle_kinds:
            idle = measure_idle(args, alice, bob, log, kind)
            progress(f"{kind}: idle {idle['seconds']:.0f} s: {idle['requests']} requests = {idle['requests_per_hour_per_client']:.0f} per hour per client; CPU {idle['cpu_seconds']:.3f} s for both processes ({idle['cpu_percent_of_one_core_per_client']:.4f}% of one core per client)")
        problems = [f"alice: {p}" for p in alice.problems] + [f"bob: {p}" for p in bob.problems]
    finally:
        alice.quit()
        bob.quit()

    return {
        "kind": kind,
        "handshake_ms": None,
        "startup_ms": startup_ms,
        "latency": latency,
        "paced": paced,
        "burst": burst,
        "idle": idle,
        "raw_floor": raw,
        "problems": problems,
    }


def bench(args):
    if not os.environ.get("AWS_ENDPOINT_URL_SQS"):
        sys.exit("original_like_client.py: set AWS_ENDPOINT_URL_SQS to the emulator's URL")
    os.environ.setdefault("AWS_DEFAULT_REGION", os.environ.get("AWS_REGION", "us-east-1"))
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "btrchat-bench")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "btrchat-bench")
    import botocore
    import cryptography

    log = RequestLog(args.request_log)
    client = boto3.session.Session().client("sqs")
    runtime = f"Python {platform.python_version()}, boto3 {boto3.__version__}, botocore {botocore.__version__}, cryptography {cryptography.__version__}"
    progress(runtime)
    pairs = [run_pair(args, log, client, kind) for kind in args.kinds]
    result = {
        "client": "original-like",
        "runtime": runtime,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "processor_count": os.cpu_count(),
        "pairs": pairs,
    }
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=2)

    print(f"original-like Python client end to end ({runtime}, {result['date']}): one process per client")
    print()
    print("| queue | one-way p50 / p95 / max | raw floor (boto3) p50 / p95 | burst | requests/msg (burst) | requests/msg (paced) | lost / dup / out of order / left | idle requests/h per client | idle CPU per client |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for p in pairs:
        lat, raw, b, i = p["latency"], p["raw_floor"], p["burst"], p["idle"]
        idle_requests = f"{i['requests_per_hour_per_client']:.0f} ({i['requests']} in {i['seconds']:.0f} s, 2 clients)" if i else "not measured"
        idle_cpu = f"{i['cpu_percent_of_one_core_per_client']:.4f}% of a core" if i else "not measured"
        print(f"| {p['kind']} | {lat['p50_ms']:.2f} / {lat['p95_ms']:.2f} / {lat['max_ms']:.2f} ms | {raw['p50_ms']:.2f} / {raw['p95_ms']:.2f} ms "
              f"| {b['messages']} in {b['seconds']:.3f} s = {b['messages_per_second']:.0f} msg/s | {b['requests_per_message']:.3f} | {p['paced']['requests_per_message']:.2f} "
              f"| {b['lost']} / {b['duplicated']} / {b['out_of_order']} / {b['left_in_queue']} | {idle_requests} | {idle_cpu} |")
    for p in pairs:
        for problem in p["problems"]:
            progress(f"problem: {p['kind']}: {problem}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    modes = parser.add_subparsers(dest="mode", required=True)
    b = modes.add_parser("bench")
    b.add_argument("--request-log", required=True)
    b.add_argument("--kinds", default="standard,fifo", type=lambda s: [k for k in s.split(",") if k])
    b.add_argument("--messages", type=int, default=100)
    b.add_argument("--warmup", type=int, default=10)
    b.add_argument("--gap-ms", type=int, default=50)
    b.add_argument("--burst", type=int, default=1000)
    b.add_argument("--idle-seconds", type=int, default=60)
    b.add_argument("--idle-kinds", default="fifo", type=lambda s: [k for k in s.split(",") if k])
    b.add_argument("--pin", default="1234")
    b.add_argument("--json")
    p = modes.add_parser("peer")
    p.add_argument("--pin", required=True)
    p.add_argument("--tx", required=True)
    p.add_argument("--rx", required=True)
    p.add_argument("--fifo", action="store_true")
    args = parser.parse_args()
    for kind in getattr(args, "kinds", []) + getattr(args, "idle_kinds", []):
        if kind not in ("standard", "fifo"):
            parser.error(f"unknown queue kind {kind} (standard, fifo)")
    if args.mode == "peer":
        peer(args)
    else:
        bench(args)


if __name__ == "__main__":
    main()

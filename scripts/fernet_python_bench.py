#!/usr/bin/env python3
"""Times Python cryptography's Fernet on the messages BtrChat.Tui.Benchmarks' FernetBenchmarks uses.

Encrypt, decrypt, and encrypt-then-decrypt of a 100-byte and a 4 KiB message, each timed with timeit: the
number of calls per run is chosen so one run lasts at least --min-run seconds, several runs are made, and
the median run is reported in nanoseconds per operation (the minimum too). Single-threaded by nature; run it
under `taskset -c N` (scripts/bench does) to pin it to the same core as the .NET benchmarks.

Prints a table, and with --json PATH also writes the numbers for scripts/bench to compare.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import timeit

import cryptography
from cryptography.fernet import Fernet

SIZES = (100, 4096)


def measure(stmt, min_run, repeats):
    timer = timeit.Timer(stmt)
    number = 1
    while True:
        elapsed = timer.timeit(number)
        if elapsed >= min_run:
            break
        number *= 2 if elapsed == 0 else max(2, min(10, int(min_run / elapsed * 1.2) + 1))
    runs = [elapsed] + timer.repeat(repeat=repeats - 1, number=number)
    per_op = [run / number * 1e9 for run in runs]
    return {"median_ns": statistics.median(per_op), "min_ns": min(per_op), "calls_per_run": number, "runs": len(runs)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="timed runs per operation (default 7)")
    parser.add_argument("--min-run", type=float, default=0.5, help="least seconds per run (default 0.5)")
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    args = parser.parse_args()

    fernet = Fernet(Fernet.generate_key())
    results = []
    for size in SIZES:
        message = os.urandom(size)
        token = fernet.encrypt(message)
        if fernet.decrypt(token) != message:
            sys.exit("fernet_python_bench: the token does not decrypt")
        ops = {
            "Encrypt": lambda: fernet.encrypt(message),
            "Decrypt": lambda: fernet.decrypt(token),
            "EncryptThenDecrypt": lambda: fernet.decrypt(fernet.encrypt(message)),
        }
        for name, stmt in ops.items():
            results.append({"op": name, "size": size, **measure(stmt, args.min_run, args.repeats)})

    cpus = sorted(os.sched_getaffinity(0))
    info = {
        "python": platform.python_version(),
        "cryptography": cryptography.__version__,
        "openssl": _openssl_version(),
        "cpus": cpus,
        "results": results,
    }
    print(f"Python {info['python']}, cryptography {info['cryptography']} ({info['openssl']}), CPUs {cpus}")
    print(f"{'op':<20} {'size':>6} {'median ns/op':>14} {'min ns/op':>12} {'calls/run':>10}")
    for r in results:
        print(f"{r['op']:<20} {r['size']:>6} {r['median_ns']:>14,.0f} {r['min_ns']:>12,.0f} {r['calls_per_run']:>10}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(info, out, indent=2)


def _openssl_version():
    try:
        from cryptography.hazmat.backends.openssl.backend import backend

        return backend.openssl_version_text()
    except Exception:  # the version string is information only
        return "OpenSSL ?"


if __name__ == "__main__":
    main()

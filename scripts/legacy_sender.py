#!/usr/bin/env python3
"""Sends messages the way the original Python btrchat does (legacy mode: Fernet under the PIN + the public suffix,
one SendMessage each, MessageGroupId "btrchat" on a FIFO queue), for scripts/e2e-hostile-text.sh.

  legacy_sender.py --pin PIN --queue NAME < messages.json

The messages are a JSON array of strings on standard input, so that any character, control characters included,
can be written down (as \\u escapes). The endpoint comes from AWS_ENDPOINT_URL_SQS (boto3 >= 1.28 honours it).
"""
import argparse
import json
import sys

import boto3
from cryptography.fernet import Fernet

SUFFIX = "Hvc6L5DAqES1234DvoM8bMiIduMF93TBcpYf-vc="
GROUP = "btrchat"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pin", required=True)
    parser.add_argument("--queue", required=True)
    args = parser.parse_args()
    messages = json.load(sys.stdin)
    fernet = Fernet((args.pin + SUFFIX).encode())
    queue = boto3.resource("sqs").get_queue_by_name(QueueName=args.queue)
    fifo = args.queue.endswith(".fifo")
    for text in messages:
        body = fernet.encrypt(text.encode()).decode()
        if fifo:
            queue.send_message(MessageBody=body, MessageGroupId=GROUP)
        else:
            queue.send_message(MessageBody=body)
    print(f"sent {len(messages)}")


if __name__ == "__main__":
    main()

"""The original Python btrchat's wire format, as a scriptable client for interop tests.

Key: the 4-character PIN + a public suffix, used as a Fernet key. Body: the token text.
Plaintext: the message's UTF-8 bytes. FIFO sends use MessageGroupId "btrchat" and rely on the
queue's content-based deduplication. Receiving long-polls one message at a time and deletes each
message after printing it, like the original's receiver thread.

  send PIN QUEUE        one message per line of standard input
  receive PIN QUEUE N   prints N messages, one per line, as JSON strings
"""
import json
import sys

import boto3
from cryptography.fernet import Fernet

SUFFIX = "Hvc6L5DAqES1234DvoM8bMiIduMF93TBcpYf-vc="


def main():
    mode, pin, queue_name = sys.argv[1], sys.argv[2], sys.argv[3]
    fernet = Fernet((pin + SUFFIX).encode())
    queue = boto3.resource("sqs").get_queue_by_name(QueueName=queue_name)
    if mode == "send":
        for line in sys.stdin.read().splitlines():
            queue.send_message(MessageBody=fernet.encrypt(line.encode()).decode(), MessageGroupId="btrchat")
    elif mode == "receive":
        wanted = int(sys.argv[4])
        while wanted > 0:
            for message in queue.receive_messages(WaitTimeSeconds=20):
                print(json.dumps(fernet.decrypt(message.body.encode()).decode()), flush=True)
                message.delete()
                wanted -= 1
    else:
        sys.exit(f"unknown mode {mode}")


main()

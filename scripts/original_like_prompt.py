#!/usr/bin/env python3
"""Starts the way the original Python btrchat starts, for scripts/bench-terminal: the same imports (boto3, time,
cryptography's Fernet), then the same PIN prompt. Nothing else: the time from launch until the prompt is on screen
is the original's start-up, measured beside btrchat's first frame. Ctrl-C or end of input ends it.
"""
import boto3  # noqa: F401  (imported for its start-up cost, as the original does)
import time  # noqa: F401
from cryptography.fernet import Fernet  # noqa: F401

try:
    input("enter 4 digit pin for encryption key: ")
except (EOFError, KeyboardInterrupt):
    pass

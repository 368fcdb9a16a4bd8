"""Drives the SMQ and VOD emulators through the official Python SDKs (endpoints from the environment)."""

import os
import sys
from dataclasses import dataclass

import smq_checks
import vod_checks
from checks import Suite


@dataclass(frozen=True)
class Env:
    smq_endpoint: str
    vod_endpoint: str
    access_key_id: str
    access_key_secret: str


def main():
    env = Env(
        smq_endpoint=os.environ["SMQ_ENDPOINT"],
        vod_endpoint=os.environ["VOD_ENDPOINT"],
        access_key_id=os.environ["ACCESS_KEY_ID"],
        access_key_secret=os.environ["ACCESS_KEY_SECRET"],
    )
    suite = Suite("python")
    smq_checks.register(suite, env)
    vod_checks.register(suite, env)
    sys.exit(suite.run())


if __name__ == "__main__":
    main()

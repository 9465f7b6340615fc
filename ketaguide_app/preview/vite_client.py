"""In place of `bun run export`: ask the warm Vite builder for one build, print what it prints, exit with its status.

Run as `python vite_client.py REQUESTS ANSWERS`, the two ends of the builder's pipes being
open in this process under those numbers; the folder and environment it runs in are the ones the build gets.
"""

from __future__ import annotations

import json
import os
import sys

DONE = b"\x00ketaguide-vite-build-done"


def main(requests: int, answers: int) -> int:
    """Send this process's folder and environment as one request; relay the answer until its last line."""
    request = {"id": os.getpid(), "cwd": os.getcwd(), "env": dict(os.environ)}
    os.write(requests, (json.dumps(request) + "\n").encode("utf-8"))
    with os.fdopen(answers, "rb") as answer:
        for line in answer:
            if line.startswith(DONE):
                _, asked, code = line.split()
                if int(asked) == request["id"]:
                    return int(code)
                continue  # the end of a build asked for by a client that is gone
            sys.stdout.buffer.write(line)
            sys.stdout.flush()
    print("the warm Vite builder stopped before the build ended", flush=True)
    return 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]), int(sys.argv[2])))

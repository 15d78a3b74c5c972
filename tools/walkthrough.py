#!/usr/bin/env python3
"""Prints the README's walkthrough as a script for another server.

usage: tools/walkthrough.py README.md BASE_URL

The base URL replaces http://127.0.0.1:8080, and every statement that takes a token from the local dev issuer
(POST /dev/tokens) is dropped: the caller provides TOKEN (a MEMBER of a tenant) and ADMIN (an ADMIN of the same
tenant) in the environment instead, e.g. ID tokens from the Cognito user pool.
"""
import re
import sys


def main():
    readme, base = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2].rstrip("/")
    block = re.search(r"## Walkthrough.*?```bash\n(.*?)```", readme, re.S).group(1)
    statements, current = [], ""
    for line in block.splitlines():
        current += line + "\n"
        if not line.rstrip().endswith("\\"):
            statements.append(current)
            current = ""
    kept = [s for s in statements if "/dev/tokens" not in s]
    script = "".join(kept).replace("B=http://127.0.0.1:8080", "B=" + base)
    print(': "${TOKEN:?set TOKEN to a MEMBER token}" "${ADMIN:?set ADMIN to an ADMIN token of the same tenant}"')
    print(script)


if __name__ == "__main__":
    main()

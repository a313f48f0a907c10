#!/usr/bin/env bash
# Prints the path of a Python venv with the peers' pinned packages (../shared/tools/peers.py's PINS),
# creating it on first use under .build-peers/venv. peers.py would make the venv itself, but the
# machine's pip (23.2) cannot resolve those pins, so pip is upgraded first.
# usage: venv=$(Scripts/peers-venv.sh PEERS_PY)
set -euo pipefail
cd "$(dirname "$0")/.."
peers=$1
venv=.build-peers/venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv" >&2
  "$venv/bin/python" -m pip install -q -U pip >&2
  pins=$(python3 -c "import ast,sys; t=ast.parse(open(sys.argv[1]).read()); print(' '.join(next(ast.literal_eval(n.value) for n in t.body if isinstance(n, ast.Assign) and getattr(n.targets[0], 'id', '') == 'PINS')))" "$peers")
  "$venv/bin/python" -m pip install -q $pins >&2
fi
echo "$venv"

#!/usr/bin/env bash
# Installs the Debian packages Winnow builds against, if any is missing (needs root or sudo).
set -euo pipefail
missing=()
for pkg in libxml2-dev zlib1g-dev libzstd-dev libuchardet-dev libcld2-dev libsqlite3-dev pkg-config; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing ${missing[*]}" >&2
sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -qq
$sudo_cmd apt-get install -y -qq "${missing[@]}"

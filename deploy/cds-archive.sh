#!/usr/bin/env bash
# Makes the class-data archive (AppCDS) a MOTAM app starts from: runs the app once with
# -XX:ArchiveClassesAtExit (Java 13+, so Java 17 on Bookworm and 21 on Trixie alike) until
# Quarkus reports it started, ends it cleanly (SIGTERM), and keeps the archive the JVM wrote at
# exit. The unit then starts with -XX:SharedArchiveFile=ARCHIVE; an archive that no longer
# matches (another JDK or jar) is ignored by the JVM with a warning, never fatal.
#
#   usage: cds-archive.sh ARCHIVE JAR [java-option...]
#
# The java options are the unit's JAVA_OPTS (without its -XX:SharedArchiveFile) plus whatever
# the training run needs to start without touching the real service (free ports, no broker);
# the data folder is always a throwaway one (motam.data-dir) and the camera reads no camera
# (motam.camera.source is an empty folder: it idles). Environment: JAVA (default: java on PATH),
# CDS_TIMEOUT seconds (default 120).
set -euo pipefail
archive="${1:?usage: cds-archive.sh ARCHIVE JAR [java-option...]}"
jar="${2:?usage: cds-archive.sh ARCHIVE JAR [java-option...]}"
shift 2
java="${JAVA:-java}"
timeout="${CDS_TIMEOUT:-120}"
[[ -f "$jar" ]] || { echo "cds-archive: no such jar: $jar" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tmp_archive="$work/app.jsa"
log="$work/train.log"

mkdir -p "$work/data" "$work/no-camera"
: >"$log" # exists before the first look for the start line
"$java" "$@" -Dmotam.data-dir="$work/data" -Dmotam.camera.source="$work/no-camera" \
  -XX:ArchiveClassesAtExit="$tmp_archive" -jar "$jar" >"$log" 2>&1 &
pid=$!
started=""
for ((i = 0; i < timeout * 10; i++)); do
  if grep -q ' started in ' "$log"; then started=yes; break; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if [[ -z "$started" ]]; then
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "cds-archive: the training run of $jar did not start within ${timeout}s; no archive (last lines:)" >&2
  tail -5 "$log" >&2
  exit 1
fi
sleep 2 # lets the first requests and timers load their classes too
kill -TERM "$pid"
wait "$pid" || true # a SIGTERM exit status is expected; the archive is written on the way out
if [[ ! -s "$tmp_archive" ]]; then
  echo "cds-archive: the JVM wrote no archive (last lines:)" >&2
  tail -5 "$log" >&2
  exit 1
fi
install -d "$(dirname "$archive")"
mv "$tmp_archive" "$archive.new"
chmod 0644 "$archive.new"
mv "$archive.new" "$archive"
echo "cds-archive: wrote $archive ($(du -k "$archive" | cut -f1) KiB)"

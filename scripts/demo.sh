#!/usr/bin/env bash
# Runs the MOTAM demo: gateway + camera on loopback, an MQTT broker (embedded Moquette unless
# MOTAM_MQTT_HOST names one), real footage of two people; prints every MQTT message. Ctrl-C ends it.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
if [[ ! -f camera-app/target/quarkus-app/quarkus-run.jar || ! -f gateway-app/target/quarkus-app/quarkus-run.jar \
      || ! -d demo/target/classes ]]; then
  echo "demo: building (first time only)…"
  mvn -B -q install -DskipTests
fi
exec mvn -B -q -pl demo exec:java -Dmotam.repo.dir="$here"

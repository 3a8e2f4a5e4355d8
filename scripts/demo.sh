#!/usr/bin/env bash
# Runs the MOTAM demo: gateway + camera on loopback, an MQTT broker (embedded Moquette unless
# MOTAM_MQTT_HOST names one), real footage of two people; prints every MQTT message. Ctrl-C ends it.
# A broker that needs them gets the gateway's settings from the environment: MOTAM_MQTT_PORT,
# MOTAM_MQTT_USERNAME, MOTAM_MQTT_PASSWORD, MOTAM_MQTT_TLS_ENABLED, MOTAM_MQTT_TLS_CA_FILE, ...
# Works on a fresh clone before or after `mvn -B verify`: it builds with `mvn package` (never
# `mvn install`) when a part is missing, then runs the demo from demo/target with plain java.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
if [[ ! -f camera-app/target/quarkus-app/quarkus-run.jar || ! -f gateway-app/target/quarkus-app/quarkus-run.jar \
      || ! -f demo/target/classes/io/motam/demo/DemoMain.class || ! -d demo/target/lib ]]; then
  echo "demo: building (first time only)…"
  mvn -B -q package -DskipTests
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" -cp "demo/target/classes:demo/target/lib/*" -Dmotam.repo.dir="$here" io.motam.demo.DemoMain "$@"

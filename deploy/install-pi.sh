#!/usr/bin/env bash
# Installs a built MOTAM app on a Raspberry Pi (JVM mode) and starts it at boot.
#   usage: sudo deploy/install-pi.sh gateway|camera
# Build first on any machine: mvn -B package -DskipTests (add -Parm64 when not building on the Pi).
set -euo pipefail
app="${1:?usage: install-pi.sh gateway|camera}"
case "$app" in gateway|camera) ;; *) echo "unknown app $app" >&2; exit 2;; esac
here="$(cd "$(dirname "$0")/.." && pwd)"
src="$here/$app-app/target/quarkus-app"
[[ -f "$src/quarkus-run.jar" ]] || { echo "build first: $src/quarkus-run.jar is missing" >&2; exit 2; }
apt-get install -y -qq openjdk-17-jre-headless
[[ "$app" == gateway ]] && apt-get install -y -qq mosquitto
id motam >/dev/null 2>&1 || useradd --system --home /var/lib/motam --shell /usr/sbin/nologin motam
install -d -o root -g root -m 0755 /opt/motam
rm -rf "/opt/motam/$app" && cp -r "$src" "/opt/motam/$app"
install -d -m 0755 /etc/motam
[[ -f "/etc/motam/$app.properties" ]] || install -m 0640 -g motam "$here/deploy/config/$app.properties" "/etc/motam/$app.properties"
install -m 0644 "$here/deploy/systemd/motam-$app.service" /etc/systemd/system/
systemctl daemon-reload
systemctl enable --now "motam-$app.service"
systemctl --no-pager status "motam-$app.service" | head -5

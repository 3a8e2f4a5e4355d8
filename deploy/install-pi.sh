#!/usr/bin/env bash
# Installs a built MOTAM app on a Raspberry Pi (Raspberry Pi OS / Debian Bookworm or Trixie, JVM
# mode) and (re)starts it at boot. Run it again to update: it is idempotent and restarts the service.
#
#   usage: sudo deploy/install-pi.sh gateway|camera [models-folder]
#
# Build first on any machine: mvn -B package -DskipTests (add -Parm64 when not building on the Pi).
#
# What it does: apt-get update; installs the distribution's default Java (default-jre-headless:
# 17 on Bookworm, 21 on Trixie), bluez, and mosquitto for the gateway; creates the system user
# motam (groups video for the camera and bluetooth for BlueZ); copies the app to /opt/motam/<app>;
# installs /etc/motam/<app>.properties once (0640 root:motam) and the D-Bus policy
# /etc/dbus-1/system.d/motam-bluetooth.conf (then reloads D-Bus); for the camera, installs the
# ONNX face models of [models-folder] (default camera-app/target/face-models) into
# /opt/motam/models/faceplugin;
# for the gateway, asks for the release code when the properties hold no hash yet and writes
# motam.gateway.release.code-hash; makes the app's class-data archive /var/lib/motam/<app>/app.jsa
# (deploy/cds-archive.sh, installed as /opt/motam/bin/cds-archive.sh: one training start as user
# motam with the unit's JAVA_OPTS, a throwaway data folder, free ports and no broker); installs the
# unit, enables it and restarts it.
#
# Environment:
#   MOTAM_RELEASE_CODE  the gateway's release code for unattended installs (else asked twice, hidden)
#   MOTAM_ROOT          install below this folder instead of / (a throwaway root for checks): no
#                       apt-get, useradd, chown, systemctl or D-Bus calls, each printed as "would run: ..."
#   JAVA                java used to hash the release code (default: java on PATH)
set -euo pipefail
app="${1:-}"
case "$app" in gateway|camera) ;; *) echo "usage: install-pi.sh gateway|camera [models-folder]" >&2; exit 2;; esac
here="$(cd "$(dirname "$0")/.." && pwd)"
src="$here/$app-app/target/quarkus-app"
[[ -f "$src/quarkus-run.jar" ]] || { echo "install-pi: build first: $src/quarkus-run.jar is missing" >&2; exit 2; }
root="${MOTAM_ROOT:-}"
root="${root%/}"
java="${JAVA:-java}"
if [[ -z "$root" && "$(id -u)" != 0 ]]; then
  echo "install-pi: run as root (sudo), or set MOTAM_ROOT to install into a folder" >&2
  exit 2
fi

# Runs a command that changes the system; with MOTAM_ROOT only prints it.
system() {
  if [[ -n "$root" ]]; then echo "would run: $*"; else "$@"; fi
}

# --- packages ---------------------------------------------------------------------------------
packages=(default-jre-headless bluez)
[[ "$app" == gateway ]] && packages+=(mosquitto)
system apt-get update -qq
system env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}"

# --- user and groups --------------------------------------------------------------------------
if [[ -n "$root" ]] || ! getent passwd motam >/dev/null; then
  system useradd --system --user-group --home-dir /var/lib/motam --shell /usr/sbin/nologin motam
fi
for g in video bluetooth; do
  if [[ -n "$root" ]] || getent group "$g" >/dev/null; then system usermod -a -G "$g" motam; fi
done

# --- the app ----------------------------------------------------------------------------------
install -d -m 0755 "$root/opt/motam"
rm -rf "$root/opt/motam/$app.new"
cp -r "$src" "$root/opt/motam/$app.new"
chmod -R u=rwX,go=rX "$root/opt/motam/$app.new"
rm -rf "$root/opt/motam/$app.old"
[[ -d "$root/opt/motam/$app" ]] && mv "$root/opt/motam/$app" "$root/opt/motam/$app.old"
mv "$root/opt/motam/$app.new" "$root/opt/motam/$app"
rm -rf "$root/opt/motam/$app.old"
install -m 0644 "$here/README.md" "$root/opt/motam/README.md"
install -d -m 0755 "$root/opt/motam/bin"
install -m 0755 "$here/deploy/cds-archive.sh" "$root/opt/motam/bin/cds-archive.sh"
install -d -m 0750 "$root/var/lib/motam" "$root/var/lib/motam/$app"
system chown motam:motam /var/lib/motam "/var/lib/motam/$app"

# --- settings ---------------------------------------------------------------------------------
props="$root/etc/motam/$app.properties"
install -d -m 0750 "$root/etc/motam"
system chown root:motam /etc/motam
if [[ ! -f "$props" ]]; then
  install -m 0640 "$here/deploy/config/$app.properties" "$props"
  echo "install-pi: installed /etc/motam/$app.properties (edit it, then: systemctl restart motam-$app)"
else
  echo "install-pi: kept /etc/motam/$app.properties"
fi
chmod 0640 "$props"
system chown root:motam "/etc/motam/$app.properties"

if [[ "$app" == gateway ]]; then
  if grep -q '^motam\.gateway\.release\.code-hash=.' "$props"; then
    echo "install-pi: the release code hash is already set (kept)"
  else
    code="${MOTAM_RELEASE_CODE:-}"
    if [[ -z "$code" ]]; then
      if ! (exec </dev/tty) 2>/dev/null; then
        echo "install-pi: no terminal to ask for the release code: set MOTAM_RELEASE_CODE" >&2
        exit 2
      fi
      read -r -s -p "Release code (lifts a BLOCKED system; at least 6 characters): " code </dev/tty; echo >/dev/tty
      read -r -s -p "The same code again: " again </dev/tty; echo >/dev/tty
      [[ "$code" == "$again" ]] || { echo "install-pi: the two codes differ; nothing written" >&2; exit 2; }
      unset again
    fi
    # the code goes in on standard input (printf is a shell builtin: it never shows in ps)
    line="$(printf '%s\n' "$code" | "$java" -jar "$root/opt/motam/gateway/quarkus-run.jar" hash-release-code \
            | grep '^motam\.gateway\.release\.code-hash=' || true)"
    unset code
    [[ -n "$line" ]] || { echo "install-pi: hash-release-code made no hash (is the code at least 6 characters?)" >&2; exit 2; }
    # replace a commented or empty key, else append
    tmp="$props.tmp"
    grep -v '^#\? *motam\.gateway\.release\.code-hash=' "$props" > "$tmp" || true
    printf '%s\n' "$line" >> "$tmp"
    chmod 0640 "$tmp"
    mv "$tmp" "$props"
    system chown root:motam "/etc/motam/$app.properties"
    echo "install-pi: release code hash written to /etc/motam/gateway.properties"
  fi
fi

# --- camera models ----------------------------------------------------------------------------
if [[ "$app" == camera ]]; then
  # made by camera-app/scripts/fetch-face-models.sh (pinned npm package, SHA-256 checked); the
  # camera's default motam.recognition.model-dir is /opt/motam/models/faceplugin
  models="${2:-$here/camera-app/target/face-models}"
  shopt -s nullglob
  onnx=("$models"/*.onnx)
  shopt -u nullglob
  if (( ${#onnx[@]} )); then
    install -d -m 0755 "$root/opt/motam/models" "$root/opt/motam/models/faceplugin"
    install -m 0644 "${onnx[@]}" "$root/opt/motam/models/faceplugin/"
    echo "install-pi: installed ${#onnx[@]} model file(s) into /opt/motam/models/faceplugin (see docs/camera.md)"
    engine=embedding
  else
    echo "install-pi: note: no ONNX models in $models; the camera uses its built-in LBPH engine (docs/camera.md)"
    engine=lbph
  fi
  # motam.recognition.engine is the one setting that chooses the engine: written here to match
  # what was installed, unless the operator already set it
  if grep -q '^motam\.recognition\.engine=.' "$props"; then
    echo "install-pi: kept $(grep '^motam\.recognition\.engine=' "$props" | tail -n 1) in /etc/motam/camera.properties"
  else
    tmp="$props.tmp"
    grep -v '^#\? *motam\.recognition\.engine=' "$props" > "$tmp" || true
    printf 'motam.recognition.engine=%s\n' "$engine" >> "$tmp"
    chmod 0640 "$tmp"
    mv "$tmp" "$props"
    system chown root:motam "/etc/motam/camera.properties"
    echo "install-pi: motam.recognition.engine=$engine written to /etc/motam/camera.properties"
  fi
fi

# --- class-data archive (faster start, docs/benchmarks.md) -------------------------------------
# The unit's JAVA_OPTS without its -XX:SharedArchiveFile; the training start never reaches the
# real broker, Bluetooth, ports or data (the running service, if any, keeps running meanwhile).
unit_opts="$(sed -n 's/^Environment="JAVA_OPTS=\(.*\)"$/\1/p' "$here/deploy/systemd/motam-$app.service")"
read -r -a train_opts <<<"$unit_opts"
opts=()
for o in "${train_opts[@]}"; do [[ "$o" == -XX:SharedArchiveFile=* ]] || opts+=("$o"); done
opts+=(-Dquarkus.config.locations="/etc/motam/$app.properties" -Dmotam.link.transport=tcp -Dquarkus.http.port=0)
if [[ "$app" == gateway ]]; then
  opts+=(-Dmotam.link.tcp.port=0 -Dmotam.mqtt.host=127.0.0.1 -Dmotam.mqtt.port=1)
else
  opts+=(-Dorg.bytedeco.javacpp.cachedir=/var/lib/motam/camera/javacpp)
fi
if [[ -n "$root" ]]; then
  echo "would run: runuser -u motam -- /opt/motam/bin/cds-archive.sh /var/lib/motam/$app/app.jsa /opt/motam/$app/quarkus-run.jar ${opts[*]}"
elif ! runuser -u motam -- env JAVA="$java" /opt/motam/bin/cds-archive.sh "/var/lib/motam/$app/app.jsa" \
        "/opt/motam/$app/quarkus-run.jar" "${opts[@]}"; then
  echo "install-pi: note: no class-data archive; motam-$app starts without it (slower)" >&2
  rm -f "/var/lib/motam/$app/app.jsa"
fi

# --- D-Bus policy for BlueZ -------------------------------------------------------------------
install -d -m 0755 "$root/etc/dbus-1/system.d"
install -m 0644 "$here/deploy/dbus/motam-bluetooth.conf" "$root/etc/dbus-1/system.d/motam-bluetooth.conf"
system systemctl reload dbus

# --- service ----------------------------------------------------------------------------------
install -d -m 0755 "$root/etc/systemd/system"
install -m 0644 "$here/deploy/systemd/motam-$app.service" "$root/etc/systemd/system/motam-$app.service"
system systemctl daemon-reload
system systemctl enable "motam-$app.service"
# restart: starts a stopped service, and a running one picks up the new files
system systemctl restart "motam-$app.service"
if [[ -z "$root" ]]; then
  systemctl --no-pager status "motam-$app.service" | head -5 || true
fi
echo "install-pi: motam-$app installed${root:+ into $root}"

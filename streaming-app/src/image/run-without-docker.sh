#!/usr/bin/env bash
# Runs the image tarball as a container runtime would, on machines without a Docker daemon (like the build
# machine): unpacks its layers in order, then starts its Entrypoint with its Env, User and WorkingDir, chrooted
# into them, in new mount and PID namespaces, on the host's network. Needs root. Extra arguments are NAME=value
# settings added to the image's environment, e.g. DB_URL=jdbc:postgresql://127.0.0.1:5432/test.
# Usage: run-without-docker.sh <streaming-app-image.tar> [NAME=value ...]
set -euo pipefail
image=$1; shift
work=$(mktemp -d) && root=$work/rootfs && mkdir -p "$root"
tar -xf "$image" -C "$work"
for layer in $(jq -r '.[0].Layers[]' "$work/manifest.json"); do tar --warning=no-unknown-keyword -xzf "$work/$layer" -C "$root"; done
config=$work/$(jq -r '.[0].Config' "$work/manifest.json")
mapfile -t entrypoint < <(jq -r '.config.Entrypoint[]' "$config")
mapfile -t env < <(jq -r '.config.Env[]' "$config")
IFS=: read -r uid gid <<< "$(jq -r '.config.User' "$config")"
# the devices a runtime provides; /proc comes with the PID namespace
mkdir -p "$root/proc" "$root/dev" && cp -a /dev/{null,zero,random,urandom} "$root/dev/"
echo "root file system of the container: $root" >&2
exec env -i "${env[@]}" "$@" unshare --pid --fork --mount-proc=/proc --root="$root" \
    --wd="$(jq -r '.config.WorkingDir' "$config")" --setuid "$uid" --setgid "$gid" "${entrypoint[@]}"

#!/usr/bin/env bash
# Builds kubenest's workload images from this machine's own parts (no registry is reachable
# to pull from) and pushes them to the local registry on 127.0.0.1:5000:
#   localhost:5000/busybox:1.36        FROM scratch + Debian's busybox-static
#   localhost:5000/pause:3.10          FROM scratch + a static C pause (pause/pause.c)
#   localhost:5000/microservice:1.0    busybox + a static C HTTP server (microservice/)
#   localhost:5000/microservice:2.0    the same server, answering differently
# Idempotent and fast when nothing changed: each image carries the sha256 of its build
# context in the label io.kubenest.content-hash, and is rebuilt only when that differs.
# KUBENEST_NO_PUSH=1 skips the registry (images stay local, which the docker runtime can use).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
registry=localhost:5000
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOCKER_BUILDKIT=0 # the legacy builder: no buildx plugin on these machines

need() { command -v "$1" >/dev/null 2>&1 || { echo "build-images: $1 is required ($2)" >&2; exit 1; }; }
need docker "apt-get install docker.io"
# busybox-static, gcc + libc6-dev (static libc), curl; and the registry unless told not to push.
KUBENEST_ROOT="$root" node -e "
  import(process.env.KUBENEST_ROOT + '/bin/setup.js').then((m) => {
    m.ensureWorkloadImageTools();
    if (process.env.KUBENEST_NO_PUSH !== '1') m.ensureLocalRegistry();
  })"

context_hash() { (cd "$1" && find . -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1); }

# build <tag> <context dir> [docker build args...]
build() {
  local tag="$1" context="$2"
  shift 2
  local hash
  hash="$(printf '%s %s' "$(context_hash "$context")" "$*" | sha256sum | cut -d' ' -f1)"
  local current
  current="$(docker image inspect --format '{{index .Config.Labels "io.kubenest.content-hash"}}' "$tag" 2>/dev/null || true)"
  if [ "$current" = "$hash" ]; then
    echo "build-images: $tag is up to date"
  else
    echo "build-images: building $tag"
    # The legacy builder's deprecation notice is noise here; real errors still show.
    docker build --quiet --label "io.kubenest.content-hash=$hash" --tag "$tag" "$@" "$context" 2>&1 >/dev/null |
      { grep -v -e 'legacy builder is deprecated' -e 'BuildKit is currently disabled' -e 'environment-variable' -e '^$' >&2 || true; }
  fi
  push "$tag"
}

push() {
  [ "${KUBENEST_NO_PUSH:-}" = 1 ] && return 0
  local repo="${1#"$registry"/}"
  local name="${repo%%:*}" tag="${repo##*:}"
  local local_id remote_id
  local_id="$(docker image inspect --format '{{.Id}}' "$1")"
  # The registry answers the pushed manifest's config digest, which is the local image ID.
  remote_id="$(curl -fsS -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://127.0.0.1:5000/v2/$name/manifests/$tag" 2>/dev/null | tr -d ' \n' |
    sed -n 's/.*"config":{[^}]*"digest":"\([^"]*\)".*/\1/p' || true)"
  if [ "$local_id" != "$remote_id" ]; then
    echo "build-images: pushing $1"
    docker push --quiet "$1" >/dev/null
  fi
}

compile() { gcc -static -Os -s -Wall -Wextra -Werror "$@"; }

mkdir -p "$work/busybox" "$work/pause" "$work/microservice"
cp "$here/busybox/Dockerfile" /bin/busybox "$work/busybox/"
build "$registry/busybox:1.36" "$work/busybox"

cp "$here/pause/Dockerfile" "$work/pause/"
compile -o "$work/pause/pause" "$here/pause/pause.c"
build "$registry/pause:3.10" "$work/pause"

cp "$here/microservice/Dockerfile" "$work/microservice/"
compile -DVERSION='"1.0"' -DGREETING='"hello"' -o "$work/microservice/microservice-1.0" "$here/microservice/microservice.c"
compile -DVERSION='"2.0"' -DGREETING='"hello again"' -o "$work/microservice/microservice-2.0" "$here/microservice/microservice.c"
# The base image's ID joins the hash, so a rebuilt busybox rebuilds the microservice.
base_id="$(docker image inspect --format '{{.Id}}' "$registry/busybox:1.36")"
for version in 1.0 2.0; do
  build "$registry/microservice:$version" "$work/microservice" --build-arg "VERSION=$version" --build-arg "BASE=$base_id"
done

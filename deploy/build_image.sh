#!/usr/bin/env bash
# Build the qa_service image with podman, offline from any container registry:
#   deploy/build_image.sh [TAG]     (default qa-service:latest; `make image` runs it)
# 1. A base image from Debian's own packages (debootstrap minbase + Python 3.11, the mirror apt uses),
#    made once and kept in podman's storage as qa-service-base:bookworm (BASE_TAG to change; to refresh
#    it with Debian's latest updates: podman rmi qa-service-base:bookworm).
# 2. The repo's Dockerfile built on that base (--isolation chroot: no container engine needed), with
#    the CPU torch wheel fed from this machine's pip find-links folder when one holds it.
# Prints one summary line with the image size.
set -euo pipefail

TAG="${1:-qa-service:latest}"
BASE_TAG="${BASE_TAG:-qa-service-base:bookworm}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d)"
LOG="$ROOT/.cache/image/build.log"  # the last build's full output
mkdir -p "$(dirname "$LOG")"
trap 'rm -rf "$WORK"' EXIT

mirror() {  # the Debian mirror that apt's sources list names
    { awk '/^URIs:/ {print $2}' /etc/apt/sources.list.d/*.sources 2>/dev/null
      awk '$1 == "deb" {print $2}' /etc/apt/sources.list 2>/dev/null; } | grep -m1 '/debian$'
}

make_base() {  # debootstrap minbase + python3-venv, with apt's sources so RUN apt-get works inside
    local root="$WORK/rootfs"
    debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates \
        bookworm "$root" "$(mirror)" >"$WORK/debootstrap.log" 2>&1 \
        || { tail -20 "$WORK/debootstrap.log" >&2; exit 1; }
    cp -a /etc/apt/sources.list.d "$root/etc/apt/" 2>/dev/null || true
    cp -a /etc/apt/sources.list "$root/etc/apt/" 2>/dev/null || true
    rm -f "$root"/etc/apt/sources.list.d/*.disabled* && rm -rf "$root"/var/cache/apt/archives/*.deb
    # this machine's trust store: the registries may be reached through a proxy with a local CA
    cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
    tar -C "$root" -c . | podman import --change 'CMD ["/bin/bash"]' \
        --change 'ENV PIP_CERT=/etc/ssl/certs/ca-certificates.crt' - "$BASE_TAG" >/dev/null 2>&1
}

torch_index() {  # a one-package PEP 503 index over the CPU torch wheel on disk, if there is one
    local wheel="" dir
    for dir in ${PIP_FIND_LINKS:-} $(pip3 config get global.find-links 2>/dev/null || true); do
        wheel="$(find "$dir" -maxdepth 1 -name 'torch-2.13.0+cpu-cp311-*.whl' 2>/dev/null | head -1)"
        [ -n "$wheel" ] && break
    done
    [ -n "$wheel" ] || return 0
    mkdir -p "$WORK/index/torch"
    printf '<a href="file:///wheels/%s">%s</a>\n' "$(basename "$wheel")" "$(basename "$wheel")" \
        >"$WORK/index/torch/index.html"
    echo "--volume=$(dirname "$wheel"):/wheels:ro --volume=$WORK/index:/torch-index:ro" \
        "--build-arg=TORCH_INDEX_URL=file:///torch-index"
}

podman image exists "$BASE_TAG" || make_base
started=$(date +%s)
# shellcheck disable=SC2046  # torch_index prints zero or two separate options
podman build --isolation chroot --build-arg "BASE_IMAGE=localhost/$BASE_TAG" $(torch_index) \
    --tag "$TAG" --file "$ROOT/Dockerfile" "$ROOT" >"$LOG" 2>&1 \
    || { tail -40 "$LOG" >&2; echo "full log: $LOG" >&2; exit 1; }
podman image prune --force >/dev/null  # the images this tag replaced; cached layers stay
size=$(podman image inspect --format '{{.Size}}' "$TAG")
echo "built $TAG on $BASE_TAG in $(( $(date +%s) - started )) s: $(( size / 1000000 )) MB"

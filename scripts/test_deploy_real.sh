#!/usr/bin/env bash
# Differential checks of the deploy simulator against the real tools: Debian's nginx 1.22,
# dockerd 20.10 and docker-compose 1.29.2, each case run against the real tool and against
# `gramlab deploy sh --json` (cases and the runner: tests/deploy_real/, docs/deploy.md).
#
# usage: scripts/test_deploy_real.sh PATH/TO/gramlab [run_cases.py options, e.g. --suite nginx -v]
#
# Installs what it needs with apt-get (only when missing), starts a private dockerd on a unix
# socket in a temporary folder (no bridge, no iptables, pulls forced to fail on 127.0.0.1:9),
# runs tests/deploy_real/run_cases.py, and stops everything it started. Every server it starts
# listens on 127.0.0.1 only. Prints PASS/FAIL per case and `N passed, M failed`; exits non-zero
# when a case fails.
set -uo pipefail

if [ $# -lt 1 ] || [ ! -x "$1" ]; then
    echo "usage: $0 PATH/TO/gramlab [run_cases.py options]" >&2
    exit 2
fi
GRAMLAB="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
shift
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

# --- the tools (Debian packages), installed once -------------------------------------------
need=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v python3 >/dev/null 2>&1 || need+=(python3)
[ -x /usr/sbin/dockerd ] && [ -x /usr/bin/docker ] || need+=(docker.io)
command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)
dpkg -s busybox-static >/dev/null 2>&1 || need+=(busybox-static)
if [ ${#need[@]} -gt 0 ]; then
    echo "installing: ${need[*]}"
    $SUDO apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null ||
        { echo "apt-get install ${need[*]} failed" >&2; exit 1; }
fi
export PATH="/usr/sbin:$PATH"  # nginx and dockerd live in /usr/sbin

# --- a private Docker engine -----------------------------------------------------------------
W="$(mktemp -d /tmp/deploy-real-dockerd.XXXXXX)"
chmod 755 "$W"
DOCKERD_PID=""
cleanup() {
    if [ -n "$DOCKERD_PID" ]; then
        # containers the cases left behind go with the engine
        local ids
        read -r -a ids <<<"$(DOCKER_HOST="unix://$W/docker.sock" /usr/bin/docker ps -aq 2>/dev/null | tr '\n' ' ')"
        [ ${#ids[@]} -eq 0 ] || DOCKER_HOST="unix://$W/docker.sock" /usr/bin/docker rm -f "${ids[@]}" >/dev/null 2>&1
        kill "$DOCKERD_PID" 2>/dev/null
        for _ in $(seq 100); do kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$DOCKERD_PID" 2>/dev/null || true
        umount "$W/exec/netns/default" 2>/dev/null || true
    fi
    rm -rf "$W" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export DOCKER_HOST="unix://$W/docker.sock"
# HTTP(S)_PROXY on a closed local port: an image pull fails at once on 127.0.0.1 instead of
# looking up a registry (the cases only build FROM scratch).
HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 NO_PROXY='' \
    $SUDO dockerd --data-root "$W/data" --exec-root "$W/exec" --pidfile "$W/dockerd.pid" -H "$DOCKER_HOST" \
    --bridge=none --iptables=false --ip6tables=false --storage-driver overlay2 >"$W/dockerd.log" 2>&1 &
DOCKERD_PID=$!
engine=0
for _ in $(seq 150); do
    if /usr/bin/docker info >/dev/null 2>&1; then engine=1; break; fi
    kill -0 "$DOCKERD_PID" 2>/dev/null || break
    sleep 0.1
done
if [ "$engine" = 0 ]; then
    echo "dockerd did not start; the last lines of its log:"
    tail -20 "$W/dockerd.log" | sed 's/^/  /'
    unset DOCKER_HOST  # run_cases.py then counts the docker cases as one failure (docker/engine)
fi

export DOCKER_CLIENT=/usr/bin/docker  # Debian's 20.10 client (classic builder)
timeout 290 python3 "$ROOT/tests/deploy_real/run_cases.py" "$GRAMLAB" "$@"

#!/usr/bin/env bash
# Makes sure what the tests talk to is there: the redis-server binary (tests start their own
# instances on free ports), Redis on 6379, PostgreSQL on 127.0.0.1:5432 with a trusted `test`
# database, python3-redis for the interop test. Installs with apt-get when missing and root.
set -euo pipefail

say() { printf 'prepare: %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }
APT_UPDATED=""
apt_install() {
  if [ -z "$APT_UPDATED" ]; then as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq || true; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if ! command -v redis-server >/dev/null; then
  say "installing redis-server"; apt_install redis-server redis-tools
fi
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  say "starting Redis on 127.0.0.1:6379"
  mkdir -p /tmp/nautilus-redis-6379
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /tmp/nautilus-redis-6379 --logfile /tmp/nautilus-redis-6379/redis.log
fi

# Debian's interpreter, not a pyenv one on PATH: the interop test runs /usr/bin/python3.
if ! /usr/bin/python3 -c 'import redis' >/dev/null 2>&1; then
  say "installing python3-redis (interop test)"; apt_install python3-redis || say "python3-redis unavailable; the interop test will say so"
fi

pg_ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
if ! command -v pg_ctlcluster >/dev/null && ! command -v pg_isready >/dev/null; then
  say "installing PostgreSQL"; apt_install postgresql
  INSTALLED_PG=1
fi
if ! pg_ready; then
  say "starting PostgreSQL"
  version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n1)"
  [ -n "$version" ] && as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_ready && break; sleep 1; done
fi
if pg_ready && ! psql -h 127.0.0.1 -U "$(id -un)" -d test -c 'select 1' >/dev/null 2>&1; then
  # A PostgreSQL we cannot log into as this user: make it the trusted `test` set-up the tests expect.
  say "configuring PostgreSQL: trusted local access, role $(id -un), database test"
  version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n1)"
  hba="/etc/postgresql/$version/main/pg_hba.conf"
  if [ -f "$hba" ] && ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
    as_root sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\nlocal all all trust' "$hba"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main reload || true
  fi
  as_root su postgres -c "psql -q -c \"create role $(id -un) superuser login\"" 2>/dev/null || true
  as_root su postgres -c "psql -q -c \"create database test owner $(id -un)\"" 2>/dev/null || true
fi
pg_ready || say "PostgreSQL is not answering on 127.0.0.1:5432; storage tests will fail"

# The dashboard is bundled at build time with the system's Node (npm ci + tsc + esbuild), and its
# browser test drives Debian's Chromium through chromium-driver; nothing downloads a browser.
if ! command -v npm >/dev/null; then
  say "installing nodejs and npm (dashboard build)"; apt_install nodejs npm || say "npm unavailable; the dashboard cannot be built"
fi
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  say "installing chromium and chromium-driver (dashboard browser test)"
  apt_install chromium chromium-driver || say "chromium unavailable; the dashboard browser test will fail and say so"
fi

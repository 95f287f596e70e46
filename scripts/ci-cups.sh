#!/usr/bin/env bash
# Prepares a local CUPS scheduler with the cups-pdf queue "PDF" for the printing tests
# (electron/core/printing/system-printer.test.ts). Idempotent: safe to run any number of times.
#
#   scripts/ci-cups.sh                 start cupsd if needed, create/enable the queue, print the output folder
#   scripts/ci-cups.sh --print-outdir  only print the cups-pdf output folder (no root needed, touches nothing)
#
# Needs the Debian packages cups and printer-driver-cups-pdf. Runs the administrative commands directly when
# run as root, otherwise through `sudo -n`. The only line on stdout is the folder cups-pdf writes the PDFs of
# the test user to (SUDO_USER when run via sudo, else the current user; override with BBDESK_PRINT_USER);
# everything else goes to stderr. Typical CI use:
#
#   sudo apt-get install -y cups printer-driver-cups-pdf poppler-utils
#   scripts/ci-cups.sh
#   BBDESK_REQUIRE_CUPS=1 npx vitest run electron/core/printing
set -euo pipefail

QUEUE="${BBDESK_CUPS_QUEUE:-PDF}"
CONF=/etc/cups/cups-pdf.conf
WAIT_SECONDS=30

say() { echo "ci-cups: $*" >&2; }
die() { say "ERROR: $*"; exit 1; }

# Where cups-pdf puts the output of jobs submitted by user $1: the "Out" setting with ${HOME} and ${USER}
# expanded for that user (the Debian default is ${HOME}/PDF), or "AnonDirName" for users unknown to the system.
outdir_for() {
  local user="$1" out anon home
  out=$(sed -n 's/^[[:space:]]*Out[[:space:]]\{1,\}\(.*[^[:space:]]\)[[:space:]]*$/\1/p' "$CONF" 2>/dev/null | tail -n 1)
  anon=$(sed -n 's/^[[:space:]]*AnonDirName[[:space:]]\{1,\}\(.*[^[:space:]]\)[[:space:]]*$/\1/p' "$CONF" 2>/dev/null | tail -n 1)
  [ -n "$out" ] || out='/var/spool/cups-pdf/${USER}'
  [ -n "$anon" ] || anon=/var/spool/cups-pdf/ANONYMOUS
  if ! home=$(getent passwd "$user" | cut -d: -f6) || [ -z "$home" ]; then
    echo "$anon"
    return
  fi
  out="${out//'${HOME}'/$home}"
  out="${out//'${USER}'/$user}"
  echo "$out"
}

test_user() {
  echo "${BBDESK_PRINT_USER:-${SUDO_USER:-$(id -un)}}"
}

if [ "${1:-}" = "--print-outdir" ]; then
  outdir_for "$(test_user)"
  exit 0
fi
[ $# -eq 0 ] || die "unknown argument: $1 (only --print-outdir is supported)"

if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || die "must run as root (or with password-less sudo)"
fi
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

for cmd in cupsd lpstat lpadmin lpinfo cupsenable cupsaccept; do
  command -v "$cmd" >/dev/null 2>&1 || [ -x "/usr/sbin/$cmd" ] || die "$cmd not found - install the Debian packages cups and printer-driver-cups-pdf"
done
export PATH="$PATH:/usr/sbin"

scheduler_running() { lpstat -r 2>/dev/null | grep -q '^scheduler is running'; }

if scheduler_running; then
  say "scheduler already running"
else
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    say "starting cups via systemd"
    as_root systemctl start cups || as_root cupsd
  else
    say "starting cupsd"
    # cupsd daemonizes; a stale pid file from an earlier container run would not stop it.
    as_root cupsd
  fi
  for _ in $(seq 1 $((WAIT_SECONDS * 4))); do
    scheduler_running && break
    sleep 0.25
  done
  scheduler_running || die "scheduler not running after ${WAIT_SECONDS}s (see /var/log/cups/error_log)"
  say "scheduler running"
fi

if lpstat -p "$QUEUE" >/dev/null 2>&1; then
  say "queue $QUEUE exists"
else
  # The PPD's name differs between cups-pdf versions: take whatever lpinfo lists for cups-pdf, preferring "opt".
  ppds=$(lpinfo -m 2>/dev/null | awk '{print $1}' | grep -i 'cups-pdf' || true)
  ppd=$(printf '%s\n' "$ppds" | grep -i '_opt' | head -n 1 || true)
  [ -n "$ppd" ] || ppd=$(printf '%s\n' "$ppds" | head -n 1)
  [ -n "$ppd" ] || die "no cups-pdf driver found (lpinfo -m) - install printer-driver-cups-pdf"
  say "creating queue $QUEUE with $ppd"
  # lpadmin warns that printer drivers are deprecated: harmless for CUPS 2.x.
  as_root lpadmin -p "$QUEUE" -v cups-pdf:/ -m "$ppd" -E
fi

# An earlier, interrupted test run may have left the queue stopped or rejecting.
as_root cupsenable "$QUEUE"
as_root cupsaccept "$QUEUE"
lpstat -p "$QUEUE" >&2

outdir_for "$(test_user)"

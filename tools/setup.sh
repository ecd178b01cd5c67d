#!/bin/sh
# setup.sh: install what youcheng needs to build, run and test on Debian 12.
# Idempotent and quiet when everything is present; uses apt-get and npm only.
set -e
cd "$(dirname "$0")/.."

PKGS="build-essential pkg-config libsqlite3-dev libmicrohttpd-dev libjansson-dev
libsodium-dev libopencc-dev libicu-dev libxlsxwriter-dev libcsv-dev libcmocka-dev
chromium fonts-wqy-microhei tidy sqlite3 libcmark-dev libbrotli-dev zlib1g-dev
clang libclang-rt-14-dev"
[ -n "$YC_SETUP_EXTRA" ] && PKGS="$PKGS $YC_SETUP_EXTRA"
command -v node >/dev/null 2>&1 || PKGS="$PKGS nodejs npm"

missing=""
for p in $PKGS; do
	s=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$s" in *"ok installed"*) ;; *) missing="$missing $p" ;; esac
done
if [ -n "$missing" ]; then
	echo "setup: installing Debian packages:$missing"
	SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi

if [ ! -f node_modules/.yc-stamp ] || [ package-lock.json -nt node_modules/.yc-stamp ]; then
	echo "setup: installing npm packages"
	npm ci --no-audit --no-fund --loglevel=error
	touch node_modules/.yc-stamp
fi

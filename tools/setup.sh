#!/bin/sh
# setup.sh: install what youcheng needs to build, run and test on Debian 12.
# Idempotent and quiet when everything is present; uses apt-get and npm only.
set -e
cd "$(dirname "$0")/.."

PKGS="build-essential pkg-config libsqlite3-dev libmicrohttpd-dev libjansson-dev
libsodium-dev libopencc-dev libicu-dev libxlsxwriter-dev libcsv-dev libcmocka-dev
chromium fonts-wqy-microhei tidy sqlite3 libcmark-dev libbrotli-dev zlib1g-dev
clang libclang-rt-14-dev postgresql libpq-dev nginx"
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
	# PostgreSQL and nginx are used only as private processes of our own
	# (tools/pgcluster.sh, tools/run-cluster.sh: a cluster in a temp dir on
	# a Unix socket, nginx with its own prefix and config). Their packages
	# would start the system ones (the "main" cluster on port 5432, nginx
	# on port 80): a policy-rc.d that forbids starting services is in place
	# while they install (unless the machine has its own, which is kept),
	# and Debian's postgresql-common is told not to create the "main"
	# cluster at all. Nothing of theirs is left running or enabled.
	NOSTART=""
	case "$missing" in *postgresql*|*nginx*)
		if [ ! -e /usr/sbin/policy-rc.d ]; then
			NOSTART=1
			printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
			$SUDO chmod 755 /usr/sbin/policy-rc.d
		fi
		if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
			$SUDO mkdir -p /etc/postgresql-common/createcluster.d
			echo 'create_main_cluster = false' | $SUDO tee /etc/postgresql-common/createcluster.d/youcheng.conf >/dev/null
		fi ;;
	esac
	rc=0
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null || rc=$?
	[ -n "$NOSTART" ] && $SUDO rm -f /usr/sbin/policy-rc.d
	[ $rc = 0 ] || exit $rc
	# On a machine run by systemd: the units the packages enabled, disabled
	# (only those of packages installed just now).
	if [ -d /run/systemd/system ]; then
		for u in postgresql nginx; do
			case "$missing" in *" $u"*) $SUDO systemctl disable --now "$u" >/dev/null 2>&1 || true ;; esac
		done
	fi
fi

if [ ! -f node_modules/.yc-stamp ] || [ package-lock.json -nt node_modules/.yc-stamp ]; then
	echo "setup: installing npm packages"
	npm ci --no-audit --no-fund --loglevel=error
	touch node_modules/.yc-stamp
fi

#!/bin/sh
# test-deb.sh: the Debian package installs, starts and answers (`make test-deb`,
# run by .ci/run after `make test`; root only, on a Debian 12 machine).
#
# dpkg -i build/youcheng_*.deb (postinst: system user, /var/lib/youcheng, the
# database initialised), then the service: `systemctl start` when systemd is
# PID 1, else the unit's own ExecStartPre and ExecStart lines run as the
# youcheng user; GET /healthz must answer 200. Then: the process runs as
# youcheng, the files are where the package says, a reinstall keeps the
# database, SIGTERM stops the server with exit 0, and dpkg --purge removes
# it all. Prints the .deb size and the install-to-first-answer time.
set -eu
cd "$(dirname "$0")/../.."

fail(){ echo "test-deb: FAIL: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "needs root (dpkg -i)"
DEB=$(ls build/youcheng_*_"$(dpkg --print-architecture)".deb 2>/dev/null | tail -1)
[ -n "$DEB" ] || fail "no build/youcheng_*.deb (make deb)"
if dpkg-query -W -f='${Status}' youcheng 2>/dev/null | grep -q "ok installed"; then
	fail "youcheng is already installed on this machine; not touching it"
fi
USER_BEFORE=0; getent passwd youcheng >/dev/null && USER_BEFORE=1
BACKUPS_BEFORE=0; [ -e /var/backups/youcheng ] && BACKUPS_BEFORE=1
SYSTEMD=0; [ -d /run/systemd/system ] && SYSTEMD=1
PID=""

cleanup(){
	[ -n "$PID" ] && kill "$PID" 2>/dev/null || true
	if dpkg-query -W -f='${Status}' youcheng 2>/dev/null | grep -q installed; then
		dpkg --purge youcheng >/dev/null 2>&1 || true
	fi
	[ "$BACKUPS_BEFORE" = 1 ] || rmdir /var/backups/youcheng 2>/dev/null || true
	[ "$USER_BEFORE" = 1 ] || ! getent passwd youcheng >/dev/null || deluser --system --quiet youcheng >/dev/null 2>&1 || true
	getent group youcheng >/dev/null && [ "$USER_BEFORE" = 0 ] && delgroup --system --quiet youcheng >/dev/null 2>&1 || true
}
trap cleanup EXIT INT TERM

# Wait (up to 60 s) until GET /healthz on $1 answers 200.
wait_healthy(){
	i=0
	while [ "$(curl -s -o /dev/null -w '%{http_code}' "http://$1/healthz" || true)" != 200 ]; do
		i=$((i + 1))
		[ $i -lt 1200 ] || fail "no answer from http://$1/healthz in 60 s"
		[ -z "$PID" ] || kill -0 "$PID" 2>/dev/null || fail "the server exited before answering"
		sleep 0.05
	done
}

t0=$(date +%s.%N)
dpkg -i "$DEB" >/dev/null || fail "dpkg -i $DEB"
getent passwd youcheng >/dev/null || fail "no youcheng system user"
[ "$(stat -c %U /var/lib/youcheng/youcheng.db)" = youcheng ] || fail "the database is not the youcheng user's"
[ -f /usr/share/man/man1/youcheng.1.gz ] || fail "no manual page"
[ -f /usr/share/doc/youcheng/copyright ] || fail "no copyright file"
[ -f /lib/systemd/system/youcheng-backup.timer ] || fail "no backup timer"

if [ "$SYSTEMD" = 1 ]; then
	ADDR=127.0.0.1:8080
	systemctl start youcheng.service
	wait_healthy "$ADDR"
	t1=$(date +%s.%N)
	[ "$(ps -o user= -p "$(systemctl show -p MainPID --value youcheng.service)")" = youcheng ] || fail "not running as youcheng"
else
	# No systemd: the unit's own command lines, as its user.
	PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
	ADDR=127.0.0.1:$PORT
	UNIT=/lib/systemd/system/youcheng.service
	PRE=$(sed -n 's/^ExecStartPre=//p' "$UNIT")
	START=$(sed -n 's/^ExecStart=//p' "$UNIT" | sed "s/\${YC_LISTEN}/$ADDR/; s/\$YC_SERVE_OPTS//")
	[ -n "$PRE" ] && [ -n "$START" ] || fail "ExecStartPre/ExecStart not found in $UNIT"
	setpriv --reuid=youcheng --regid=youcheng --init-groups --no-new-privs \
		sh -c "$PRE >/dev/null && exec $START" >/tmp/youcheng-test-deb.out 2>&1 &
	PID=$!
	wait_healthy "$ADDR"
	t1=$(date +%s.%N)
	[ "$(ps -o user= -p "$PID" | tr -d ' ')" = youcheng ] || fail "not running as youcheng"
fi

# A reinstall keeps the database (postinst initialises only a missing one).
setpriv --reuid=youcheng --regid=youcheng --init-groups youcheng user add probe --db /var/lib/youcheng/youcheng.db >/dev/null
dpkg -i "$DEB" >/dev/null || fail "dpkg -i (again)"
setpriv --reuid=youcheng --regid=youcheng --init-groups youcheng user list --db /var/lib/youcheng/youcheng.db | grep -q probe || fail "the reinstall lost the database"
[ "$(curl -s "http://$ADDR/healthz")" = '{"status":"ok"}' ] || fail "/healthz after the reinstall"

if [ "$SYSTEMD" = 1 ]; then
	systemctl stop youcheng.service
else
	kill -TERM "$PID"
	rc=0; wait "$PID" || rc=$?
	PID=""
	[ "$rc" = 0 ] || fail "the server exited with $rc on SIGTERM"
	grep -q "stopped" /tmp/youcheng-test-deb.out || fail "no clean stop: $(tail -3 /tmp/youcheng-test-deb.out)"
fi

dpkg --purge youcheng >/dev/null || fail "dpkg --purge"
[ ! -e /usr/bin/youcheng ] || fail "/usr/bin/youcheng left after purge"
[ ! -e /var/lib/youcheng ] || fail "/var/lib/youcheng left after purge"
[ ! -e /lib/systemd/system/youcheng.service ] || fail "the unit left after purge"
rm -f /tmp/youcheng-test-deb.out

echo "test-deb: ok: $(basename "$DEB") $(du -k "$DEB" | cut -f1) KiB; install to first /healthz answer $(awk "BEGIN{printf \"%.1f\", $t1 - $t0}") s ($([ "$SYSTEMD" = 1 ] && echo systemd || echo "no systemd: the unit's ExecStartPre/ExecStart as youcheng"))"

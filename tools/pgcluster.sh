#!/bin/sh
# pgcluster.sh: a private PostgreSQL cluster for tests, benches and
# `make run-cluster`; never the system one.
#
#   tools/pgcluster.sh start DIR   make it (initdb, the first time) and start
#                                  it; prints the libpq connection string.
#                                  Idempotent: a running cluster is left as
#                                  it is and its string printed again.
#   tools/pgcluster.sh url DIR     print the connection string
#   tools/pgcluster.sh stop DIR    stop it (fast shutdown); the data stay
#                                  in DIR (remove DIR to drop them)
#
# The cluster lives in DIR/data, listens on no TCP address at all
# (listen_addresses='') but on a Unix socket in DIR, trusts every local
# connection (`initdb -A trust`: the socket's directory is the only
# gate, mode 0700) and has one superuser, yc. fsync stays on (the tests
# check durability); shared_buffers is small. Run as root (CI), the server
# runs as the unprivileged `postgres` user of Debian's package, which then
# owns DIR; run as anyone else, as that user.
#
# The connection string: postgresql:///postgres?host=DIR&user=yc (another
# database: replace the path, e.g. postgresql:///yct_x?host=DIR&user=yc).
# Environment: PGBIN (the directory of initdb and pg_ctl; default the
# newest /usr/lib/postgresql/*/bin), PG_MAX_CONNECTIONS (default 300).
set -eu

usage() { echo "usage: $0 start|stop|url DIR" >&2; exit 2; }
[ $# = 2 ] || usage
cmd=$1
case "$2" in /*) DIR=$2 ;; *) DIR=$(pwd)/$2 ;; esac
DIR=${DIR%/}

if [ -z "${PGBIN:-}" ]; then
	PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
	[ -n "$PGBIN" ] || PGBIN=$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")
fi
[ -x "$PGBIN/initdb" ] && [ -x "$PGBIN/pg_ctl" ] || {
	echo "pgcluster: no initdb/pg_ctl in $PGBIN (install Debian's postgresql: tools/setup.sh)" >&2; exit 1; }

# As root the server runs as postgres; everything that touches DIR/data
# goes through as_owner.
if [ "$(id -u)" = 0 ]; then
	OWNER=postgres
	id "$OWNER" >/dev/null 2>&1 || { echo "pgcluster: running as root needs the 'postgres' user (Debian's postgresql package makes it)" >&2; exit 1; }
	as_owner() { (cd / && runuser -u "$OWNER" -- "$@"); }
else
	OWNER=$(id -un)
	as_owner() { (cd / && "$@"); }
fi

# The string libpq takes: the directory percent-encoded where needed.
url() {
	h=$(printf '%s' "$DIR" | sed -e 's/%/%25/g' -e 's/ /%20/g' -e 's/&/%26/g' -e 's/#/%23/g' -e 's/?/%3F/g' -e 's/=/%3D/g')
	echo "postgresql:///postgres?host=$h&user=yc"
}

running() { as_owner "$PGBIN/pg_ctl" status -D "$DIR/data" >/dev/null 2>&1; }

case "$cmd" in
url)
	url ;;
stop)
	if [ -f "$DIR/data/PG_VERSION" ] && running; then
		as_owner "$PGBIN/pg_ctl" stop -D "$DIR/data" -m fast -w -t 60 >/dev/null
	fi ;;
start)
	# A Unix socket's path has at most 107 bytes.
	if [ $(printf '%s/.s.PGSQL.5432' "$DIR" | wc -c) -gt 107 ]; then
		echo "pgcluster: $DIR is too long for a Unix socket path (at most 92 bytes)" >&2; exit 1
	fi
	mkdir -p "$DIR"
	if [ "$OWNER" = postgres ] && [ "$(id -u)" = 0 ]; then
		chown "$OWNER" "$DIR"
		as_owner test -x "$DIR" || {
			echo "pgcluster: user postgres cannot reach $DIR (a parent directory is closed to it); choose another DIR" >&2; exit 1; }
	fi
	chmod 700 "$DIR"
	if [ ! -f "$DIR/data/PG_VERSION" ]; then
		rm -rf "$DIR/data"
		as_owner "$PGBIN/initdb" -D "$DIR/data" -A trust -U yc -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 || {
			echo "pgcluster: initdb failed:" >&2; cat "$DIR/initdb.log" >&2; exit 1; }
		cat >>"$DIR/data/postgresql.conf" <<EOF

# tools/pgcluster.sh: a private test cluster
listen_addresses = ''
unix_socket_directories = '$DIR'
unix_socket_permissions = 0700
port = 5432
fsync = on
synchronous_commit = on
full_page_writes = on
shared_buffers = 32MB
max_connections = ${PG_MAX_CONNECTIONS:-300}
max_wal_size = 256MB
logging_collector = off
log_min_messages = warning
log_line_prefix = '%m [%p] %d '
EOF
	fi
	if ! running; then
		[ -e "$DIR/log" ] || { touch "$DIR/log"; [ "$(id -u)" = 0 ] && chown "$OWNER" "$DIR/log"; }
		as_owner "$PGBIN/pg_ctl" start -D "$DIR/data" -l "$DIR/log" -w -t 60 >/dev/null || {
			echo "pgcluster: the server did not start; $DIR/log says:" >&2; tail -20 "$DIR/log" >&2; exit 1; }
	fi
	url ;;
*)
	usage ;;
esac

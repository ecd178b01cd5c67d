#!/bin/sh
# test/pg/run.sh [CONNINFO]: the PostgreSQL schema checks.
#   1. a fresh database gets src/store/schema_pg/*.sql in order (as an
#      ordinary owner, no superuser);
#   2. test/pg/compat_test.sql: the shims against SQLite's answers;
#   3. tools/schema_compare.js: the same logical schema as `youcheng init`'s
#      SQLite database, and a difference found when the schema is changed.
# CONNINFO: a libpq key=value connection string (not a URI: the test
# database's dbname and user are appended to it) to a server where its user
# may CREATE DATABASE and CREATE ROLE (default: $YC_PG_CONNINFO). Without either, a private
# cluster is started in a temporary directory (as the postgres system user
# when run as root) and stopped at the end. Needs ./youcheng (make).
set -eu
cd "$(dirname "$0")/../.."
BIN=/usr/lib/postgresql/15/bin
CONN=${1:-${YC_PG_CONNINFO:-}}
TMP=$(mktemp -d)
DIR=""
DB=yc_schema_test_$$
cleanup(){
  if [ -n "$CONN" ]; then
    psql "$CONN" -X -q -c "DROP DATABASE IF EXISTS $DB" -c "DROP ROLE IF EXISTS yc_owner_$$" >/dev/null 2>&1 || true
  fi
  if [ -n "$DIR" ]; then
    if [ "$(id -u)" = 0 ]; then
      runuser -u postgres -- "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true
    else
      "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true
    fi
    rm -rf "$DIR"
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

if [ -z "$CONN" ]; then
  [ -x "$BIN/initdb" ] || { echo "test/pg/run.sh: no PostgreSQL 15 in $BIN (apt-get install postgresql)" >&2; exit 2; }
  DIR=$(mktemp -d)
  AS=""
  if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; AS="runuser -u postgres --"; fi
  $AS "$BIN/initdb" -D "$DIR/data" -A trust -U yc >/dev/null
  $AS "$BIN/pg_ctl" -D "$DIR/data" -o "-k $DIR -c listen_addresses=''" -l "$DIR/log" -w start >/dev/null
  CONN="host=$DIR user=yc dbname=postgres"
fi

# The schema is applied by an owner that is no superuser.
psql "$CONN" -X -q -v ON_ERROR_STOP=1 -c "CREATE ROLE yc_owner_$$ LOGIN" \
  -c "CREATE DATABASE $DB OWNER yc_owner_$$" >/dev/null
TEST="$CONN dbname=$DB user=yc_owner_$$"
for f in src/store/schema_pg/*.sql; do
  psql "$TEST" -X -q -v ON_ERROR_STOP=1 -f "$f" >/dev/null
done
psql "$TEST" -X -q -v ON_ERROR_STOP=1 -f test/pg/compat_test.sql
./youcheng init --db "$TMP/s.db" >/dev/null
node tools/schema_compare.js "$TMP/s.db" "$TEST" --quiet
# ... and it fails, naming them, when the schemas differ: an index gone, an
# ON DELETE changed, a column added.
psql "$TEST" -X -q -v ON_ERROR_STOP=1 -c "DROP INDEX org_tie_tie" \
  -c "ALTER TABLE exchange_org DROP CONSTRAINT exchange_org_org_id_fkey" \
  -c "ALTER TABLE exchange_org ADD FOREIGN KEY (org_id) REFERENCES org(id)" \
  -c "ALTER TABLE meta ADD COLUMN extra BIGINT" >/dev/null
if node tools/schema_compare.js "$TMP/s.db" "$TEST" --quiet >"$TMP/diff.txt"; then
  echo "test/pg/run.sh: schema_compare.js passed two different schemas" >&2; exit 1
fi
for l in '- index org_tie_tie on org_tie (tie_id)' \
         '- table exchange_org fk (org_id) -> org(id) on delete CASCADE' \
         '+ table exchange_org fk (org_id) -> org(id) on delete NO ACTION' \
         '+ table meta column extra INTEGER'; do
  grep -qxF -- "$l" "$TMP/diff.txt" || { echo "test/pg/run.sh: schema_compare.js did not report: $l" >&2; cat "$TMP/diff.txt" >&2; exit 1; }
done
psql "$CONN" -X -q -c "DROP DATABASE $DB" -c "DROP ROLE yc_owner_$$" >/dev/null
echo "test/pg/run.sh: ok"

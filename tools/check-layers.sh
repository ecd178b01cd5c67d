#!/bin/sh
# check-layers.sh: the store interface is the only way to the database.
# Fails when a file above src/core uses prepared statements, or when any
# file but the SQLite engine (src/store/db_sqlite.c, src/store/sqlite_fts.c)
# calls SQLite itself, or any file but the PostgreSQL engine's
# (src/store/db_pg.c, src/store/pg_*.c) libpq. Run by `make check-layers` (part of `make test`).
cd "$(dirname "$0")/.." || exit 2
bad=0
hits=$(grep -nE '\b(DbStmt|db_stmt|db_step|db_bind_[a-z0-9_]+|db_col_[a-z0-9_]+|db_text|db_exec)\b' src/web/*.c src/web/*.h src/cli/*.c src/cli/*.h 2>/dev/null)
if [ -n "$hits" ]; then
	echo "check-layers: statements above src/core (move the query into a core function):"
	echo "$hits"
	bad=1
fi
hits=$(grep -nE 'sqlite3|SQLITE_' $(find src -name '*.[ch]' ! -path src/store/db_sqlite.c ! -path 'src/store/sqlite_fts.*') | grep -vE '^[^:]+:[0-9]+:\s*(/?\*|//)')
if [ -n "$hits" ]; then
	echo "check-layers: SQLite calls outside the engine file src/store/db_sqlite.c:"
	echo "$hits"
	bad=1
fi
hits=$(grep -nE '\bPQ[a-z]+\(|libpq-fe' $(find src -name '*.[ch]' ! -path src/store/db_pg.c ! -path 'src/store/pg_*') | grep -vE '^[^:]+:[0-9]+:\s*(/?\*|//)')
if [ -n "$hits" ]; then
	echo "check-layers: libpq calls outside the engine files src/store/db_pg.c, src/store/pg_*:"
	echo "$hits"
	bad=1
fi
[ $bad = 0 ] && echo "check-layers: ok (no statements above core; SQLite and libpq only in their engine files)"
exit $bad

#!/bin/sh
# check-includes.sh: the module structure of src/. A module is foo.c with
# its header foo.h (src/LAYER/foo.[ch]); module A uses module B when foo.c
# or foo.h of A includes B's header. Fails
#   - on any include cycle between modules (A uses B and B, directly or
#     not, uses A): a shared piece belongs in the lower module or in a
#     small module of its own;
#   - on a header-less module in src/base, src/text, src/store and
#     src/core: every .c there has its own .h declaring what it offers
#     (one header per module), apart from the exceptions listed below;
#   - in src/web and src/cli, where handler and command files are entries
#     of the layer's tables (web/route.h, cli/cli.h) rather than modules,
#     on a function that such a file exports without any header of its
#     layer declaring it.
# Run by `make check-includes` (part of `make test`).
cd "$(dirname "$0")/.." || exit 2

# .c files below core that implement a header of another name, and why.
EXCEPT='
src/store/db_sqlite.c	the SQLite engine: implements store/db.h through store/db_engine.h (db.c dispatches)
src/store/db_pg.c	the PostgreSQL engine: the same, the second file
'

files=$(ls src/*/*.c src/*/*.h 2>/dev/null)
bad=0

# --- include cycles ---------------------------------------------------------
out=$(awk '
  # Pass 1: the list of files, to resolve includes.
  FILENAME=="-" { have[$0] = 1; next }
  FNR==1 { m = FILENAME; sub(/^src\//, "", m); sub(/\.[ch]$/, "", m); mod[m] = 1 }
  /^[ \t]*#[ \t]*include[ \t]*"/ {
    s = $0; sub(/^[^"]*"/, "", s); sub(/".*$/, "", s)
    if( !(("src/" s) in have) ) next
    t = s; sub(/\.h$/, "", t)
    if( t==m ) next
    k = m SUBSEP t
    if( !(k in edge) ){ edge[k] = FILENAME ":" FNR; nOut[m]++; out[m, nOut[m]] = t }
  }
  function visit(v,    i, w){
    idx[v] = low[v] = ++counter; stack[++sp] = v; on[v] = 1
    for(i=1; i<=nOut[v]; i++){
      w = out[v, i]
      if( !(w in idx) ){ visit(w); if( low[w]<low[v] ) low[v] = low[w] }
      else if( on[w] && idx[w]<low[v] ) low[v] = idx[w]
    }
    if( low[v]==idx[v] ){
      n = 0
      do { w = stack[sp--]; on[w] = 0; scc[++n] = w; comp[w] = v } while( w!=v )
      if( n>1 ){
        line = ""
        for(i=n; i>=1; i--) line = line (line=="" ? "" : ", ") scc[i]
        print "include cycle between modules: " line
        for(k in edge){
          split(k, ab, SUBSEP)
          if( (ab[1] in comp) && (ab[2] in comp) && comp[ab[1]]==v && comp[ab[2]]==v )
            print "  " ab[1] " -> " ab[2] "  (" edge[k] ")"
        }
      }
    }
  }
  END { for(m in mod) if( !(m in idx) ) visit(m) }
' - $files <<EOF
$files
EOF
)
if [ -n "$out" ]; then
	echo "check-includes: $out"
	bad=1
fi

# --- header-less modules ----------------------------------------------------
for f in src/base/*.c src/text/*.c src/store/*.c src/core/*.c; do
	[ -f "${f%.c}.h" ] && continue
	printf '%s\n' "$EXCEPT" | grep -q "^$f	" && continue
	echo "check-includes: $f has no header ${f%.c}.h (one header per module; declare its functions there)"
	bad=1
done
for f in src/web/*.c src/cli/*.c; do
	[ -f "${f%.c}.h" ] && continue
	dir=$(dirname "$f")
	for fn in $(grep -E '^[A-Za-z_][A-Za-z0-9_ *]*[ *]([A-Za-z_][A-Za-z0-9_]*)\(' "$f" \
	            | grep -vE '^(static|extern|typedef)\b|;[[:space:]]*$' \
	            | sed -E 's/^[A-Za-z_][A-Za-z0-9_ *]*[ *]([A-Za-z_][A-Za-z0-9_]*)\(.*/\1/'); do
		[ "$fn" = main ] && continue
		grep -qE "\\b$fn\\(" "$dir"/*.h || {
			echo "check-includes: $f: $fn() is declared in no header of $dir (give $f its header)"
			bad=1
		}
	done
done

[ $bad = 0 ] && echo "check-includes: ok (no include cycle between modules; every module below web has its header)"
exit $bad

-- 000_compat.sql (PostgreSQL, applied before 019_baseline.sql): the SQLite
-- functions the core's SQL calls that PostgreSQL lacks, under the same names,
-- with SQLite's behaviour for the argument forms the code uses (the call sites
-- are named at each function). Plain SQL and PL/pgSQL only: no C, no CREATE
-- CAST, nothing that needs a superuser; nothing has the signature of a
-- built-in. test/pg/compat_test.sql checks each one against SQLite's answers.
--
-- Not here, because no shim can make them work (the driver rewrites them):
--   date('now')  a bare literal is cast to the date type, not passed to the
--                shim date(text) -> date('now'::text) (see date below).
--   char(N)      "char" is a keyword in PostgreSQL's grammar: char(31) is a
--                syntax error before any function lookup -> chr(N).
--   a IS NOT b   (report.c) PostgreSQL's IS NOT takes only NULL/TRUE/FALSE
--                -> a IS DISTINCT FROM b.
--   CAST(x AS INTEGER): PostgreSQL's INTEGER is 32-bit (SQLite's 64) and
--                a real is rounded where SQLite truncates toward zero
--                (opportunity.c, julianday differences) -> CAST(trunc(x) AS
--                BIGINT), or AS BIGINT for a bound id (review.c, mention.c).
--   json_extract(...)=0: the shim returns text (below); compared with an
--                integer literal PostgreSQL has no text = integer operator.
-- Also here: the views sqlite_schema/sqlite_master (the core asks them
-- whether a table exists) and the collation nocase.
-- Not here because nothing calls them: strftime, time, unixepoch, total,
-- printf/format, hex, glob, likely, json_group_array, json_object,
-- json_array_length, json_valid, scalar max(a,b)/min(a,b) (PostgreSQL's
-- greatest/least ignore NULLs where SQLite's return NULL: add a shim, with a
-- test, when a call site appears).

-- ---------------------------------------------------------------------------
-- COLLATE NOCASE (city.c: name_en=?1 COLLATE NOCASE). SQLite's NOCASE folds
-- the 26 ASCII letters only; this ICU collation at strength 2 ignores case in
-- every script (and compares canonically equivalent strings equal), so
-- 'É' = 'é' here and not in SQLite. The collation is non-deterministic: fine
-- for = and ORDER BY, not allowed with LIKE. The schema has no NOCASE
-- column or index (none in SQLite's schema at version 19).
CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

-- ---------------------------------------------------------------------------
-- instr(X, Y): 1-based character position of the first Y in X, 0 if none,
-- NULL if either is NULL; instr(X, '') = 1. (person.c roles filter.)
CREATE FUNCTION instr(x text, y text) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT strpos(x, y)::bigint $$;

-- ---------------------------------------------------------------------------
-- group_concat(X [, SEP]): the non-NULL X in the order the rows arrive (the
-- call sites order them in a subquery), joined by SEP (',' when absent, ''
-- when NULL; each row's SEP goes before its X); NULL for no row or only
-- NULLs. (org.c, partner.c, city.c, offer.c, profile.c, opportunity.c,
-- match.c.)
-- Cost: the one-argument form collects the values with array_append (in
-- place: linear; 200,000 values in 0.1 s). The two-argument form cannot
-- (a transition function of three arguments must be SQL or PL/pgSQL, which
-- copy the state on every row, and an internal state needs a superuser):
-- it grows a text, quadratic in the group's length: 1,000 values of ~11
-- characters 4 ms, 10,000 values 1.5 s. The call sites join one record's
-- codes, sources or names (tens; a tie's organisations, match.c, up to
-- ~1,100). PostgreSQL's string_agg(X, SEP) gives the same answers
-- (compat_test.sql checks it against SQLite's) in linear time: the driver
-- may rewrite group_concat(X, SEP) to it.
CREATE FUNCTION yc_group_concat_step(acc text, x text, sep text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CASE WHEN x IS NULL THEN acc WHEN acc IS NULL THEN x ELSE acc || coalesce(sep, '') || x END $$;
CREATE AGGREGATE group_concat(text, text) (SFUNC = yc_group_concat_step, STYPE = text);

CREATE FUNCTION yc_group_concat_final(a text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CASE WHEN EXISTS (SELECT 1 FROM unnest(a) AS v WHERE v IS NOT NULL) THEN array_to_string(a, ',') END $$;
CREATE AGGREGATE group_concat(text) (SFUNC = array_append, STYPE = text[], FINALFUNC = yc_group_concat_final);

-- ---------------------------------------------------------------------------
-- Aggregates over comparisons. In SQLite a comparison is the integer 0 or 1,
-- so sum(o.country='CN') counts and max(o.id=?4) says whether any row
-- matched (twins_network.c); PostgreSQL has no sum/max/min of boolean.
-- Results as SQLite's: an integer, NULL over no row or only NULLs.
CREATE FUNCTION yc_sum_bool_step(acc bigint, x boolean) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CASE WHEN x IS NULL THEN acc ELSE coalesce(acc, 0) + x::int END $$;
CREATE AGGREGATE sum(boolean) (SFUNC = yc_sum_bool_step, STYPE = bigint);

CREATE FUNCTION yc_max_bool_step(acc bigint, x boolean) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT greatest(acc, x::int) $$;
CREATE AGGREGATE max(boolean) (SFUNC = yc_max_bool_step, STYPE = bigint);

CREATE FUNCTION yc_min_bool_step(acc bigint, x boolean) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT least(acc, x::int) $$;
CREATE AGGREGATE min(boolean) (SFUNC = yc_min_bool_step, STYPE = bigint);

-- ---------------------------------------------------------------------------
-- JSON. Documents are text (as in SQLite's schema); the functions read them
-- as PostgreSQL's json type, which keeps key order and the text of values.
--
-- yc_json_path('$.a.b[2]') -> {a,b,[2]}: the steps of a SQLite JSON path,
-- object labels as they are, array indexes in brackets. Labels may be
-- double-quoted ('$."a.b"'). A malformed path is an error, as in SQLite.
CREATE FUNCTION yc_json_path(p text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE
  r text[] := '{}';
  i int := 2;
  n int := length(p);
  j int;
  c text;
BEGIN
  IF left(p, 1) <> '$' THEN RAISE EXCEPTION 'bad JSON path: %', p; END IF;
  WHILE i <= n LOOP
    c := substr(p, i, 1);
    IF c = '.' THEN
      IF substr(p, i + 1, 1) = '"' THEN
        j := strpos(substr(p, i + 2), '"');
        IF j = 0 THEN RAISE EXCEPTION 'bad JSON path: %', p; END IF;
        r := r || substr(p, i + 2, j - 1);
        i := i + 2 + j;
      ELSE
        j := i + 1;
        WHILE j <= n AND substr(p, j, 1) NOT IN ('.', '[') LOOP j := j + 1; END LOOP;
        IF j = i + 1 THEN RAISE EXCEPTION 'bad JSON path: %', p; END IF;
        r := r || substr(p, i + 1, j - i - 1);
        i := j;
      END IF;
    ELSIF c = '[' THEN
      j := strpos(substr(p, i), ']');
      IF j = 0 OR substr(p, i + 1, j - 2) !~ '^[0-9]+$' THEN RAISE EXCEPTION 'bad JSON path: %', p; END IF;
      r := r || substr(p, i, j);
      i := i + j;
    ELSE
      RAISE EXCEPTION 'bad JSON path: %', p;
    END IF;
  END LOOP;
  RETURN r;
END $$;

-- A JSON value as SQLite hands it to SQL: strings unquoted, true/false as
-- 1/0, null as NULL, integers as their text, reals as PostgreSQL's
-- shortest round-trip text with '.0' on whole numbers (SQLite: 1000.0; it
-- prints 15 significant digits where this prints up to 17; 1e20 is 1e+20
-- here and 1.0e+20 there), objects and arrays as JSON text.
CREATE FUNCTION yc_json_sql(v json) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT CASE json_typeof(v)
    WHEN 'null' THEN NULL
    WHEN 'string' THEN v #>> '{}'
    WHEN 'boolean' THEN CASE WHEN v::text = 'true' THEN '1' ELSE '0' END
    WHEN 'number' THEN CASE WHEN v::text !~ '[.eE]' THEN v::text
                            WHEN (v::text)::float8::text ~ '^-?[0-9]+$' THEN (v::text)::float8::text || '.0'
                            ELSE (v::text)::float8::text END
    ELSE v::text END
$$;

-- SQLite's json_each type column for a value.
CREATE FUNCTION yc_json_type(v json) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT CASE json_typeof(v)
    WHEN 'null' THEN 'null'
    WHEN 'string' THEN 'text'
    WHEN 'boolean' THEN v::text
    WHEN 'number' THEN CASE WHEN v::text ~ '[.eE]' THEN 'real' ELSE 'integer' END
    ELSE json_typeof(v) END
$$;

-- json_extract(X, PATH): the value at PATH as yc_json_sql gives it; NULL
-- when X or PATH is NULL or PATH leads nowhere. Returns text: SQLite returns
-- an integer for a number, so a caller comparing with an integer must CAST
-- (audit.c, history.c, person.c, report.c). One path only (the multi-path
-- form, which returns an array, has no call site).
CREATE FUNCTION json_extract(x text, p text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE
  v json := x::json;
  s text;
BEGIN
  FOREACH s IN ARRAY yc_json_path(p) LOOP
    IF left(s, 1) = '[' THEN
      IF json_typeof(v) <> 'array' THEN RETURN NULL; END IF;
      v := v -> substr(s, 2, length(s) - 2)::int;
    ELSE
      IF json_typeof(v) <> 'object' THEN RETURN NULL; END IF;
      v := v -> s;
    END IF;
    IF v IS NULL THEN RETURN NULL; END IF;
  END LOOP;
  RETURN yc_json_sql(v);
END $$;

-- json_each(X): one row per element of an array or member of an object (in
-- document order), one row for a scalar, none for NULL. Columns as SQLite's
-- json_each: key (the index for an array element, as text; NULL for a
-- scalar), value (as yc_json_sql), type, atom (the value, NULL for an
-- object or array), id (the element's ordinal, not SQLite's node number),
-- parent (NULL), fullkey, path ('$'). Values are text: a caller comparing
-- with integers casts (the page kit's "IN (SELECT value FROM json_each(?))").
CREATE FUNCTION json_each(x text)
RETURNS TABLE(key text, value text, type text, atom text, id bigint, parent bigint, fullkey text, path text)
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE ROWS 20
AS $$
#variable_conflict use_column
DECLARE
  d json;
BEGIN
  IF x IS NULL THEN RETURN; END IF;
  d := x::json;
  IF json_typeof(d) = 'array' THEN
    RETURN QUERY
      SELECT (e.n - 1)::text, yc_json_sql(e.v), yc_json_type(e.v),
             CASE WHEN json_typeof(e.v) IN ('object', 'array') THEN NULL ELSE yc_json_sql(e.v) END,
             e.n, NULL::bigint, '$[' || (e.n - 1) || ']', '$'
      FROM json_array_elements(d) WITH ORDINALITY AS e(v, n) ORDER BY e.n;
  ELSIF json_typeof(d) = 'object' THEN
    RETURN QUERY
      SELECT e.k, yc_json_sql(e.v), yc_json_type(e.v),
             CASE WHEN json_typeof(e.v) IN ('object', 'array') THEN NULL ELSE yc_json_sql(e.v) END,
             e.n, NULL::bigint,
             '$.' || CASE WHEN e.k ~ '^[A-Za-z_][A-Za-z0-9_]*$' THEN e.k ELSE '"' || e.k || '"' END, '$'
      FROM json_each(d) WITH ORDINALITY AS e(k, v, n) ORDER BY e.n;
  ELSE
    RETURN QUERY SELECT NULL::text, yc_json_sql(d), yc_json_type(d), yc_json_sql(d),
                        1::bigint, NULL::bigint, '$'::text, '$'::text;
  END IF;
END $$;

-- yc_json_set_at(D, STEPS, V): D with the value at STEPS (yc_json_path's
-- form) set to V: replaced where it exists, added (with the objects on the
-- way) where an object lacks the label, appended at index = length (a
-- missing array made for [0]), unchanged where a step does not fit (a label
-- on a non-object, an index further past an array's end), as SQLite 3.40. Rebuilt levels
-- are written compact, other values keep their text.
CREATE FUNCTION yc_json_set_at(d json, steps text[], val json) RETURNS json
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
  s text;
  rest text[];
  i int;
  r text;
BEGIN
  IF coalesce(cardinality(steps), 0) = 0 THEN RETURN val; END IF;
  s := steps[1];
  rest := steps[2:];
  IF left(s, 1) = '[' THEN
    i := substr(s, 2, length(s) - 2)::int;
    IF d IS NULL AND i = 0 THEN d := '[]'::json; END IF;
    IF d IS NULL OR json_typeof(d) <> 'array' OR i > json_array_length(d) THEN RETURN d; END IF;
    IF i = json_array_length(d) THEN  -- one past the end: appended
      RETURN (left(d::text, length(rtrim(d::text)) - 1)
              || CASE WHEN i > 0 THEN ',' ELSE '' END || yc_json_set_at(NULL, rest, val)::text || ']')::json;
    END IF;
    SELECT '[' || string_agg(CASE WHEN e.en - 1 = i THEN yc_json_set_at(e.ev, rest, val)::text ELSE e.ev::text END,
                             ',' ORDER BY e.en) || ']'
      INTO r FROM json_array_elements(d) WITH ORDINALITY AS e(ev, en);
    RETURN r::json;
  END IF;
  IF d IS NULL THEN d := '{}'::json; END IF;
  IF json_typeof(d) <> 'object' THEN RETURN d; END IF;
  IF EXISTS (SELECT 1 FROM json_object_keys(d) AS k WHERE k = s) THEN
    SELECT '{' || string_agg(to_json(e.ek)::text || ':' ||
                             CASE WHEN e.ek = s THEN yc_json_set_at(e.ev, rest, val)::text ELSE e.ev::text END,
                             ',' ORDER BY e.en) || '}'
      INTO r FROM json_each(d) WITH ORDINALITY AS e(ek, ev, en);
  ELSIF yc_json_set_at(NULL, rest, val) IS NULL THEN
    RETURN d;  -- SQLite makes no array on the way
  ELSE
    SELECT '{' || coalesce(string_agg(to_json(e.ek)::text || ':' || e.ev::text, ',' ORDER BY e.en) || ',', '')
           || to_json(s)::text || ':' || yc_json_set_at(NULL, rest, val)::text || '}'
      INTO r FROM json_each(d) WITH ORDINALITY AS e(ek, ev, en);
  END IF;
  RETURN r::json;
END $$;

-- json_set(X, PATH, VALUE, ...): X with each PATH set to VALUE, left to
-- right; an SQL NULL VALUE is JSON null, any other VALUE a JSON string (the
-- call sites, person.c's erasure, set NULLs only: SQLite would write a
-- number for a numeric VALUE). NULL X gives NULL.
CREATE FUNCTION json_set(x text, VARIADIC a text[]) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
  d json;
  i int := 1;
BEGIN
  IF x IS NULL THEN RETURN NULL; END IF;
  IF coalesce(cardinality(a), 0) % 2 <> 0 THEN
    RAISE EXCEPTION 'json_set() needs an odd number of arguments';
  END IF;
  d := x::json;
  WHILE i < coalesce(cardinality(a), 0) LOOP
    IF a[i] IS NULL THEN RETURN NULL; END IF;
    d := yc_json_set_at(d, yc_json_path(a[i]), coalesce(to_json(a[i + 1]), 'null'::json));
    i := i + 2;
  END LOOP;
  RETURN d::text;
END $$;

-- ---------------------------------------------------------------------------
-- Dates and times, as SQLite's date and time functions read them (UTC).
--
-- yc_time_value(X): the moment X names, as a UTC timestamp, or NULL when
-- SQLite would not read it. Forms: 'now' (this statement's time: SQLite's
-- 'now' is fixed for one statement too), YYYY-MM-DD, YYYY-MM-DD HH:MM,
-- YYYY-MM-DD HH:MM:SS[.fff] ('T' or a space between), HH:MM[:SS[.fff]] (on
-- 2000-01-01), each with an optional 'Z' or +HH:MM/-HH:MM, and a bare number
-- (a Julian day number). Days 29-31 of short months roll over into the next
-- month, as in SQLite's julianday (but SQLite 3.40's date('2019-02-30') with
-- no modifier echoes '2019-02-30' where this gives '2019-03-02'; the core
-- stores only valid dates).
CREATE FUNCTION yc_time_value(x text) RETURNS timestamp
LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
  m text[];
  t timestamp;
  s text := btrim(x);
BEGIN
  IF s IS NULL THEN RETURN NULL; END IF;
  IF lower(s) = 'now' THEN RETURN statement_timestamp() AT TIME ZONE 'UTC'; END IF;
  IF s ~ '^[0-9]+(\.[0-9]*)?$' THEN
    RETURN timestamp '1970-01-01' + (s::float8 - 2440587.5) * interval '1 day';
  END IF;
  m := regexp_match(s, '^(?:([0-9]{4})-([0-9]{2})-([0-9]{2}))?(?:(?:^|[T ])([0-9]{2}):([0-9]{2})(?::([0-9]{2}(?:\.[0-9]+)?))?)?\s*(Z|[+-][0-9]{2}:[0-9]{2})?$');
  IF m IS NULL OR (m[1] IS NULL AND m[4] IS NULL) THEN RETURN NULL; END IF;
  IF m[1] IS NOT NULL AND (m[2]::int NOT BETWEEN 1 AND 12 OR m[3]::int NOT BETWEEN 1 AND 31) THEN RETURN NULL; END IF;
  IF m[4] IS NOT NULL AND (m[4]::int > 24 OR m[5]::int > 59 OR coalesce(m[6]::numeric, 0) >= 60) THEN RETURN NULL; END IF;
  t := CASE WHEN m[1] IS NULL THEN timestamp '2000-01-01'
            ELSE make_date(m[1]::int, m[2]::int, 1) + (m[3]::int - 1) END;
  t := t + make_interval(hours => coalesce(m[4]::int, 0), mins => coalesce(m[5]::int, 0),
                         secs => coalesce(m[6]::float8, 0));
  IF m[7] IS NOT NULL AND m[7] <> 'Z' THEN
    -- +HH:MM: the time is that far ahead of UTC.
    t := t - (CASE WHEN left(m[7], 1) = '-' THEN -1 ELSE 1 END)
             * make_interval(hours => substr(m[7], 2, 2)::int, mins => substr(m[7], 5, 2)::int);
  END IF;
  RETURN t;
END $$;

-- yc_time_modify(T, MOD): one SQLite modifier applied; NULL for one SQLite
-- does not know. Supported: '[+-]N day(s)|hour(s)|minute(s)|second(s)|
-- month(s)|year(s)' and 'start of day|month|year'. Months and years move
-- the month field and then roll day overflow over, as SQLite does
-- (2024-01-31 +1 month = 2024-03-02, where PostgreSQL's interval gives
-- 2024-02-29).
CREATE FUNCTION yc_time_modify(t timestamp, md text) RETURNS timestamp
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
  m text[];
  n float8;
  u text;
  k int;
BEGIN
  IF t IS NULL OR md IS NULL THEN RETURN NULL; END IF;
  u := lower(btrim(md));
  IF u = 'start of day' THEN RETURN date_trunc('day', t); END IF;
  IF u = 'start of month' THEN RETURN date_trunc('month', t); END IF;
  IF u = 'start of year' THEN RETURN date_trunc('year', t); END IF;
  m := regexp_match(u, '^([+-]?[0-9]+(?:\.[0-9]*)?)\s+(day|hour|minute|second|month|year)s?$');
  IF m IS NULL THEN RETURN NULL; END IF;
  n := m[1]::float8;
  CASE m[2]
    WHEN 'day' THEN RETURN t + n * interval '1 day';
    WHEN 'hour' THEN RETURN t + n * interval '1 hour';
    WHEN 'minute' THEN RETURN t + n * interval '1 minute';
    WHEN 'second' THEN RETURN t + n * interval '1 second';
    ELSE
      IF n <> trunc(n) THEN RETURN NULL; END IF;
      k := extract(year FROM t)::int * 12 + extract(month FROM t)::int - 1
           + n::int * CASE WHEN m[2] = 'year' THEN 12 ELSE 1 END;
      RETURN make_date(k / 12, k % 12 + 1, 1) + (extract(day FROM t)::int - 1)
             + (t - date_trunc('day', t));
  END CASE;
END $$;

CREATE FUNCTION yc_time_value(x text, mods text[]) RETURNS timestamp
LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
  t timestamp := yc_time_value(x);
  md text;
BEGIN
  FOREACH md IN ARRAY coalesce(mods, '{}') LOOP
    t := yc_time_modify(t, md);
  END LOOP;
  RETURN t;
END $$;

-- julianday(X [, MOD...]): the Julian day number (a real) of X; NULL when
-- X is NULL or unreadable. (opportunity.c: days since an interest moved.)
CREATE FUNCTION julianday(x text) RETURNS double precision
LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT extract(epoch FROM yc_time_value(x))::float8 / 86400 + 2440587.5 $$;
CREATE FUNCTION julianday(x text, VARIADIC mods text[]) RETURNS double precision
LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT extract(epoch FROM yc_time_value(x, mods))::float8 / 86400 + 2440587.5 $$;

-- date(X [, MOD...]): 'YYYY-MM-DD' text. (opportunity.c, search.c: expired
-- opportunities, valid_until < date('now').) Reached for a text or a bound
-- parameter, date(?1) or date('now'::text), but NOT for a bare literal: for
-- date('now') PostgreSQL's parser sees a type name applied to one untyped
-- constant and makes it the cast 'now'::date (a date, not text) before it
-- looks for functions. The driver rewrites date('...') to date('...'::text).
CREATE FUNCTION date(x text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT to_char(yc_time_value(x), 'YYYY-MM-DD') $$;
CREATE FUNCTION date(x text, VARIADIC mods text[]) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT to_char(yc_time_value(x, mods), 'YYYY-MM-DD') $$;

-- datetime(X [, MOD...]): 'YYYY-MM-DD HH:MM:SS' text (no call site yet;
-- the same reader as date, so kept beside it).
CREATE FUNCTION datetime(x text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT to_char(yc_time_value(x), 'YYYY-MM-DD HH24:MI:SS') $$;
CREATE FUNCTION datetime(x text, VARIADIC mods text[]) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT to_char(yc_time_value(x, mods), 'YYYY-MM-DD HH24:MI:SS') $$;

-- ---------------------------------------------------------------------------
-- sqlite_schema / sqlite_master: the objects of the current schema, in the
-- columns of SQLite's table (type, name, tbl_name, rootpage, sql), for the
-- core's "does table T exist" lookups (layout.c, match.c: tie_health;
-- backup.c: any table). type is 'table', 'index', 'view' or 'trigger';
-- rootpage is NULL; sql is PostgreSQL's definition of an index, view or
-- trigger and NULL for a table (PostgreSQL keeps no CREATE TABLE text).
CREATE VIEW sqlite_schema AS
  SELECT CASE c.relkind WHEN 'i' THEN 'index' WHEN 'v' THEN 'view' ELSE 'table' END::text AS type,
         c.relname::text AS name,
         coalesce((SELECT t.relname FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid
                    WHERE x.indexrelid = c.oid), c.relname)::text AS tbl_name,
         NULL::bigint AS rootpage,
         CASE c.relkind WHEN 'i' THEN pg_get_indexdef(c.oid) WHEN 'v' THEN pg_get_viewdef(c.oid) END AS sql
    FROM pg_class c
   WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'i', 'v')
  UNION ALL
  SELECT 'trigger', g.tgname::text, t.relname::text, NULL::bigint, pg_get_triggerdef(g.oid)
    FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid
   WHERE NOT g.tgisinternal AND t.relnamespace = current_schema()::regnamespace;
CREATE VIEW sqlite_master AS SELECT * FROM sqlite_schema;

-- ---------------------------------------------------------------------------
-- CAST(x AS INTEGER), as SQLite does it (the driver writes yc_int(x)): 64
-- bits; a real truncated toward zero; text by its leading number (0 if
-- none); NULL stays NULL.
CREATE FUNCTION yc_int(x bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT x $$;
CREATE FUNCTION yc_int(x integer) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT x::bigint $$;
CREATE FUNCTION yc_int(x double precision) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT trunc(x)::bigint $$;
CREATE FUNCTION yc_int(x numeric) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT trunc(x)::bigint $$;
CREATE FUNCTION yc_int(x text) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN x IS NULL THEN NULL
    ELSE coalesce(trunc(substring(x from '^\s*([-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?)')::numeric)::bigint, 0) END
$$;

-- A value as a condition, as SQLite reads it (the driver writes
-- yc_true(x) for a bare column in WHERE, AND, OR, WHEN ...): a number is
-- true when not 0, text by its leading number, NULL is NULL.
CREATE FUNCTION yc_true(x boolean) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT x $$;
CREATE FUNCTION yc_true(x bigint) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT x<>0 $$;
CREATE FUNCTION yc_true(x integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT x<>0 $$;
CREATE FUNCTION yc_true(x double precision) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT x<>0 $$;
CREATE FUNCTION yc_true(x numeric) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT x<>0 $$;
CREATE FUNCTION yc_true(x text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT yc_int(x)<>0 $$;

-- json_valid(x): 1 when x is well-formed JSON, else 0 (NULL for NULL).
CREATE FUNCTION json_valid(x text) RETURNS integer LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF x IS NULL THEN RETURN NULL; END IF;
  PERFORM x::json;
  RETURN 1;
EXCEPTION WHEN others THEN
  RETURN 0;
END $$;

-- strftime(fmt, time, modifiers...): the conversions %Y %m %d %H %M %S %j %f
-- %% (SQLite's; %s and %w too), the time and modifiers as date() reads them.
CREATE FUNCTION yc_strftime_at(fmt text, t timestamp) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  out text := '';
  i int := 1;
  c text;
BEGIN
  IF fmt IS NULL OR t IS NULL THEN RETURN NULL; END IF;
  WHILE i <= length(fmt) LOOP
    c := substr(fmt, i, 1);
    IF c = '%' AND i < length(fmt) THEN
      i := i + 1;
      c := substr(fmt, i, 1);
      out := out || CASE c
        WHEN 'Y' THEN to_char(t, 'YYYY') WHEN 'm' THEN to_char(t, 'MM') WHEN 'd' THEN to_char(t, 'DD')
        WHEN 'H' THEN to_char(t, 'HH24') WHEN 'M' THEN to_char(t, 'MI') WHEN 'S' THEN to_char(t, 'SS')
        WHEN 'j' THEN to_char(t, 'DDD') WHEN 'f' THEN to_char(t, 'SS.MS') WHEN 'w' THEN extract(dow FROM t)::text
        WHEN 's' THEN trunc(extract(epoch FROM t))::bigint::text WHEN '%' THEN '%'
        ELSE '%' || c END;
    ELSE
      out := out || c;
    END IF;
    i := i + 1;
  END LOOP;
  RETURN out;
END $$;
CREATE FUNCTION strftime(fmt text, x text) RETURNS text
LANGUAGE sql STABLE AS $$ SELECT yc_strftime_at(fmt, yc_time_value(x)) $$;
CREATE FUNCTION strftime(fmt text, x text, VARIADIC mods text[]) RETURNS text
LANGUAGE sql STABLE AS $$ SELECT yc_strftime_at(fmt, yc_time_value(x, mods)) $$;

-- ---------------------------------------------------------------------------
-- FTS5's bm25() on a full-text row (the driver writes yc_bm25 for bm25()).
-- The driver writes column j's tokens (0-based, of ncols indexed columns) at
-- positions j*K+1 ... with K = 16383/ncols, so a position tells its column.
-- info (made by the driver for each run): the table's rows N, their mean
-- length in tokens, the rows holding each phrase, and the FTS5 query of
-- text_fts_query() ("tok"* a prefix, "c1 c2" adjacent tokens), separated by
-- chr(1). As FTS5: for each phrase, IDF = ln((N - hits + 0.5)/(hits + 0.5))
-- (at least 1e-6), freq = the sum of the column weights of its instances in
-- the row; the row scores the sum of IDF * freq * (k1 + 1) / (freq + k1 *
-- (1 - b + b * D/avgdl)) with k1 = 1.2, b = 0.75 and D the row's tokens, and
-- bm25 answers minus that (lower is better).
CREATE FUNCTION yc_tsv_ntok(t tsvector) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT count(*) FROM unnest(t) u, unnest(u.positions) p
$$;
CREATE FUNCTION yc_bm25(t tsvector, info text, w float8[], ncols integer) RETURNS float8
LANGUAGE plpgsql STABLE AS $$
DECLARE
  parts text[] := string_to_array(info, chr(1));
  n float8 := parts[1]::float8;
  avgdl float8 := parts[2]::float8;
  hits text[] := string_to_array(parts[3], ',');
  k int := 16383 / greatest(ncols, 1);
  d float8;
  score float8 := 0;
  i int := 0;
  m text[];
  toks text[];
  pre boolean;
  freq float8;
  idf float8;
  nt int;
BEGIN
  IF t IS NULL OR info IS NULL THEN RETURN NULL; END IF;
  d := yc_tsv_ntok(t);
  FOR m IN SELECT regexp_matches(parts[4], '"((?:[^"]|"")*)"(\*?)', 'g') LOOP
    i := i + 1;
    toks := string_to_array(replace(m[1], '""', '"'), ' ');
    nt := coalesce(array_length(toks, 1), 0);
    IF nt = 0 THEN CONTINUE; END IF;
    pre := m[2] = '*';
    -- the start positions of the phrase's instances, each weighed by its column
    SELECT coalesce(sum(coalesce(w[(s.p - 1) / k + 1], 1)), 0) INTO freq
    FROM (SELECT p FROM unnest(t) u, unnest(u.positions) p
          WHERE u.lexeme = toks[1] OR (pre AND nt = 1 AND starts_with(u.lexeme, toks[1]))) s
    WHERE nt = 1 OR NOT EXISTS (
      SELECT 1 FROM generate_series(2, nt) j
      WHERE NOT EXISTS (SELECT 1 FROM unnest(t) u2, unnest(u2.positions) p2
                        WHERE p2 = s.p + j - 1 AND (p2 - 1) / k = (s.p - 1) / k
                          AND (u2.lexeme = toks[j] OR (pre AND j = nt AND starts_with(u2.lexeme, toks[j])))));
    IF freq = 0 THEN CONTINUE; END IF;
    idf := greatest(ln((n - coalesce(hits[i], '0')::float8 + 0.5) / (coalesce(hits[i], '0')::float8 + 0.5)), 1e-6);
    score := score + idf * (freq * 2.2) / (freq + 1.2 * (1 - 0.75 + 0.75 * d / greatest(avgdl, 1e-9)));
  END LOOP;
  RETURN -score;
END $$;

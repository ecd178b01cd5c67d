/*
** COMMAND: help
** commands.c: the one command table (every command and every import kind,
** each with its help text), `youcheng help` and the import dispatch; see
** cli.h. main() looks commands up here.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "cli/cli.h"
#include "cli/cmd_backup.h"
#include "cli/cmd_archive.h"
#include "cli/cmd_review.h"
#include "cli/cmd_exchange.h"
#include "cli/cmd_event.h"
#include "cli/cmd_news.h"
#include "cli/cmd_layout.h"
#include "cli/cmd_match.h"
#include "cli/cmd_person.h"
#include "cli/cmd_history.h"
#include "cli/cmd_export.h"
#include "cli/cmd_report.h"
#include "web/route.h"
#include "base/json.h"

/* The kinds of `youcheng import` that read FILE.csv with --dry-run and
** --json only: argv is {"import", KIND, FILE} after the options. */
static int import_csv(int argc, char **argv, int (*xImport)(const char*, const char*, const char*, int, int)){
  const char *zDb = cli_opt(&argc, argv, "db");
  int bDry = cli_flag(&argc, argv, "dry-run");
  int bJson = cli_flag(&argc, argv, "json");
  int rc = cli_leftover(argc, argv, 2, "import");
  if( rc ) return rc;
  return xImport(argv[1], argv[2], zDb, bDry, bJson);
}
static int partners_import(const char *zKind, const char *zFile, const char *zDb, int bDry, int bJson){
  (void)zKind;
  return partner_import_cmd(zFile, zDb, bDry, bJson);
}
static int exchanges_import(const char *zKind, const char *zFile, const char *zDb, int bDry, int bJson){
  (void)zKind;
  return exchange_import_cmd(zFile, zDb, bDry, bJson);
}
static int import_partners(int argc, char **argv){ return import_csv(argc, argv, partners_import); }
static int import_exchanges(int argc, char **argv){ return import_csv(argc, argv, exchanges_import); }
static int import_match(int argc, char **argv){ return import_csv(argc, argv, match_import_cmd); }
static int import_export(int argc, char **argv){ return import_csv(argc, argv, export_import_cmd); }

static const Command aImportKind[] = {
  {"partners", import_partners,
   "youcheng import partners FILE.csv [--dry-run] [--json] --db FILE\n"
   "  Ties of the registry. Columns: city_id or city+country, kind, status,\n"
   "  established, label, agreement, notes, sources (' | '), city_name_zh,\n"
   "  kind_verified. Rows whose city is already a partner are skipped. A file\n"
   "  with an id column is an export (`youcheng export partners`): see orgs.", 0},
  {"exchanges", import_exchanges,
   "youcheng import exchanges FILE.csv [--dry-run] [--json] --db FILE\n"
   "  Back-fill the exchange log. Columns: date, kind, title (required);\n"
   "  tie_id and/or partner_city_id (GeoNames), several separated by ';'; fields\n"
   "  (';'), substantive (1/0/empty = the kind's default), participants, org_ids,\n"
   "  project_id, event, expires, description, sources and links (' | '). Rows\n"
   "  already recorded (same date, kind, title, ties) are skipped; the report\n"
   "  gives rows, would-create and errors by row and field.", 0},
  {"twins", cmd_import_twins,
   "youcheng import twins FILE [--format wikipedia|wikidata|eu_wikidata|mapped] [--map FIELD=COLUMN,...]\n"
   "                      [--dry-run] [--json] --db FILE\n"
   "  A twin-town dataset, into the world twin-city network. Formats, found\n"
   "  from the header: the Wikipedia-derived CSV (city1,country1,lat1,lng1,\n"
   "  city2,country2,lat2,lng2), Wikidata pairs (city_a_qid,city_a_label,\n"
   "  city_b_qid,city_b_label,stated_both_ways), the EU Wikidata extract\n"
   "  (tab-separated: origincityLabel, origincountry, originlat, originlong, ...,\n"
   "  destination_countryLabel, dist, eu); any other CSV or TSV with --map, e.g.\n"
   "  --map city1=Town,country1=Country,city2=Partner,country2=PartnerCountry\n"
   "  (fields city1 country1 lat1 lng1 qid1 city2 country2 lat2 lng2 qid2).\n"
   "  Every row is kept; every row of every import is resolved again, so the\n"
   "  order of imports does not matter. The report adds up: rows = resolved +\n"
   "  not resolved (by category); resolved = new pairs + pairs known from other\n"
   "  imports + duplicate rows in this file. Rows not resolved and matches of\n"
   "  low confidence are listed for review (`youcheng twins review`, page\n"
   "  /twins/review). A bad file writes nothing; a re-import adds nothing.", 0},
  {"profiles", import_match,
   "youcheng import profiles FILE.csv [--dry-run] [--json] --db FILE\n"
   "  Items of partner cities' industry profiles. Columns: partner_id | city_id |\n"
   "  city+country, section (industries, resources, advantages, needs), code,\n"
   "  strength, text_zh, text_en, industries, source, reviewed. Items already in\n"
   "  the profile are skipped.", 0},
  {"opportunities", import_match,
   "youcheng import opportunities FILE.csv [--dry-run] [--json] --db FILE\n"
   "  Cooperation opportunities. Columns: kind, category, direction, org_id |\n"
   "  org | partner_id, industries, target_countries, title_zh, title_en,\n"
   "  description_zh, description_en, valid_until, status, contact, published\n"
   "  (YYYY, YYYY-MM or YYYY-MM-DD), sources (separated by \" | \").", 0},
  {"orgs", import_export,
   "youcheng import orgs|projects|events|people|delegations FILE.csv [--dry-run] [--json] --db FILE\n"
   "  The CSV of `youcheng export TYPE` (or /TYPE.csv), also accepted by the\n"
   "  partners, exchanges and opportunities imports: an id column names the\n"
   "  record. A row equal to the record is unchanged; one that differs in an\n"
   "  editable column updates it (through the type's update: roles, versions,\n"
   "  history); an empty id creates a record. A derived column (city_en,\n"
   "  country, precision...) that disagrees with the record is an error naming\n"
   "  it. The report counts created, updated, unchanged and errors by row.", 0},
  {"projects", import_export,
   "youcheng import projects FILE.csv [--dry-run] [--json] --db FILE\n"
   "  A CSV export of projects (see orgs).", 0},
  {"events", import_export,
   "youcheng import events FILE.csv [--dry-run] [--json] --db FILE\n"
   "  A CSV export of events (see orgs).", 0},
  {"people", import_export,
   "youcheng import people FILE.csv [--dry-run] [--json] --db FILE\n"
   "  A CSV export of people (see orgs).", 0},
  {"delegations", import_export,
   "youcheng import delegations FILE.csv [--dry-run] [--json] --db FILE\n"
   "  A CSV export of delegations (see orgs).", 0},
  {0, 0, 0, 0}
};

const Command aCommand[] = {
  /* --- registry */
  {"init", cmd_init,
   "youcheng init --db FILE [--home-city NAME|GEONAMES_ID] [--demo]\n"
   "  Create or migrate the database, load reference data (countries, cities,\n"
   "  ISIC Rev.4) and, with --demo, the Jinan demo data. Safe to run again.", 0},
  {"serve", cmd_serve,
   "youcheng serve --db FILE [--listen HOST:PORT] [--threads N] [--public-url URL] [--portal-host HOST]\n"
   "               [--trusted-proxy ADDR] [--access-log FILE | --no-access-log]\n"
   "               [--metrics-token-file FILE] [--no-compress] [--max-connections N]\n"
   "               [--max-per-ip N] [--header-timeout S] [--min-body-rate B]\n"
   "  Serve the web UI and the JSON API (default 127.0.0.1:8080). On SIGINT or\n"
   "  SIGTERM it stops accepting connections, finishes the requests in flight\n"
   "  (30 s at most), closes the database and exits 0. Answers are compressed\n"
   "  (brotli or gzip, by the client's Accept-Encoding) unless --no-compress.\n"
   "  The public portal is at /portal (and /en/portal); --public-url is the\n"
   "  site's base URL in absolute links (Open Graph, hreflang; default: the\n"
   "  request's Host); an https:// one marks the session and login cookies\n"
   "  Secure. --portal-host: a host name whose / is the portal's home.\n"
   "  --trusted-proxy: the address of a reverse proxy whose X-Forwarded-Proto\n"
   "  (https: Secure cookies, https links) and X-Forwarded-For (the client's\n"
   "  address in the access log and the login throttle) are believed; from any\n"
   "  other peer they are ignored.\n"
   "  Slow clients: at most --max-connections (4000) connections,\n"
   "  --max-per-ip (256; 0: no cap) from one address (behind a proxy, all come\n"
   "  from the proxy's); a request head must arrive within --header-timeout\n"
   "  seconds (10; 0: no deadline) and, after as long again, its body at\n"
   "  --min-body-rate bytes a second at least (1024; 0: none). Near the limit,\n"
   "  the connections waiting longest for a request go first.\n"
   "  Access log: one JSON line per request (time, remote, method, route,\n"
   "  path, query parameter names, status, bytes, us, user, rid; never a\n"
   "  cookie, token, password, body or query value) on standard error, or\n"
   "  appended to --access-log FILE; --no-access-log turns it off.\n"
   "  GET /metrics: Prometheus text format (requests by route and status,\n"
   "  latency histogram, cache, database busy waits, imports, connections),\n"
   "  to loopback callers and to the bearer token read from\n"
   "  --metrics-token-file FILE (or the file named by YC_METRICS_TOKEN_FILE,\n"
   "  or the variable YC_METRICS_TOKEN; never on the command line).", 0},
  {"user", cmd_user,
   "youcheng user add NAME [--role admin|editor|member|viewer] [--org ID] [--password-stdin] --db FILE\n"
   "youcheng user passwd NAME --password-stdin --db FILE\n"
   "youcheng user list [--json] --db FILE\n"
   "youcheng user disable|enable NAME [--json] --db FILE\n"
   "youcheng user role NAME admin|editor|member|viewer [--json] --db FILE\n"
   "youcheng user unit NAME UNIT|none [--json] --db FILE\n"
   "youcheng user org NAME ORG|none [--json] --db FILE\n"
   "youcheng user own-unit NAME on|off [--json] --db FILE\n"
   "  Manage accounts. A user belongs to a unit (UNIT: its id) or to an\n"
   "  organisation of the registry (ORG: its id), not both; a member needs\n"
   "  an organisation (--org) and may change only its records; own-unit on\n"
   "  keeps an editor to the records of their unit (see doc/roles.md).\n"
   "  Accounts. The password is read from standard input (one line):\n"
   "  at least 10 characters, not the user name, not a common password. A\n"
   "  password change or a disable ends the user's sessions and tokens.", 0},
  {"token", cmd_token,
   "youcheng token create NAME [--name TEXT] [--expires DAYS] --db FILE\n"
   "youcheng token list [--user NAME] [--json] --db FILE\n"
   "youcheng token revoke ID --db FILE\n"
   "  Make an API bearer token for user NAME (printed once; by default it\n"
   "  never expires), list tokens (name, created, last used, expiry) or\n"
   "  revoke one.", 0},
  {"unit", cmd_unit,
   "youcheng unit list [--q TEXT] [--kind office|department|district|zone] [--json] --db FILE\n"
   "youcheng unit add --name-zh TEXT [--name-en TEXT] --kind KIND [--json] --db FILE\n"
   "youcheng unit edit ID [--name-zh TEXT] [--name-en TEXT] [--kind KIND] [--json] --db FILE\n"
   "youcheng unit delete ID --db FILE\n"
   "  Units of the home side: the foreign-affairs office, departments,\n"
   "  districts and counties, development zones. A unit that users or\n"
   "  records refer to is not deleted.", 0},
  {"partner", cmd_partner,
   "youcheng partner list [--kind K] [--status S] [--country ISO2] [--continent C]\n"
   "                      [--from DATE] [--to DATE] [--q TEXT] [--sort KEY] [--limit N] [--json] --db FILE\n"
   "youcheng partner show ID [--json] --db FILE\n"
   "  The registry of partner-city ties.", 0},
  {"city", cmd_city,
   "youcheng city search TEXT [--country ISO2] [--limit N] [--json] --db FILE\n"
   "youcheng city show GEONAMES_ID [--json] --db FILE\n"
   "youcheng city name GEONAMES_ID (--zh NAME | --clear) [--json] --db FILE\n"
   "  The GeoNames gazetteer: search by any name (Chinese, Traditional,\n"
   "  pinyin, exonyms), show a city with its admin-1 name and alternates, set\n"
   "  the office's own Chinese name of a city (kept across re-loads) or clear\n"
   "  it (GeoNames' name is shown again).", 0},
  {"import", 0,
   "youcheng import KIND FILE.csv [--dry-run] [--json] --db FILE\n"
   "  Import a CSV file (RFC 4180, header row; FILE \"-\" reads standard input).\n"
   "  All or nothing: any bad row rejects the file with a report of every row\n"
   "  error; --dry-run checks and reports without writing; --json prints the\n"
   "  report as JSON. The kinds:", aImportKind},
  {"export", cmd_export,
   "youcheng export TYPE [--format csv|xlsx] [--out FILE] [--FILTER VALUE...] --db FILE\n"
   "  Every row of a list (TYPE: partners, orgs, exchanges, projects,\n"
   "  opportunities, events, people, delegations, audit) with the filters of\n"
   "  its list (the API's query parameters, e.g. --kind sister --status active)\n"
   "  as CSV (UTF-8 with a byte-order mark; to standard output without --out)\n"
   "  or XLSX (--out needed). More than 100000 rows is refused. A CSV export\n"
   "  imports back (`youcheng import TYPE FILE --dry-run`: all unchanged).", 0},
  {"backup", cmd_backup,
   "youcheng backup --db FILE --to DIR [--keep N] [--json]\n"
   "  An online copy of the database (a running server goes on writing), to\n"
   "  DIR/youcheng-YYYYMMDD-HHMMSS.db (UTC; -2, -3... added when that name is\n"
   "  taken). Each copy is verified (integrity check, schema version, row counts\n"
   "  of the main tables equal to the database's at the copy's moment); then\n"
   "  the newest N youcheng-*.db of DIR are kept (default 7, 1 to 1000) and the\n"
   "  older deleted. Prints the path, size, time and counts.", 0},
  {"restore", cmd_restore,
   "youcheng restore --from BACKUP.db --db FILE [--force] [--json]\n"
   "  Put a backup in place of the database FILE: the backup is verified\n"
   "  first, written to a temporary file and renamed over FILE (never half\n"
   "  written). Refused while a server (any process) has FILE open, and, without\n"
   "  --force, when FILE is newer than the backup (a later change in its audit\n"
   "  trail, or a later file time).", 0},
  {"migrate", cmd_migrate,
   "youcheng migrate --from SRC --to DST [--replace] [--json]\n"
   "  Copy a whole database into another: SQLite to PostgreSQL, PostgreSQL to\n"
   "  SQLite, or SQLite to SQLite. SRC and DST are an SQLite file or a\n"
   "  PostgreSQL connection string (postgres://... or host=... dbname=...;\n"
   "  the password from PGPASSWORD or ~/.pgpass, never on the command line).\n"
   "  A DST file that does not exist is created with the schema (no reference\n"
   "  or demo data: every row comes from SRC); an empty PostgreSQL database\n"
   "  gets the schema. Both must be at the same schema version. DST's rows are\n"
   "  replaced by SRC's, in one transaction, with the same ids; a DST that\n"
   "  holds youcheng records (audit trail, users, ties, organisations,\n"
   "  exchanges, people, news) is refused unless --replace: the safe default.\n"
   "  SRC is read in one snapshot (a server may go on writing it). The copy is\n"
   "  verified before it commits: per table, the row count and a SHA-256\n"
   "  checksum of the rows read back from DST equal SRC's, else nothing is\n"
   "  changed and the command fails naming the table. Prints each table's rows,\n"
   "  checksum and time (--json: the whole report); progress on standard error\n"
   "  every 100000 rows. Running it again gives the same DST.", 0},
  {"check", cmd_check,
   "youcheng check --db FILE [--json]\n"
   "  Verify a database: every page (the engine's integrity check), every\n"
   "  foreign key, every search index against its rows; the schema version\n"
   "  and the row counts of the main tables. Exits non-zero naming the\n"
   "  problems when it is not intact, e.g. after a crash or on a copy made\n"
   "  without `youcheng backup`. A running server may have the database open:\n"
   "  its writes wait while each search index is checked.", 0},
  {"sql", cmd_sql,
   "youcheng sql --db DB 'STATEMENT[; STATEMENT...]'\n"
   "  Run SQL on the database, in one transaction, and print each row's\n"
   "  columns separated by | (as SQLite's shell prints them). Written in the\n"
   "  core's dialect (SQLite's), it runs on PostgreSQL too, rewritten by the\n"
   "  engine as the core's own statements are. For operators and tests: it\n"
   "  bypasses every rule, review and audit of the application.", 0},
  {"delete", cmd_delete,
   "youcheng delete TYPE ID [--with-dependants] [--dry-run] [--json] --db FILE\n"
   "  Delete a record (TYPE: tie, org, exchange, project, opportunity, event,\n"
   "  series, invitation, person, delegation, news). It goes to the archive with\n"
   "  what goes with it, and can be restored. A record that others refer to\n"
   "  (exchanges of a tie, offers of an organisation...) is refused with a\n"
   "  message naming them, unless --with-dependants: then they are archived\n"
   "  with it. An exchange or delegation that also has other ties is never\n"
   "  taken: take the tie off it first. --dry-run prints what would go.", 0},
  {"archive", cmd_archive,
   "youcheng archive list [--state deleted|restored|all] [--limit N] [--cursor C] [--json] --db FILE\n"
   "youcheng archive show|restore|purge ID --db FILE\n"
   "  Deleted records with what went with them. restore puts an entry back\n"
   "  with its ids, links and search entries (refused, nothing changed, when\n"
   "  a row cannot go back); purge removes an entry for good (personal data\n"
   "  on request). Admins only on the web; the CLI acts as admin.", 0},
  {"review", cmd_review,
   "youcheng review list [--state draft|submitted|published|returned|all] [--limit N] [--cursor C] [--json] --db FILE\n"
   "youcheng review submit|publish opportunity|org|offers ID [--json] --db FILE\n"
   "youcheng review return opportunity|org|offers ID --reason TEXT [--json] --db FILE\n"
   "  Review before publishing: opportunities, organisation profiles and offers\n"
   "  and needs go draft -> submitted -> published, or returned with a reason\n"
   "  (1 to 1000 characters). Only published records are shown to the public.\n"
   "  list shows the queue (default: submitted); the CLI acts as an admin.", 0},
  {"version", cmd_version, "youcheng version\n  Print the version.", 0},

  /* --- the annual report (cmd_report.c) */
  {"report", cmd_report,
   "youcheng report --year YYYY [--format html|pdf|xlsx|json] [--out FILE] [--lang zh|en] --db FILE\n"
   "  The annual report of a year with the year before and the change (the\n"
   "  figures of /reports/YYYY and GET /api/v1/reports/YYYY). html (default,\n"
   "  to standard output without --out): one document with its stylesheet\n"
   "  inline and the charts as bars, no server needed; pdf: that document\n"
   "  printed on A4 by Chromium headless (--print-to-pdf; /usr/bin/chromium or\n"
   "  $YC_CHROMIUM); xlsx: a workbook, one sheet per section; json: the API's\n"
   "  answer. pdf and xlsx need --out. Labels in Chinese unless --lang en.", 0},
  /* --- the audit trail: history, the log, revert (cmd_history.c) */
  {"history", cmd_history,
   "youcheng history TYPE ID [--limit N] [--cursor C] [--json] --db FILE\n"
   "  The history of a record, newest first (50 entries a page): each version's number, time, action\n"
   "  and who, and every field changed with its value before and after. TYPE is\n"
   "  the record's type in the trail: tie, org, exchange, project, opportunity,\n"
   "  country_list, person, delegation, event, series, invitation, news (a tie's history\n"
   "  includes its profile's, an organisation's its offers and needs').", 0},
  {"audit", cmd_audit,
   "youcheng audit [--user NAME] [--type TYPE] [--action ACTION] [--from DAY] [--to DAY]\n"
   "               [--limit N] [--cursor C] [--json] --db FILE\n"
   "  The audit log: every change, newest first, with the fields changed.\n"
   "  Filters: the user (or cli, init), the record type, the action (create,\n"
   "  update, delete, revert, import, ...), days YYYY-MM-DD (both included).", 0},
  {"revert", cmd_revert,
   "youcheng revert TYPE ID --to VERSION [--json] --db FILE\n"
   "  Write a record back as it was at VERSION (an entry of `youcheng history\n"
   "  TYPE ID`) through the type's own update, with all its checks. The revert\n"
   "  is itself an entry of the history. A deleted record is restored, not\n"
   "  reverted.", 0},

  /* --- people and delegations (cmd_person.c, cmd_delegation.c) */
  {"person", cmd_person,
   "youcheng person list [--q TEXT] [--role R] [--city GEONAMES_ID] [--org ID] [--tie ID] [--sort name|friend_since]\n"
   "                     [--history] [--limit N] [--cursor C] [--json] --db FILE\n"
   "youcheng person add [--name-zh N] [--name-en N] [--name-native N] [--title T] [--org ID] [--city GEONAMES_ID]\n"
   "                    [--languages zh,en] [--roles official,university,association,enterprise,friend] [--email E]\n"
   "                    [--phone P] [--address A] [--friend-since DATE] [--notes TEXT] [--source TEXT] [--json] --db FILE\n"
   "youcheng person edit ID [the options of add; an empty value clears] [--if-version N] [--json] --db FILE\n"
   "youcheng person show|delete|erase ID [--if-version N (delete)] [--json] --db FILE\n"
   "  People: contacts of partner cities and organisations, and friends of the city\n"
   "  (role friend, with friend_since). Personal data: only signed-in users see it\n"
   "  (the operator of this command is). erase removes every personal field on\n"
   "  request (row, search index, audit trail, heads of delegations) and keeps\n"
   "  the id and what the person took part in.", 0},
  {"delegation", cmd_delegation,
   "youcheng delegation list [--direction in|out] [--status S] [--tie ID] [--when upcoming|past] [--sort -start|start]\n"
   "                         [--limit N] [--cursor C] [--json] --db FILE\n"
   "youcheng delegation add --direction in|out --start DATE [--end DATE] --tie ID[,ID] (--title-zh T | --title-en T)\n"
   "                        [--status planned|approved|done|cancelled] [--head TEXT] [--head-person ID] [--members ID,ID]\n"
   "                        [--size N] [--purpose TEXT] [--fields F,F] [--event ID] [--private] [--notes TEXT]\n"
   "                        [--source TEXT] [--json] --db FILE\n"
   "youcheng delegation edit ID [the options of add; an empty value clears] [--if-version N] [--json] --db FILE\n"
   "youcheng delegation item-add ID --date YYYY-MM-DD --title TEXT [--time HH:MM] [--place TEXT] [--org ID] --db FILE\n"
   "youcheng delegation member-add ID PERSON_ID [--role TEXT] --db FILE\n"
   "youcheng delegation status ID planned|approved|done|cancelled --db FILE\n"
   "youcheng delegation show|delete ID [--if-version N (delete)] --db FILE\n"
   "  Incoming and outgoing delegations (visits), planned ahead, with their\n"
   "  programme. A delegation that is done is recorded in the exchange log\n"
   "  (kind delegation_in or delegation_out); changing, cancelling or deleting\n"
   "  it keeps that entry in step.", 0},

  /* --- exchanges, projects, relationship health, calendar (cmd_exchange.c) */
  {"exchange", cmd_exchange,
   "youcheng exchange list [--tie ID] [--kind K] [--field F] [--from D] [--to D] [--substantive 1|0]\n"
   "                       [--project ID] [--sort date|-date] [--limit N] [--json] --db FILE\n"
   "youcheng exchange add --tie ID[,ID] --kind K --date D --title TEXT [--fields F,F] [--substantive yes|no]\n"
   "                      [--participants N] [--orgs ID,ID] [--project ID] [--event NAME] [--expires D]\n"
   "                      [--description TEXT] [--source TEXT] [--json] --db FILE\n"
   "youcheng exchange show|delete ID [--if-version N (delete)] --db FILE\n"
   "  The exchange log: dated contacts on ties. Kinds: delegation_in, delegation_out,\n"
   "  agreement, event, online_meeting, education, culture, tourism, trade_mission,\n"
   "  health, sports, youth, other. Dates: YYYY, YYYY-MM or YYYY-MM-DD, not in the\n"
   "  future. Back-fill history with `youcheng import exchanges FILE.csv`.", 0},
  /* --- news and documents, the mention finder (cmd_news.c) */
  {"news", cmd_news,
   "youcheng news list [--q TEXT] [--kind K] [--lang L] [--status S] [--tie ID] [--org ID] [--event ID]\n"
   "                   [--year YYYY] [--unit ID] [--sort date|-date] [--limit N] [--cursor C] [--json] --db FILE\n"
   "youcheng news show ID [--json] --db FILE\n"
   "youcheng news add|edit [ID] [--kind K] [--lang zh|en|both] [--title-zh T] [--title-en T] [--date D]\n"
   "                   [--body-zh FILE] [--body-en FILE] [--source TEXT] [--status draft|published]\n"
   "                   [--unit ID] [--if-version N (edit)] [--json] --db FILE\n"
   "youcheng news publish ID [--if-version N] [--json] --db FILE\n"
   "youcheng news link ID tie|org|event|person TARGET_ID suggested|confirmed|rejected [--json] --db FILE\n"
   "youcheng news attach ID FILE [--name NAME] [--json] --db FILE\n"
   "youcheng news mentions [FILE|-] [--json] [--bench N] --db FILE\n"
   "youcheng news load NEWS.tsv [LINKS.tsv] [--json] --db FILE\n"
   "  News items and documents: kinds news, press_release, speech, agreement,\n"
   "  report, photo_story; in Chinese, English or both, the bodies Markdown\n"
   "  (files, \"-\" stdin); dates YYYY, YYYY-MM or YYYY-MM-DD; draft -> published.\n"
   "  Saving runs the mention finder: the partner cities, organisations, events\n"
   "  and people the text names become suggested links, to confirm or reject\n"
   "  with `news link`. attach checks the type from the content (PDF, PNG, JPEG,\n"
   "  GIF, WebP, DOCX, XLSX, UTF-8 text; at most 10 MiB). mentions prints what\n"
   "  the finder finds in a text (byte offsets); --bench N times N runs of it.\n"
   "  load reads items and curated links in the format of\n"
   "  data/demo/jinan_news.tsv and jinan_news_links.tsv (doc/news.md). Delete\n"
   "  with `youcheng delete news ID`.", 0},
  /* --- events, invitations, participation, series and networks (cmd_event.c) */
  {"event", cmd_event,
   "youcheng event list [--q TEXT] [--series ID] [--kind K] [--status S] [--from D] [--to D] [--tie ID]\n"
   "                    [--upcoming 1|0] [--sort date|-date] [--limit N] [--cursor C] [--json] --db FILE\n"
   "youcheng event show|delete ID [--if-version N (delete)] [--json] --db FILE\n"
   "youcheng event add|edit [ID] [--title-zh T] [--title-en T] [--kind K] [--status S] [--start D] [--end D]\n"
   "                    [--series ID] [--edition N] [--city GEONAMES] [--place P] [--organisers TEXT]\n"
   "                    [--orgs ID,ID] [--fields F,F] [--public 1|0] [--reported-people N]\n"
   "                    [--reported-countries N] [--reported-delegations N] [--description T]\n"
   "                    [--notes T] [--sources 'S | S'] [--links 'URL | URL'] [--if-version N (edit)] [--json] --db FILE\n"
   "youcheng event invite EVENT_ID --tie ID|--org ID|--person ID [--status S] [--size N] [--head TEXT]\n"
   "                    [--invited-on D] [--answered-on D] [--sources 'S | S'] [--json] --db FILE\n"
   "youcheng event invitation ID [--status S] [--size N] [--head TEXT] [--delete] --db FILE\n"
   "youcheng event matrix [--series ID] [--from D] [--to D] [--events N] [--limit N] [--cursor C] [--json] --db FILE\n"
   "  Multilateral events: kinds conference, forum, festival, fair, sports,\n"
   "  youth_camp, exhibition, online, other; status planned -> confirmed -> held\n"
   "  or cancelled (held only once started). Invitations of ties, organisations\n"
   "  or people: to_invite, invited, accepted, declined, attended, no_show\n"
   "  (attended and no_show on held events). A held event's attending ties get\n"
   "  its exchange in the log. `invitation ID` shows or changes one; `matrix`\n"
   "  is ties x events with the ties never invited or never attending.", 0},
  {"series", cmd_series,
   "youcheng series list [--kind series|network] [--city GEONAMES] [--json] --db FILE\n"
   "youcheng series show ID [--json] --db FILE\n"
   "youcheng series add --kind series|network [--name-zh T] [--name-en T] [--website URL]\n"
   "                    [--description T] [--sources 'S | S'] [--json] --db FILE\n"
   "youcheng series member-add ID --tie ID|--city GEONAMES|--org ID [--role R] [--joined D]\n"
   "                    [--sources 'S | S'] [--json] --db FILE\n"
   "youcheng series member-remove ID MEMBER_ID --db FILE\n"
   "  Event series (recurring brands with editions) and multilateral networks\n"
   "  (alliances of cities and organisations whose meetings are events).", 0},
  {"project", cmd_project,
   "youcheng project list [--stage S] [--tie ID] [--sector ISIC] [--limit N] [--json] --db FILE\n"
   "youcheng project show ID --db FILE\n"
   "  Cooperation projects by stage: lead, contact, negotiation, signed,\n"
   "  implementing, completed, stalled, dropped.", 0},
  {"health", cmd_health,
   "youcheng health [--level active|cooling|dormant] [--flag F] [--kind K] [--less-developed]\n"
   "                [--attention] [--sort urgency|score|-score|name] [--limit N] [--json] --db FILE\n"
   "youcheng health --tie ID [--as-of YYYY-MM-DD] [--json] --db FILE\n"
   "youcheng health --recompute [--as-of YYYY-MM-DD] --db FILE\n"
   "youcheng health thresholds [set KIND NAME=VALUE ...] --db FILE\n"
   "  Relationship health of the ties: score 0-100, level, flags (dormant,\n"
   "  no_substantive, one_sided, agreement_expiring), most urgent first; --tie\n"
   "  explains one tie's score factor by factor. Thresholds are per tie kind.", 0},
  {"calendar", cmd_calendar,
   "youcheng calendar [--months N | --from D [--to D]] [--ics] [--json] --db FILE\n"
   "  Round anniversaries of ties (every 5 years; 10, 20, 30... major) with the\n"
   "  date protocol letters are due, and agreement expiries; default the next\n"
   "  12 months. --ics prints an iCalendar (RFC 5545) feed.", 0},

  /* --- layout analysis, country lists, the world twin-city network (cmd_layout.c) */
  {"layout", cmd_layout,
   "youcheng layout [--list KEY] [--limit N] [--json] --db FILE\n"
   "  Layout analysis: the home city's ties by continent, subregion and country,\n"
   "  the share of each country list covered and the gaps (target countries\n"
   "  without an active tie) ranked by priority; --list for one list (bri,\n"
   "  neighbours, major, oecd, wb_low... or a list you made).", 0},
  {"lists", cmd_lists,
   "youcheng lists [show KEY] [--json] --db FILE\n"
   "youcheng lists expand KEY on|off [--json] --db FILE\n"
   "  The country lists: built-in target lists (bri, neighbours, major) and\n"
   "  reference groupings (oecd, wb_low, wb_lower_middle, wb_upper_middle,\n"
   "  wb_high), each with its source and date, and lists users made.\n"
   "  expand on: candidates are proposed in the list's countries even where a\n"
   "  tie exists (more ties wanted; the major countries are marked so by the\n"
   "  2019 commentary); any list, built-in ones too; off undoes it.", 0},
  {"network", cmd_network,
   "youcheng network city GEONAMES_ID [--json] --db FILE\n"
   "youcheng network country ISO2 [--limit N] [--json] --db FILE\n"
   "  The world twin-city network: a city's twins (and how many are Chinese or\n"
   "  in the home province), or the most-connected cities of a country.", 0},
  {"twins", cmd_twins,
   "youcheng twins resolve FILE [--format F] [--map FIELD=COLUMN,...] [--json] --db FILE\n"
   "youcheng twins review [--reason R] [--limit N] [--cursor C] [--json] --db FILE\n"
   "youcheng twins fix (--row ID --side 1|2 | --qid Q64 | --name NAME [--country C])\n"
   "                   (--city GEONAMES_ID | --not-a-city) [--note TEXT] [--json] --db FILE\n"
   "youcheng twins reresolve [--json] --db FILE\n"
   "  resolve: how each side of every row of FILE resolves, as `import twins`\n"
   "  would store it (against the database's gazetteer, fixes and earlier\n"
   "  imports), writing nothing. With --json one JSON object per line for every\n"
   "  data row and side: {\"row\":N,\"side\":1|2,\"name\",\"country\",\"qid\",\n"
   "  \"id\":GeoNames id|null,\"how\",\"confidence\":0..1|null,\"reason\"} (row:\n"
   "  the 1-based data row of FILE, the header not counted); without, the same\n"
   "  as text lines, then the import report. how: fixed, exact, nearest, variant, part,\n"
   "  parent, alt_name, alias, population, near_similar, seat when\n"
   "  resolved; ambiguous, unknown_country, area, not_found, wrong_country,\n"
   "  qid_conflict, not_a_city when not. Sides below 0.7 are for review.\n"
   "  review: rows not resolved, and resolved with a side of low confidence;\n"
   "  --reason low_confidence|same_city|ambiguous|unknown_country|area|\n"
   "  not_found|wrong_country|qid_conflict|not_a_city.\n"
   "  fix: the right city of a side (or not a city), kept by Wikidata id or by\n"
   "  source name and stated country: it applies again after any re-import;\n"
   "  every row is resolved again. reresolve: resolve every row again (after\n"
   "  a gazetteer update).", 0},
  {"candidates", cmd_candidates,
   "youcheng candidates (--country ISO2 | --list KEY) [--limit N] [--json] --db FILE\n"
   "  Candidate partner cities in a country, or across the gaps of a list (and\n"
   "  its covered countries when the list is marked expand), ranked by their\n"
   "  fit with the home city learned from the world twin network (which kinds\n"
   "  and sizes of city cities like it are twinned with), openness (twins,\n"
   "  Chinese twins), industries in common with the home organisations, and\n"
   "  ties with the home province, each with its reasons. Boroughs, districts\n"
   "  and sections of a listed city are left out and shown apart.", 0},

  /* --- industry profiles, opportunities, matching (cmd_match.c) */
  {"match", cmd_match,
   "youcheng match --text TEXT [--industries 26,72] [--direction going_out|bringing_in]\n"
   "               [--countries US,SE] [--kind offer|request] [--side home|partner]\n"
   "               [--types opportunity,org,partner] [--limit N] [--json] --db FILE\n"
   "youcheng match --opportunity ID | --org ID | --partner ID [--types ...] [--limit N] [--json] --db FILE\n"
   "  Rank counterparts (opposite-kind opportunities, organisations, partner\n"
   "  cities) for free text in Chinese or English, or for a record, with the\n"
   "  score and the reasons of each. Profiles and opportunities are loaded with\n"
   "  `youcheng import profiles|opportunities FILE.csv`.", 0},
  {"opportunity", cmd_opportunity,
   "youcheng opportunity list [--q TEXT] [--kind K] [--category C] [--direction D] [--industry CODE]\n"
   "                          [--country ISO2] [--status S] [--sort KEY] [--limit N] [--json] --db FILE\n"
   "youcheng opportunity show ID --db FILE\n"
   "  The cooperation opportunities (open ones past their valid-until day read as expired).", 0},
  {"interest", cmd_interest,
   "youcheng interest followup [--days N] [--status new|forwarded] [--json] --db FILE\n"
   "  Expressions of interest still unanswered after N days (default 14).", 0},

  {"help", cmd_help,
   "youcheng help [COMMAND [KIND]]\n"
   "youcheng help --routes | --json | --man\n"
   "  The commands, or one command's help (as `youcheng COMMAND --help`);\n"
   "  --man: the manual page youcheng(1) in roff, made from this same text;\n"
   "  --routes: every web route, one per line (method, path, flags, handler,\n"
   "  description, tab-separated); --json: the route and command index\n"
   "  (doc/index.md is made from it).", 0},
  {0, 0, 0, 0}
};

const Command *cli_find(const Command *a, const char *zName){
  for(const Command *c = a; c->zName; c++){
    if( strcmp(c->zName, zName)==0 ) return c;
  }
  return 0;
}

/* The length of the first line of z. */
static int first_line(const char *z){
  const char *zNl = strchr(z, '\n');
  return zNl ? (int)(zNl - z) : (int)strlen(z);
}

void cli_usage(FILE *f){
  fprintf(f, "youcheng %s: sister-city cooperation platform\n\nCommands:\n", YC_VERSION);
  for(const Command *c = aCommand; c->zName; c++){
    if( c->aSub ){
      for(const Command *k = c->aSub; k->zName; k++) fprintf(f, "  %.*s\n", first_line(k->zHelp), k->zHelp);
    }else{
      fprintf(f, "  %.*s\n", first_line(c->zHelp), c->zHelp);
    }
  }
  fprintf(f, "\nRun `youcheng COMMAND --help` for details.\n");
}

void cli_print_help(FILE *f, const Command *c){
  fprintf(f, "%s\n", c->zHelp);
  if( c->aSub ) for(const Command *k = c->aSub; k->zName; k++) fprintf(f, "\n%s\n", k->zHelp);
}

/* The help text as {"synopsis": [forms], "help": text}, kinds included; a
** synopsis line indented by more than two spaces continues the form above. */
static json_t *command_json(const Command *c){
  json_t *syn = json_array();
  for(const char *z = c->zHelp; *z; ){
    int n = first_line(z);
    size_t nLast = json_array_size(syn);
    if( strncmp(z, "youcheng ", 9)==0 ){
      json_array_append_new(syn, json_stringn(z, (size_t)n));
    }else if( strncmp(z, "   ", 3)==0 && nLast ){
      int i = 0;
      while( z[i]==' ' ) i++;
      json_t *pLast = json_array_get(syn, nLast - 1);
      char *zJoin = malloc(json_string_length(pLast) + (size_t)(n - i) + 2);
      if( zJoin ){
        sprintf(zJoin, "%s %.*s", json_string_value(pLast), n - i, z + i);
        json_string_set(pLast, zJoin);
        free(zJoin);
      }
    }else{
      break;
    }
    z += n + (z[n]=='\n');
  }
  json_t *j = json_pack("{s:s, s:o, s:s}", "name", c->zName, "synopsis", syn, "help", c->zHelp);
  if( c->aSub ){
    json_t *a = json_array();
    for(const Command *k = c->aSub; k->zName; k++) json_array_append_new(a, command_json(k));
    json_object_set_new(j, "kinds", a);
  }
  return j;
}

static const char *route_flags(const Route *rt, char *z, size_t n){
  snprintf(z, n, "%s%s%s%s%s", rt->flags & ROUTE_WRITE ? "write" : "",
           (rt->flags & ROUTE_WRITE) && (rt->flags & ROUTE_CACHE) ? "," : "",
           rt->flags & ROUTE_CACHE ? "cache" : "",
           rt->zNav && rt->flags ? "," : "", rt->zNav ? "nav" : "");
  if( !z[0] ) snprintf(z, n, "-");
  return z;
}

/* Text of one line as roff: backslashes escaped, a leading '.' or '\''
** made literal, '-' as \- (a minus, so options can be searched for and
** copied). */
static void roff_text(FILE *f, const char *z, int n){
  if( n>0 && (z[0]=='.' || z[0]=='\'') ) fputs("\\&", f);
  for(int i=0; i<n; i++){
    if( z[i]=='\\' ) fputs("\\e", f);
    else if( z[i]=='-' ) fputs("\\-", f);
    else fputc(z[i], f);
  }
}

/* One entry of the command table as a man page subsection: its synopsis
** lines verbatim (bold), then its description, filled, with lines indented
** deeper than the text kept on lines of their own. */
static void man_command(FILE *f, const Command *c, const char *zTitle){
  fprintf(f, ".SS \"%s\"\n.nf\n", zTitle);
  const char *z = c->zHelp;
  while( *z ){
    int n = first_line(z);
    if( strncmp(z, "youcheng ", 9)!=0 && !(strncmp(z, "   ", 3)==0 && z!=c->zHelp) ) break;
    int i = 0;
    while( z[i]==' ' ) i++;
    fputs(i ? "       \\fB" : "\\fB", f);
    roff_text(f, z + i, n - i);
    fputs("\\fR\n", f);
    z += n + (z[n]=='\n');
  }
  fputs(".fi\n", f);
  int bFirst = 1;
  while( *z ){
    int n = first_line(z), i = 0;
    while( i<n && z[i]==' ' ) i++;
    if( bFirst ) fputs(".PP\n", f);
    if( i>2 && !bFirst ) fputs(".br\n", f);
    bFirst = 0;
    roff_text(f, z + i, n - i);
    fputc('\n', f);
    z += n + (z[n]=='\n');
  }
}

/* `youcheng help --man`: the manual page youcheng(1) in roff, made from the
** command table (the same text as --help); the build writes build/youcheng.1. */
static void man_page(FILE *f){
  fprintf(f, ".\\\" youcheng(1): generated by `youcheng help --man` from the command table\n"
             ".\\\" (src/cli/commands.c); do not edit.\n"
             ".TH YOUCHENG 1 \"\" \"youcheng %s\" \"User Commands\"\n"
             ".SH NAME\nyoucheng \\- sister\\-city cooperation platform\n"
             ".SH SYNOPSIS\n.B youcheng\n.I COMMAND\n.RI [ options ]\n.br\n"
             ".B youcheng\n.I COMMAND\n.B \\-\\-help\n"
             ".SH DESCRIPTION\n"
             "youcheng keeps the registry of a city's partner\\-city ties, organisations,\n"
             "exchanges, projects and cooperation opportunities in one SQLite database,\n"
             "and serves it as a bilingual (Chinese and English) web application and a\n"
             "JSON API\n(\\fByoucheng serve\\fR). Every command names the database with\n"
             ".BR \\-\\-db \" FILE\".\n"
             "Each command prints its own help with\n.BR \\-\\-help ;\n"
             "this page is made from the same text.\n"
             ".SH COMMANDS\n", YC_VERSION);
  for(const Command *c = aCommand; c->zName; c++){
    if( c->aSub ){
      man_command(f, c, c->zName);
      for(const Command *k = c->aSub; k->zName; k++){
        char zTitle[64];
        snprintf(zTitle, sizeof zTitle, "%s %s", c->zName, k->zName);
        man_command(f, k, zTitle);
      }
    }else{
      man_command(f, c, c->zName);
    }
  }
  fputs(".SH ENVIRONMENT\n"
        ".TP\n.B YC_METRICS_TOKEN_FILE\n"
        "A file holding the bearer token of \\fBGET /metrics\\fR (as \\fBserve \\-\\-metrics\\-token\\-file\\fR).\n"
        ".TP\n.B YC_METRICS_TOKEN\n"
        "The bearer token of \\fBGET /metrics\\fR itself, when no token file is given.\n"
        ".SH FILES\n"
        ".TP\n.I /var/lib/youcheng/youcheng.db\n"
        "The database of the packaged service (\\fIyoucheng.service\\fR).\n"
        ".TP\n.I /var/backups/youcheng\n"
        "The daily copies made by \\fIyoucheng\\-backup.timer\\fR.\n"
        ".SH SEE ALSO\n"
        ".BR systemctl (1),\n"
        ".BR journalctl (1)\n", f);
}

int cmd_help(int argc, char **argv){
  int bRoutes = cli_flag(&argc, argv, "routes");
  int bJson = cli_flag(&argc, argv, "json");
  int bMan = cli_flag(&argc, argv, "man");
  for(int i=1; i<argc; i++){
    if( argv[i][0]=='-' ){ fprintf(stderr, "youcheng help: unknown option %s (see youcheng help help)\n", argv[i]); return 2; }
  }
  if( bJson ){
    json_t *aCmd = json_array(), *aRt = json_array();
    for(const Command *c = aCommand; c->zName; c++) json_array_append_new(aCmd, command_json(c));
    for(const Route *rt = aRoute; rt->zMethod; rt++){
      json_array_append_new(aRt, json_pack("{s:s, s:s, s:s, s:b, s:b, s:s?, s:s}", "method", rt->zMethod,
        "path", rt->zPattern, "handler", rt->zHandler, "write", (rt->flags & ROUTE_WRITE)!=0,
        "cache", (rt->flags & ROUTE_CACHE)!=0, "nav", rt->zNav, "description", rt->zDesc));
    }
    json_t *j = json_pack("{s:s, s:o, s:o}", "version", YC_VERSION, "commands", aCmd, "routes", aRt);
    char *z = json_text(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    printf("%s\n", z);
    free(z);
    json_decref(j);
    return 0;
  }
  if( bMan ){
    man_page(stdout);
    return 0;
  }
  if( bRoutes ){
    for(const Route *rt = aRoute; rt->zMethod; rt++){
      char zFlags[32];
      printf("%s\t%s\t%s\t%s\t%s\n", rt->zMethod, rt->zPattern, route_flags(rt, zFlags, sizeof zFlags), rt->zHandler, rt->zDesc);
    }
    return 0;
  }
  if( argc<2 ){ cli_usage(stdout); return 0; }
  const Command *c = cli_find(aCommand, argv[1]);
  if( !c ){ fprintf(stderr, "youcheng help: unknown command '%s'\n", argv[1]); return 2; }
  const Command *k = argc>2 && c->aSub ? cli_find(c->aSub, argv[2]) : 0;
  cli_print_help(stdout, k ? k : c);
  return 0;
}

/* commands_exchange.c: the commands of exchanges, projects, relationship health and the calendar; see cli.h. */
#include "cli/cli.h"
#include "cli/cmd_exchange.h"

const Command aCommandExchange[] = {
  {"exchange", cmd_exchange,
   "youcheng exchange list [--tie ID] [--kind K] [--field F] [--from D] [--to D] [--substantive 1|0]\n"
   "                       [--project ID] [--sort date|-date] [--limit N] [--json] --db FILE\n"
   "youcheng exchange add --tie ID[,ID] --kind K --date D --title TEXT [--fields F,F] [--substantive yes|no]\n"
   "                      [--participants N] [--orgs ID,ID] [--project ID] [--event NAME] [--expires D]\n"
   "                      [--description TEXT] [--source TEXT] [--json] --db FILE\n"
   "youcheng exchange show|delete ID --db FILE\n"
   "  The exchange log: dated contacts on ties. Kinds: delegation_in, delegation_out,\n"
   "  agreement, event, online_meeting, education, culture, tourism, trade_mission,\n"
   "  health, sports, youth, other. Dates: YYYY, YYYY-MM or YYYY-MM-DD, not in the\n"
   "  future. Back-fill history with `youcheng import exchanges FILE.csv`."},
  {"project", cmd_project,
   "youcheng project list [--stage S] [--tie ID] [--sector ISIC] [--limit N] [--json] --db FILE\n"
   "youcheng project show ID --db FILE\n"
   "  Cooperation projects by stage: lead, contact, negotiation, signed,\n"
   "  implementing, completed, stalled, dropped."},
  {"health", cmd_health,
   "youcheng health [--level active|cooling|dormant] [--flag F] [--kind K] [--less-developed]\n"
   "                [--attention] [--sort urgency|score|-score|name] [--limit N] [--json] --db FILE\n"
   "youcheng health --tie ID [--as-of YYYY-MM-DD] [--json] --db FILE\n"
   "youcheng health --recompute [--as-of YYYY-MM-DD] --db FILE\n"
   "youcheng health thresholds [set KIND NAME=VALUE ...] --db FILE\n"
   "  Relationship health of the ties: score 0-100, level, flags (dormant,\n"
   "  no_substantive, one_sided, agreement_expiring), most urgent first; --tie\n"
   "  explains one tie's score factor by factor. Thresholds are per tie kind."},
  {"calendar", cmd_calendar,
   "youcheng calendar [--months N | --from D [--to D]] [--ics] [--json] --db FILE\n"
   "  Round anniversaries of ties (every 5 years; 10, 20, 30... major) with the\n"
   "  date protocol letters are due, and agreement expiries; default the next\n"
   "  12 months. --ics prints an iCalendar (RFC 5545) feed."},
  {"import", cmd_import,
   "youcheng import exchanges FILE.csv [--dry-run] [--json] --db FILE\n"
   "  Back-fill the exchange log from CSV. Columns: date, kind, title (required);\n"
   "  tie_id and/or partner_city_id (GeoNames), several separated by ';'; fields\n"
   "  (';'), substantive (1/0/empty = the kind's default), participants, org_ids,\n"
   "  project_id, event, expires, description, sources and links (' | '). All or\n"
   "  nothing; rows already recorded (same date, kind, title, ties) are skipped;\n"
   "  --dry-run reports rows, would-create and errors by row and field."},
  {0, 0, 0}
};

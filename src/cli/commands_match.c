/* commands_match.c: the commands of industry profiles, opportunities and matching; see cli.h. */
#include "cli/cli.h"
#include "cli/cmd_match.h"

const Command aCommandMatch[] = {
  {"match", cmd_match,
   "youcheng match --text TEXT [--industries 26,72] [--direction going_out|bringing_in]\n"
   "               [--countries US,SE] [--kind offer|request] [--side home|partner]\n"
   "               [--types opportunity,org,partner] [--limit N] [--json] --db FILE\n"
   "youcheng match --opportunity ID | --org ID | --partner ID [--types ...] [--limit N] [--json] --db FILE\n"
   "  Rank counterparts (opposite-kind opportunities, organisations, partner\n"
   "  cities) for free text in Chinese or English, or for a record, with the\n"
   "  score and the reasons of each. Also: `youcheng import profiles FILE.csv`\n"
   "  (columns partner_id | city_id | city+country, section, code, strength,\n"
   "  text_zh, text_en, industries, source, reviewed) and `youcheng import\n"
   "  opportunities FILE.csv` (kind, category, direction, org_id | org |\n"
   "  partner_id, industries, target_countries, title_zh, title_en,\n"
   "  description_zh, description_en, valid_until, status, contact)."},
  {"opportunity", cmd_opportunity,
   "youcheng opportunity list [--q TEXT] [--kind K] [--category C] [--direction D] [--industry CODE]\n"
   "                          [--country ISO2] [--status S] [--sort KEY] [--limit N] [--json] --db FILE\n"
   "youcheng opportunity show ID --db FILE\n"
   "  The cooperation opportunities (open ones past their valid-until day read as expired)."},
  {"interest", cmd_interest,
   "youcheng interest followup [--days N] [--status new|forwarded] [--json] --db FILE\n"
   "  Expressions of interest still unanswered after N days (default 14)."},
  {0, 0, 0}
};

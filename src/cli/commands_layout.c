/* commands_layout.c: the commands of layout analysis and the world twin-city network; see cli.h. */
#include "cli/cli.h"
#include "cli/cmd_layout.h"

const Command aCommandLayout[] = {
  {"import", cmd_import,
   "youcheng import twins FILE.csv [--format wikipedia|wikidata] [--dry-run] [--json] --db FILE\n"
   "  Import a public twin-town dataset into the world twin-city network: the\n"
   "  Wikipedia-derived CSV (city1,country1,lat1,lng1,city2,country2,lat2,lng2)\n"
   "  or Wikidata pairs (city_a_qid,city_a_label,city_b_qid,city_b_label,\n"
   "  stated_both_ways). Each city is resolved to a GeoNames city; the report\n"
   "  gives resolved / ambiguous / failed counts. Unresolved rows are kept for\n"
   "  review (page /twins/unresolved). All or nothing; a re-import adds nothing."},
  {"layout", cmd_layout,
   "youcheng layout [--list KEY] [--limit N] [--json] --db FILE\n"
   "  Layout analysis: the home city's ties by continent, subregion and country,\n"
   "  the share of each country list covered and the gaps (target countries\n"
   "  without an active tie) ranked by priority; --list for one list (bri,\n"
   "  neighbours, major, oecd, wb_low... or a list you made)."},
  {"lists", cmd_lists,
   "youcheng lists [show KEY] [--json] --db FILE\n"
   "  The country lists: built-in target lists (bri, neighbours, major) and\n"
   "  reference groupings (oecd, wb_low, wb_lower_middle, wb_upper_middle,\n"
   "  wb_high), each with its source and date, and lists users made."},
  {"network", cmd_network,
   "youcheng network city GEONAMES_ID [--json] --db FILE\n"
   "youcheng network country ISO2 [--limit N] [--json] --db FILE\n"
   "  The world twin-city network: a city's twins (and how many are Chinese or\n"
   "  in the home province), or the most-connected cities of a country."},
  {"candidates", cmd_candidates,
   "youcheng candidates (--country ISO2 | --list KEY) [--limit N] [--json] --db FILE\n"
   "  Candidate partner cities in a country, or across the gaps of a list,\n"
   "  ranked by population, administrative rank, openness (twins, Chinese\n"
   "  twins) and ties with the home province, each with its reasons."},
  {0, 0, 0}
};

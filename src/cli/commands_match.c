/* commands_match.c: the commands of industry profiles, opportunities and matching; see cli.h. */
#include "cli/cli.h"

const Command aCommandMatch[] = {
  {0, 0, 0}
};

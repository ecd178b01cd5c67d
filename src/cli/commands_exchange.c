/* commands_exchange.c: the commands of exchanges, projects, relationship health and the calendar; see cli.h. */
#include "cli/cli.h"

const Command aCommandExchange[] = {
  {0, 0, 0}
};

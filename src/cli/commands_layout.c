/* commands_layout.c: the commands of layout analysis and the world twin-city network; see cli.h. */
#include "cli/cli.h"

const Command aCommandLayout[] = {
  {0, 0, 0}
};

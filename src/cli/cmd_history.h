/* cmd_history.h: the history commands (cmd_history.c). */
#ifndef YC_CMD_HISTORY_H
#define YC_CMD_HISTORY_H

int cmd_history(int, char**);
int cmd_audit(int, char**);
int cmd_revert(int, char**);

#endif

/* cmd_event.h: the commands of events, invitations, participation, series and networks (cmd_event.c). */
#ifndef YC_CMD_EVENT_H
#define YC_CMD_EVENT_H

int cmd_event(int, char**);
int cmd_series(int, char**);

#endif

/* cmd_report.h: the annual report command (cmd_report.c). */
#ifndef YC_CMD_REPORT_H
#define YC_CMD_REPORT_H

int cmd_report(int, char**);

#endif

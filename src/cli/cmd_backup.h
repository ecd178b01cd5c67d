/*
** cmd_backup.h: `youcheng backup`, `youcheng restore` and `youcheng check` (cmd_backup.c).
*/
#ifndef YC_CMD_BACKUP_H
#define YC_CMD_BACKUP_H

int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_sql(int argc, char **argv);

#endif

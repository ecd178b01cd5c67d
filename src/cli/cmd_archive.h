/*
** cmd_archive.h: `youcheng delete` and `youcheng archive` (cmd_archive.c).
*/
#ifndef YC_CMD_ARCHIVE_H
#define YC_CMD_ARCHIVE_H

int cmd_delete(int argc, char **argv);
int cmd_archive(int argc, char **argv);

#endif

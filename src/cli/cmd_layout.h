/*
** cmd_layout.h: commands of layout analysis and the world twin-city
** network (cmd_layout.c), listed in commands.c, where the `import twins`
** kind is cmd_import_twins.
*/
#ifndef YC_CMD_LAYOUT_H
#define YC_CMD_LAYOUT_H

int cmd_import_twins(int argc, char **argv);
int cmd_twins(int argc, char **argv);
int cmd_layout(int argc, char **argv);
int cmd_lists(int argc, char **argv);
int cmd_network(int argc, char **argv);
int cmd_candidates(int argc, char **argv);

#endif

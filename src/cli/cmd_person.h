/* cmd_person.h: the commands of people and delegations (cmd_person.c, cmd_delegation.c). */
#ifndef YC_CMD_PERSON_H
#define YC_CMD_PERSON_H

int cmd_person(int, char**);
int cmd_delegation(int, char**);

#endif

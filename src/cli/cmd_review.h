/*
** cmd_review.h: `youcheng review` (cmd_review.c).
*/
#ifndef YC_CMD_REVIEW_H
#define YC_CMD_REVIEW_H

int cmd_review(int argc, char **argv);

#endif

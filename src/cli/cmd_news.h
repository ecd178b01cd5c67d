/* cmd_news.h: the news command (cmd_news.c). */
#ifndef YC_CMD_NEWS_H
#define YC_CMD_NEWS_H

int cmd_news(int, char**);

#endif

/* log.h: one-line log messages to stderr with a timestamp and level. */
#ifndef YC_LOG_H
#define YC_LOG_H
void log_info(const char *zFmt, ...) __attribute__((format(printf,1,2)));
void log_error(const char *zFmt, ...) __attribute__((format(printf,1,2)));
extern int log_quiet;   /* set to 1 to silence log_info */
#endif

/*
** exchange_date.h: day arithmetic for the exchange log, the health score
** and the calendar. A day is a count of days since 1970-01-01 (proleptic
** Gregorian, UTC). A date of lower precision ("2019", "2019-10") stands
** for a period: its first day, its middle (the 15th of a month, 1 July of
** a year) and its last day.
*/
#ifndef YC_EXCHANGE_DATE_H
#define YC_EXCHANGE_DATE_H

/* Days since 1970-01-01 of y-m-d (m 1..12, d 1..31). */
int exd_days(int y, int m, int d);
/* The civil date of a day. */
void exd_civil(int day, int *py, int *pm, int *pd);
/* "YYYY-MM-DD" of a day into z (>= 11 bytes). */
void exd_format(int day, char *z);
/* Today (UTC) as a day. */
int exd_today(void);
/* Days in month m of year y. */
int exd_month_len(int y, int m);

/* The period of a valid date string of any precision (as checked by
** in_date_parse): first, middle and last day. Returns 0 on a malformed
** date. */
int exd_period(const char *zDate, int *pDay0, int *pMid, int *pEnd);

/* day plus n calendar months (n may be negative); the day of the month is
** clamped to the length of the target month (31 Jan + 1 month = 28/29 Feb). */
int exd_add_months(int day, int n);
/* Whole calendar months from day a to day b (0 if b < a): the largest n
** with exd_add_months(a, n) <= b. 2019-01-15 to 2019-02-14 is 0 months, to
** 2019-02-15 is 1; 2019-01-31 to 2019-02-28 is 1 (month ends line up). */
int exd_months_between(int a, int b);

#endif

/*
** date.h: the one date library. Civil dates of day, month or year
** precision ("1983-01-14", "2004-09", "2002"), day numbers, month
** arithmetic, periods, today, and UTC time stamps.
**
** A day number is the count of days since 1970-01-01 (proleptic
** Gregorian, UTC). A date of lower precision stands for a period: its
** first day, its middle (the 15th of a month, 1 July of a year) and its
** last day.
*/
#ifndef YC_DATE_H
#define YC_DATE_H
#include <stdint.h>

/* Precision of a date. */
enum { DATE_YEAR = 1, DATE_MONTH = 2, DATE_DAY = 3 };
/* What date_parse found wrong (0: nothing). */
enum { DATE_OK = 0, DATE_EFORMAT, DATE_EYEAR, DATE_EMONTH, DATE_EDAY };

/* A parsed date: y-m-d with m and d 0 below the precision. */
typedef struct Date { int y, m, d, prec; } Date;

/* Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD" (digits exactly so; year
** 1000..9999; a month 1..12; a day that exists in its month).
** DATE_OK and *p filled, or the first DATE_E* that applies (*p still has
** the numbers read, for the message). */
int date_parse(const char *z, Date *p);
/* "year", "month" or "day" (static); 0 for anything else. */
const char *date_prec_name(int prec);

/* 1 if y is a leap year. */
int date_leap(int y);
/* Days in month m (1..12) of year y. */
int date_month_len(int y, int m);

/* Day number of y-m-d (m 1..12, d 1..31). */
int date_days(int y, int m, int d);
/* The civil date of a day number. */
void date_civil(int day, int *py, int *pm, int *pd);
/* Day number of a text that starts with a valid "YYYY-MM-DD" (anything
** after it, like a time, is ignored); -1 when it does not. */
int date_text_day(const char *z);

/* "YYYY-MM-DD" of a day into z (>= 11 bytes). */
void date_format(int day, char *z);
/* The same cut to a precision: "YYYY", "YYYY-MM" or "YYYY-MM-DD". */
void date_format_prec(int day, int prec, char *z);
/* "YYYYMMDD" (ISO 8601 basic form, iCalendar DATE) into z (>= 9 bytes). */
void date_format_basic(int day, char *z);
/* The text of the period that starts on day0 and has dayIn in it (its
** middle or end): the day when they are equal, the month when they share
** a month, else the year. */
void date_period_text(int day0, int dayIn, char *z);

/* Today (UTC) as a day number, and as "YYYY-MM-DD" into z (>= 11 bytes). */
int date_today(void);
void date_today_text(char *z);

/* The period a date stands for: first, middle and last day. */
void date_span(const Date *p, int *pDay0, int *pMid, int *pEnd);
/* The same from a date string of any precision; 0 when it does not parse
** (see date_parse), 1 otherwise. */
int date_period(const char *z, int *pDay0, int *pMid, int *pEnd);
/* The same date, at the same precision, in year y (an anniversary);
** 29 February becomes 28 February in a common year. */
Date date_in_year(const Date *p, int y);

/* day plus n calendar months (n may be negative); the day of the month is
** clamped to the length of the target month (31 Jan + 1 month = 28/29 Feb). */
int date_add_months(int day, int n);
/* Whole calendar months from day a to day b (0 if b < a): the largest n
** with date_add_months(a, n) <= b. 2019-01-15 to 2019-02-14 is 0 months,
** to 2019-02-15 is 1; 2019-01-31 to 2019-02-28 is 1 (month ends line up). */
int date_months_between(int a, int b);

/* A UTC time stamp of t (seconds since the epoch): "YYYY-MM-DDTHH:MM:SSZ",
** or with bBasic "YYYYMMDDTHHMMSSZ" (iCalendar). z >= 24 bytes. */
void date_stamp(int64_t t, int bBasic, char *z);
/* The current time as date_stamp(now, 0, z). */
void date_now(char *z);

#endif

/*
** test_date.c: unit tests of the date library (src/base/date.c).
*/
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>
#include "base/date.h"

/* A day number as "YYYY-MM-DD" in a static buffer (one at a time). */
static const char *fmt(int day){
  static char z[16];
  date_format(day, z);
  return z;
}

/* date-1: leap years and month lengths. */
static void test_leap(void **state){
  (void)state;
  assert_true(date_leap(2000));     /* divisible by 400 */
  assert_false(date_leap(1900));    /* by 100, not by 400 */
  assert_true(date_leap(2024));
  assert_false(date_leap(2023));
  assert_false(date_leap(2100));
  assert_int_equal(date_month_len(2024, 2), 29);
  assert_int_equal(date_month_len(2023, 2), 28);
  assert_int_equal(date_month_len(1900, 2), 28);
  assert_int_equal(date_month_len(2000, 2), 29);
  assert_int_equal(date_month_len(2023, 4), 30);
  assert_int_equal(date_month_len(2023, 12), 31);
  assert_int_equal(date_days(2000, 3, 1) - date_days(2000, 2, 28), 2);
  assert_int_equal(date_days(1900, 3, 1) - date_days(1900, 2, 28), 1);
  assert_int_equal(date_days(2025, 1, 1) - date_days(2024, 1, 1), 366);
}

/* date-2: day numbers and back, across eras and the epoch. */
static void test_day_numbers(void **state){
  (void)state;
  assert_int_equal(date_days(1970, 1, 1), 0);
  assert_int_equal(date_days(1969, 12, 31), -1);
  assert_int_equal(date_days(2000, 1, 1), 10957);
  assert_string_equal(fmt(date_days(2024, 2, 29)), "2024-02-29");
  assert_string_equal(fmt(-1), "1969-12-31");
  assert_string_equal(fmt(date_days(1600, 3, 1)), "1600-03-01");
  /* Every day of 1899..2101 round-trips and follows the previous one. */
  int prev = date_days(1898, 12, 31);
  for(int y=1899; y<=2101; y++){
    for(int m=1; m<=12; m++){
      for(int d=1; d<=date_month_len(y, m); d++){
        int day = date_days(y, m, d), y2, m2, d2;
        assert_int_equal(day, prev + 1);
        date_civil(day, &y2, &m2, &d2);
        assert_true(y2==y && m2==m && d2==d);
        prev = day;
      }
    }
  }
  char z[16];
  date_format_basic(date_days(2027, 9, 6), z);
  assert_string_equal(z, "20270906");
  assert_int_equal(date_text_day("2019-10-17"), date_days(2019, 10, 17));
  assert_int_equal(date_text_day("2019-10-17T08:30:00Z"), date_days(2019, 10, 17));
  assert_int_equal(date_text_day("2019-10"), -1);
  assert_int_equal(date_text_day("2019-02-30"), -1);
  assert_int_equal(date_text_day("2019/10/17"), -1);
  assert_int_equal(date_text_day(0), -1);
}

/* date-3: parsing, precision and what is invalid. */
static void test_parse(void **state){
  (void)state;
  Date d;
  assert_int_equal(date_parse("2002", &d), DATE_OK);
  assert_int_equal(d.prec, DATE_YEAR);
  assert_int_equal(d.y, 2002);
  assert_int_equal(d.m, 0);
  assert_string_equal(date_prec_name(d.prec), "year");
  assert_int_equal(date_parse("2004-09", &d), DATE_OK);
  assert_int_equal(d.prec, DATE_MONTH);
  assert_int_equal(d.m, 9);
  assert_string_equal(date_prec_name(d.prec), "month");
  assert_int_equal(date_parse("1983-01-14", &d), DATE_OK);
  assert_int_equal(d.prec, DATE_DAY);
  assert_true(d.y==1983 && d.m==1 && d.d==14);
  assert_string_equal(date_prec_name(d.prec), "day");
  assert_int_equal(date_parse("2024-02-29", &d), DATE_OK);
  /* Invalid. */
  assert_int_equal(date_parse("2023-02-29", &d), DATE_EDAY);
  assert_int_equal(d.d, 29);
  assert_int_equal(date_parse("1900-02-29", &d), DATE_EDAY);
  assert_int_equal(date_parse("2019-04-31", &d), DATE_EDAY);
  assert_int_equal(date_parse("2019-01-00", &d), DATE_EDAY);
  assert_int_equal(date_parse("2019-13", &d), DATE_EMONTH);
  assert_int_equal(d.m, 13);
  assert_int_equal(date_parse("2019-00-10", &d), DATE_EMONTH);
  assert_int_equal(date_parse("0999", &d), DATE_EYEAR);
  assert_int_equal(date_parse("19", &d), DATE_EFORMAT);
  assert_int_equal(date_parse("", &d), DATE_EFORMAT);
  assert_int_equal(date_parse(0, &d), DATE_EFORMAT);
  assert_int_equal(date_parse("2019-1-05", &d), DATE_EFORMAT);
  assert_int_equal(date_parse("2019/01/05", &d), DATE_EFORMAT);
  assert_int_equal(date_parse("2019-01-05 ", &d), DATE_EFORMAT);
  assert_int_equal(date_parse("+019-01-05", &d), DATE_EFORMAT);
  assert_int_equal(date_parse("2019-0x", &d), DATE_EFORMAT);
  assert_null(date_prec_name(0));
}

/* date-4: periods; a year stands at 1 July, a month at the 15th. */
static void test_periods(void **state){
  (void)state;
  int d0, dm, de;
  char z[16];
  assert_true(date_period("2019", &d0, &dm, &de));
  assert_string_equal(fmt(d0), "2019-01-01");
  assert_string_equal(fmt(dm), "2019-07-01");
  assert_string_equal(fmt(de), "2019-12-31");
  date_period_text(d0, dm, z);
  assert_string_equal(z, "2019");
  date_period_text(d0, de, z);
  assert_string_equal(z, "2019");
  assert_true(date_period("2024-02", &d0, &dm, &de));
  assert_string_equal(fmt(dm), "2024-02-15");
  assert_string_equal(fmt(de), "2024-02-29");
  date_period_text(d0, dm, z);
  assert_string_equal(z, "2024-02");
  assert_true(date_period("2019-10-17", &d0, &dm, &de));
  assert_true(d0==dm && dm==de);
  date_period_text(d0, de, z);
  assert_string_equal(z, "2019-10-17");
  assert_false(date_period("2019-02-29", &d0, &dm, &de));
  assert_false(date_period("2019-1x", &d0, &dm, &de));
  date_format_prec(date_days(2027, 9, 16), DATE_MONTH, z);
  assert_string_equal(z, "2027-09");
  date_format_prec(date_days(2027, 9, 16), DATE_YEAR, z);
  assert_string_equal(z, "2027");
  /* Anniversaries keep the precision; 29 February becomes the 28th. */
  Date d, a;
  date_parse("2012-02-29", &d);
  a = date_in_year(&d, 2017);
  assert_true(a.y==2017 && a.m==2 && a.d==28 && a.prec==DATE_DAY);
  a = date_in_year(&d, 2032);
  assert_int_equal(a.d, 29);
  date_parse("1983-05", &d);
  a = date_in_year(&d, 2023);
  date_span(&a, &d0, &dm, &de);
  assert_string_equal(fmt(d0), "2023-05-01");
  assert_string_equal(fmt(de), "2023-05-31");
}

/* date-5: month arithmetic at month ends. */
static void test_months(void **state){
  (void)state;
  assert_string_equal(fmt(date_add_months(date_days(2020, 1, 31), 1)), "2020-02-29");
  assert_string_equal(fmt(date_add_months(date_days(2021, 1, 31), 1)), "2021-02-28");
  assert_string_equal(fmt(date_add_months(date_days(2021, 3, 31), 1)), "2021-04-30");
  assert_string_equal(fmt(date_add_months(date_days(2021, 3, 31), -1)), "2021-02-28");
  assert_string_equal(fmt(date_add_months(date_days(2020, 2, 29), 12)), "2021-02-28");
  assert_string_equal(fmt(date_add_months(date_days(2020, 2, 29), 48)), "2024-02-29");
  assert_string_equal(fmt(date_add_months(date_days(2019, 11, 15), 2)), "2020-01-15");
  assert_string_equal(fmt(date_add_months(date_days(2020, 1, 15), -1)), "2019-12-15");
  assert_string_equal(fmt(date_add_months(date_days(2020, 1, 15), -25)), "2017-12-15");
  assert_string_equal(fmt(date_add_months(date_days(2020, 1, 15), 0)), "2020-01-15");
  assert_int_equal(date_months_between(date_days(2019, 1, 15), date_days(2019, 2, 14)), 0);
  assert_int_equal(date_months_between(date_days(2019, 1, 15), date_days(2019, 2, 15)), 1);
  assert_int_equal(date_months_between(date_days(2019, 1, 31), date_days(2019, 2, 28)), 1);
  assert_int_equal(date_months_between(date_days(2019, 1, 31), date_days(2019, 2, 27)), 0);
  assert_int_equal(date_months_between(date_days(2020, 2, 29), date_days(2021, 2, 28)), 12);
  assert_int_equal(date_months_between(date_days(2022, 7, 1), date_days(2024, 6, 30)), 23);
  assert_int_equal(date_months_between(date_days(2024, 6, 30), date_days(2022, 7, 1)), 0);
  assert_int_equal(date_months_between(date_days(2024, 6, 30), date_days(2024, 6, 30)), 0);
}

/* date-6: today and time stamps. */
static void test_today(void **state){
  (void)state;
  time_t t = time(0);
  int today = date_today();
  assert_true(today==(int)(t/86400) || today==(int)(t/86400) + 1);
  char z[16], zStamp[24];
  date_today_text(z);
  assert_int_equal(strlen(z), 10);
  assert_int_equal(date_text_day(z), date_today());
  date_stamp(0, 0, zStamp);
  assert_string_equal(zStamp, "1970-01-01T00:00:00Z");
  date_stamp(1709251199, 0, zStamp);
  assert_string_equal(zStamp, "2024-02-29T23:59:59Z");
  date_stamp(1709251199, 1, zStamp);
  assert_string_equal(zStamp, "20240229T235959Z");
  date_now(zStamp);
  assert_int_equal(strlen(zStamp), 20);
  assert_int_equal(date_text_day(zStamp), date_today());
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_leap),
    cmocka_unit_test(test_day_numbers),
    cmocka_unit_test(test_parse),
    cmocka_unit_test(test_periods),
    cmocka_unit_test(test_months),
    cmocka_unit_test(test_today),
  };
  return cmocka_run_group_tests_name("date", tests, 0, 0);
}

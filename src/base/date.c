/* date.c: dates, day numbers, periods; see date.h. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "base/date.h"

static int digits(const char *z, int n){
  for(int i=0; i<n; i++) if( z[i]<'0' || z[i]>'9' ) return 0;
  return 1;
}

static int num(const char *z, int n){
  int v = 0;
  for(int i=0; i<n; i++) v = v*10 + (z[i] - '0');
  return v;
}

int date_parse(const char *z, Date *p){
  size_t n = z ? strlen(z) : 0;
  memset(p, 0, sizeof *p);
  if( n==4 && digits(z, 4) ){
    p->prec = DATE_YEAR;
  }else if( n==7 && digits(z, 4) && z[4]=='-' && digits(z+5, 2) ){
    p->prec = DATE_MONTH;
  }else if( n==10 && digits(z, 4) && z[4]=='-' && digits(z+5, 2) && z[7]=='-' && digits(z+8, 2) ){
    p->prec = DATE_DAY;
  }else{
    return DATE_EFORMAT;
  }
  p->y = num(z, 4);
  if( p->prec>=DATE_MONTH ) p->m = num(z+5, 2);
  if( p->prec==DATE_DAY ) p->d = num(z+8, 2);
  if( p->y<1000 ) return DATE_EYEAR;
  if( p->prec>=DATE_MONTH && (p->m<1 || p->m>12) ) return DATE_EMONTH;
  if( p->prec==DATE_DAY && (p->d<1 || p->d>date_month_len(p->y, p->m)) ) return DATE_EDAY;
  return DATE_OK;
}

const char *date_prec_name(int prec){
  return prec==DATE_YEAR ? "year" : prec==DATE_MONTH ? "month" : prec==DATE_DAY ? "day" : 0;
}

int date_leap(int y){
  return (y%4==0 && y%100!=0) || y%400==0;
}

int date_month_len(int y, int m){
  static const int aDays[] = {31,28,31,30,31,30,31,31,30,31,30,31};
  return aDays[m-1] + (m==2 && date_leap(y));
}

/* After H. Hinnant's days_from_civil / civil_from_days. */
int date_days(int y, int m, int d){
  y -= m<=2;
  int era = (y>=0 ? y : y-399) / 400;
  int yoe = y - era*400;
  int doy = (153*(m + (m>2 ? -3 : 9)) + 2)/5 + d - 1;
  int doe = yoe*365 + yoe/4 - yoe/100 + doy;
  return era*146097 + doe - 719468;
}

void date_civil(int day, int *py, int *pm, int *pd){
  int z = day + 719468;
  int era = (z>=0 ? z : z-146096) / 146097;
  int doe = z - era*146097;
  int yoe = (doe - doe/1460 + doe/36524 - doe/146096) / 365;
  int y = yoe + era*400;
  int doy = doe - (365*yoe + yoe/4 - yoe/100);
  int mp = (5*doy + 2)/153;
  int d = doy - (153*mp + 2)/5 + 1;
  int m = mp + (mp<10 ? 3 : -9);
  *py = y + (m<=2);
  *pm = m;
  *pd = d;
}

int date_text_day(const char *z){
  char zDay[11];
  Date d;
  if( !z || strnlen(z, 10)<10 ) return -1;
  memcpy(zDay, z, 10);
  zDay[10] = 0;
  if( date_parse(zDay, &d)!=DATE_OK || d.prec!=DATE_DAY ) return -1;
  return date_days(d.y, d.m, d.d);
}

void date_format(int day, char *z){
  int y, m, d;
  date_civil(day, &y, &m, &d);
  char zBuf[40];
  snprintf(zBuf, sizeof zBuf, "%04d-%02d-%02d", y, m, d);
  memcpy(z, zBuf, 10);
  z[10] = 0;
}

void date_format_prec(int day, int prec, char *z){
  date_format(day, z);
  if( prec==DATE_YEAR ) z[4] = 0;
  else if( prec==DATE_MONTH ) z[7] = 0;
}

void date_format_basic(int day, char *z){
  int y, m, d;
  date_civil(day, &y, &m, &d);
  char zBuf[40];
  snprintf(zBuf, sizeof zBuf, "%04d%02d%02d", y, m, d);
  memcpy(z, zBuf, 8);
  z[8] = 0;
}

void date_period_text(int day0, int dayIn, char *z){
  int y0, m0, d0, y1, m1, d1;
  if( day0==dayIn ){ date_format(day0, z); return; }
  date_civil(day0, &y0, &m0, &d0);
  date_civil(dayIn, &y1, &m1, &d1);
  date_format_prec(day0, m0==m1 ? DATE_MONTH : DATE_YEAR, z);
}

int date_today(void){
  return (int)(time(0) / 86400);
}

void date_today_text(char *z){
  date_format(date_today(), z);
}

void date_span(const Date *p, int *pDay0, int *pMid, int *pEnd){
  if( p->prec==DATE_YEAR ){
    *pDay0 = date_days(p->y, 1, 1);
    *pMid = date_days(p->y, 7, 1);
    *pEnd = date_days(p->y, 12, 31);
  }else if( p->prec==DATE_MONTH ){
    *pDay0 = date_days(p->y, p->m, 1);
    *pMid = date_days(p->y, p->m, 15);
    *pEnd = date_days(p->y, p->m, date_month_len(p->y, p->m));
  }else{
    *pDay0 = *pMid = *pEnd = date_days(p->y, p->m, p->d);
  }
}

int date_period(const char *z, int *pDay0, int *pMid, int *pEnd){
  Date d;
  if( date_parse(z, &d)!=DATE_OK ) return 0;
  date_span(&d, pDay0, pMid, pEnd);
  return 1;
}

Date date_in_year(const Date *p, int y){
  Date a = *p;
  a.y = y;
  if( a.prec==DATE_DAY && a.d>date_month_len(y, a.m) ) a.d = date_month_len(y, a.m);
  return a;
}

int date_add_months(int day, int n){
  int y, m, d;
  date_civil(day, &y, &m, &d);
  int k = y*12 + (m-1) + n;
  y = k>=0 ? k/12 : -((-k+11)/12);
  m = k - y*12 + 1;
  int nLen = date_month_len(y, m);
  return date_days(y, m, d>nLen ? nLen : d);
}

int date_months_between(int a, int b){
  if( b<a ) return 0;
  int ya, ma, da, yb, mb, db;
  date_civil(a, &ya, &ma, &da);
  date_civil(b, &yb, &mb, &db);
  int n = (yb - ya)*12 + (mb - ma);
  /* The largest n with a + n months <= b (consistent with date_add_months). */
  while( n>0 && date_add_months(a, n)>b ) n--;
  while( date_add_months(a, n+1)<=b ) n++;
  return n;
}

void date_stamp(int64_t t, int bBasic, char *z){
  time_t tt = (time_t)t;
  struct tm tm;
  gmtime_r(&tt, &tm);
  strftime(z, 24, bBasic ? "%Y%m%dT%H%M%SZ" : "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void date_now(char *z){
  date_stamp((int64_t)time(0), 0, z);
}

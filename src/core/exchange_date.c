/* exchange_date.c: day arithmetic; see exchange_date.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/exchange_date.h"

/* After H. Hinnant's days_from_civil / civil_from_days. */
int exd_days(int y, int m, int d){
  y -= m<=2;
  int era = (y>=0 ? y : y-399) / 400;
  int yoe = y - era*400;
  int doy = (153*(m + (m>2 ? -3 : 9)) + 2)/5 + d - 1;
  int doe = yoe*365 + yoe/4 - yoe/100 + doy;
  return era*146097 + doe - 719468;
}

void exd_civil(int day, int *py, int *pm, int *pd){
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

void exd_format(int day, char *z){
  int y, m, d;
  exd_civil(day, &y, &m, &d);
  char zBuf[40];
  snprintf(zBuf, sizeof zBuf, "%04d-%02d-%02d", y, m, d);
  memcpy(z, zBuf, 10);
  z[10] = 0;
}

int exd_today(void){
  return (int)(time(0) / 86400);
}

int exd_month_len(int y, int m){
  static const int aDays[] = {31,28,31,30,31,30,31,31,30,31,30,31};
  return aDays[m-1] + (m==2 && ((y%4==0 && y%100!=0) || y%400==0));
}

int exd_period(const char *z, int *pDay0, int *pMid, int *pEnd){
  size_t n = z ? strlen(z) : 0;
  if( n!=4 && n!=7 && n!=10 ) return 0;
  int y = atoi(z), m = n>=7 ? atoi(z+5) : 0, d = n==10 ? atoi(z+8) : 0;
  if( y<1000 || (n>=7 && (m<1 || m>12)) || (n==10 && (d<1 || d>exd_month_len(y, m))) ) return 0;
  if( n==4 ){
    *pDay0 = exd_days(y, 1, 1);
    *pMid = exd_days(y, 7, 1);
    *pEnd = exd_days(y, 12, 31);
  }else if( n==7 ){
    *pDay0 = exd_days(y, m, 1);
    *pMid = exd_days(y, m, 15);
    *pEnd = exd_days(y, m, exd_month_len(y, m));
  }else{
    *pDay0 = *pMid = *pEnd = exd_days(y, m, d);
  }
  return 1;
}

int exd_add_months(int day, int n){
  int y, m, d;
  exd_civil(day, &y, &m, &d);
  int k = y*12 + (m-1) + n;
  y = k>=0 ? k/12 : -((-k+11)/12);
  m = k - y*12 + 1;
  int nLen = exd_month_len(y, m);
  return exd_days(y, m, d>nLen ? nLen : d);
}

int exd_months_between(int a, int b){
  if( b<a ) return 0;
  int ya, ma, da, yb, mb, db;
  exd_civil(a, &ya, &ma, &da);
  exd_civil(b, &yb, &mb, &db);
  int n = (yb - ya)*12 + (mb - ma);
  /* The largest n with a + n months <= b (consistent with exd_add_months). */
  while( n>0 && exd_add_months(a, n)>b ) n--;
  while( exd_add_months(a, n+1)<=b ) n++;
  return n;
}

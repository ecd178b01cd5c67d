/* calendar.c: the anniversary calendar; see calendar.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/page.h"
#include "core/calendar.h"
#include "base/date.h"
#include "store/rows.h"
#include "core/partner.h"
#include "core/health.h"
#include "core/event.h"
#include "core/exchange.h"
#include "core/input.h"
#include "core/partner.h"

const char *const azCalendarParam[] = {"from", "to", "months", 0};

YcStatus calendar_window(const char *zFrom, const char *zTo, const char *zMonths, int *pFrom, int *pTo, Err *e){
  int today = date_today(), d0, dm, de;
  const char *zPrec;
  long nMonths = 12;
  if( zMonths && (!page_uint(zMonths, 240, &nMonths) || nMonths<1) )
    return err_set(e, YC_EINVALID, "invalid_value", "months", "months must be an integer from 1 to 240");
  if( zMonths && zTo ) return err_set(e, YC_EINVALID, "conflict", "months", "give either to or months, not both");
  *pFrom = today;
  if( zFrom ){
    if( in_date_parse("from", zFrom, &zPrec, e) ) return YC_EINVALID;
    date_period(zFrom, &d0, &dm, &de);
    *pFrom = d0;
  }
  *pTo = date_add_months(*pFrom, (int)nMonths) - 1;
  if( zTo ){
    if( in_date_parse("to", zTo, &zPrec, e) ) return YC_EINVALID;
    date_period(zTo, &d0, &dm, &de);
    *pTo = de;
  }
  if( *pTo<*pFrom ) return err_set(e, YC_EINVALID, "invalid_range", "to", "to is before from");
  if( *pTo - *pFrom > 20*366 ) return err_set(e, YC_EINVALID, "too_long", "to", "the window is longer than 20 years");
  return YC_OK;
}

static int item_cmp(const void *a, const void *b){
  json_t *x = *(json_t*const*)a, *y = *(json_t*const*)b;
  json_int_t i = json_integer_value(json_object_get(x, "start_day")), j = json_integer_value(json_object_get(y, "start_day"));
  if( i!=j ) return i<j ? -1 : 1;
  return strcmp(json_string_value(json_object_get(x, "uid")), json_string_value(json_object_get(y, "uid")));
}

YcStatus calendar_items(Ctx *c, int fromDay, int toDay, json_t **ppOut, Err *e){
  *ppOut = 0;
  HealthThreshold aT[3];
  YcStatus st = health_thresholds(c, aT, e);
  if( st ) return st;
  int yFrom, yTo, m, d;
  date_civil(fromDay, &yFrom, &m, &d);
  date_civil(toDay, &yTo, &m, &d);
  json_t *items = json_array();
  char zDate[16], zUid[96];
  /* Anniversaries of ties in force (not ended). */
  DbStmt *p = db_stmt(c->db, "SELECT id, kind, est_date, est_precision FROM tie"
                                   " WHERE home_city_id=?1 AND est_date IS NOT NULL AND status<>'ended' ORDER BY id");
  if( !p ){ json_decref(items); return db_error(c->db, DB_ERROR, e); }
  db_bind_int64(p, 1, c->homeCityId);
  int64_t aId[4096];
  char azEst[4096][11], azPrec[4096][6];
  int aKind[4096], n = 0;
  while( db_step(p)==DB_ROW && n<4096 ){
    aId[n] = db_col_int64(p, 0);
    const char *zK = db_text(p, 1);
    aKind[n] = strcmp(zK, "sister")==0 ? 0 : strcmp(zK, "cooperation")==0 ? 1 : 2;
    snprintf(azEst[n], sizeof azEst[n], "%s", db_text(p, 2));
    snprintf(azPrec[n], sizeof azPrec[n], "%s", db_text(p, 3));
    n++;
  }
  db_reset(p);
  /* The ties' JSON, all in one statement. */
  Buf b = BUF_INIT;
  buf_putc(&b, '[');
  for(int i=0; i<n; i++) buf_printf(&b, "%s%lld", i ? "," : "", (long long)aId[i]);
  buf_putc(&b, ']');
  json_t *refs = 0;
  st = partner_refs(c, buf_str(&b), &refs, e);
  buf_free(&b);
  if( st ){ json_decref(refs); json_decref(items); return st; }
  for(int i=0; i<n; i++){
    Date est;
    if( date_parse(azEst[i], &est)!=DATE_OK ) continue;
    for(int y = est.y + 5; y<=yTo; y += 5){
      int years = y - est.y;
      int s, mid, eDay;
      Date a = date_in_year(&est, y);     /* 29 Feb -> 28 Feb */
      date_span(&a, &s, &mid, &eDay);
      if( eDay<fromDay || s>toDay ) continue;
      char zKey[24];
      snprintf(zKey, sizeof zKey, "%lld", (long long)aId[i]);
      json_t *tie = json_object_get(refs, zKey);
      if( !tie ) continue;
      tie = json_deep_copy(tie);
      date_format_prec(s, est.prec, zDate);
      char zLetter[16];
      date_format(date_add_months(s, -aT[aKind[i]].letterLead), zLetter);
      snprintf(zUid, sizeof zUid, "tie-%lld-anniversary-%d@youcheng", (long long)aId[i], years);
      char zEnd[16];
      date_format(eDay, zEnd);
      char zStart[16];
      date_format(s, zStart);
      json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:b, s:s, s:i, s:o, s:s}",
        "type", "anniversary", "uid", zUid, "date", zDate, "precision", azPrec[i], "start", zStart, "end", zEnd,
        "start_day", s, "years", years, "major", years%10==0, "letter_by", zLetter,
        "letter_lead_months", aT[aKind[i]].letterLead, "tie", tie, "established", azEst[i]));
    }
  }
  json_decref(refs);
  /* Agreement expiries, with their ties (as exchange_tie_ids gives them, at most 64). */
  p = db_stmt(c->db, "SELECT id, title, expires, expires_precision, expires_day0, expires_day_end, ties FROM exchange"
                     " WHERE expires_day0 IS NOT NULL AND expires_day0<=?2 AND expires_day_end>=?1 ORDER BY expires_day0, id LIMIT ?3");
  if( !p ){ json_decref(items); return db_error(c->db, DB_ERROR, e); }
  db_bind_int(p, 1, fromDay);
  db_bind_int(p, 2, toDay);
  db_bind_int(p, 3, 2000);
  json_t *aExp = json_array(), *aExpTies = json_array();
  buf_putc(&b, '[');
  while( db_step(p)==DB_ROW ){
    json_t *aT2 = json_array();
    for(const char *z = db_text(p, 6); z && *z && json_array_size(aT2)<64; ){
      buf_printf(&b, "%s%lld", b.n>1 ? "," : "", atoll(z));
      json_array_append_new(aT2, json_integer(atoll(z)));
      z = strchr(z, ',');
      if( z ) z++;
    }
    json_array_append_new(aExpTies, aT2);
    char zStart[16], zEnd[16];
    date_format(db_col_int(p, 4), zStart);
    date_format(db_col_int(p, 5), zEnd);
    snprintf(zUid, sizeof zUid, "exchange-%lld-expiry@youcheng", (long long)db_col_int64(p, 0));
    json_array_append_new(aExp, json_pack("{s:s, s:s, s:o, s:o, s:s, s:s, s:i, s:{s:I, s:o}}",
      "type", "agreement_expiry", "uid", zUid, "date", rows_text(p, 2), "precision", rows_text(p, 3),
      "start", zStart, "end", zEnd, "start_day", db_col_int(p, 4),
      "exchange", "id", (json_int_t)db_col_int64(p, 0), "title", rows_text(p, 1)));
  }
  db_reset(p);
  buf_putc(&b, ']');
  st = partner_refs(c, buf_str(&b), &refs, e);
  buf_free(&b);
  if( st ){ json_decref(refs); json_decref(aExp); json_decref(aExpTies); json_decref(items); return st; }
  size_t i;
  json_t *x;
  json_array_foreach(aExp, i, x){
    json_t *ties = json_array(), *v, *t;
    size_t k;
    json_array_foreach(json_array_get(aExpTies, i), k, v){
      char zKey[24];
      snprintf(zKey, sizeof zKey, "%lld", (long long)json_integer_value(v));
      if( (t = json_object_get(refs, zKey)) ) json_array_append_new(ties, json_deep_copy(t));
    }
    json_object_set_new(x, "ties", ties);
    json_array_append(items, x);
  }
  json_decref(refs);
  json_decref(aExp);
  json_decref(aExpTies);
  /* Events (public ones for anonymous users; no people). */
  json_t *evs = 0;
  if( (st = event_calendar(c, fromDay, toDay, &evs, e)) ){ json_decref(items); return st; }
  json_array_foreach(evs, i, x){
    char zStart[16], zEnd[16];
    int s = (int)json_integer_value(json_object_get(x, "start_day"));
    date_format(s, zStart);
    date_format((int)json_integer_value(json_object_get(x, "end_day")), zEnd);
    snprintf(zUid, sizeof zUid, "event-%lld@youcheng", (long long)json_integer_value(json_object_get(x, "id")));
    json_t *ev = json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O}", "id", json_object_get(x, "id"),
      "title_zh", json_object_get(x, "title_zh"), "title_en", json_object_get(x, "title_en"), "kind", json_object_get(x, "kind"),
      "status", json_object_get(x, "status"), "place", json_object_get(x, "place"), "city_en", json_object_get(x, "city_en"),
      "city_zh", json_object_get(x, "city_zh"));
    json_array_append_new(items, json_pack("{s:s, s:s, s:O, s:O, s:s, s:s, s:i, s:o}",
      "type", "event", "uid", zUid, "date", json_object_get(x, "start"), "precision", json_object_get(x, "start_precision"),
      "start", zStart, "end", zEnd, "start_day", s, "event", ev));
  }
  json_decref(evs);
  /* Sort by start day. */
  size_t nItem = json_array_size(items);
  json_t **ap = malloc(sizeof(json_t*)*(nItem ? nItem : 1));
  if( ap ){
    for(size_t k=0; k<nItem; k++) ap[k] = json_incref(json_array_get(items, k));
    qsort(ap, nItem, sizeof ap[0], item_cmp);
    json_array_clear(items);
    for(size_t k=0; k<nItem; k++){
      json_object_del(ap[k], "start_day");
      json_array_append_new(items, ap[k]);
    }
    free(ap);
  }
  char zFrom[16], zTo[16];
  date_format(fromDay, zFrom);
  date_format(toDay, zTo);
  *ppOut = json_pack("{s:s, s:s, s:o}", "from", zFrom, "to", zTo, "items", items);
  return YC_OK;
}

/* ---------------------------------------------------------------------------
** iCalendar
*/

/* Append one content line, escaping zValue as TEXT when bText, folding at
** 75 octets without splitting a UTF-8 sequence, ending with CRLF. */
static void ics_line(Buf *b, const char *zName, const char *zValue, int bText){
  Buf l = BUF_INIT;
  buf_puts(&l, zName);
  buf_putc(&l, ':');
  for(const char *s = zValue; *s; s++){
    if( bText && (*s=='\\' || *s==';' || *s==',') ){ buf_putc(&l, '\\'); buf_putc(&l, *s); }
    else if( bText && *s=='\n' ) buf_puts(&l, "\\n");
    else if( bText && *s=='\r' ) continue;
    else buf_putc(&l, *s);
  }
  const char *z = buf_str(&l);
  size_t n = l.n, i = 0, nLine = 75;
  while( i<n ){
    size_t k = n - i <= nLine ? n - i : nLine;
    /* Do not cut inside a UTF-8 sequence. */
    if( i + k<n ) while( k>0 && ((unsigned char)z[i+k] & 0xC0)==0x80 ) k--;
    buf_append(b, z + i, k);
    buf_puts(b, "\r\n");
    i += k;
    if( i<n ) buf_putc(b, ' ');
    nLine = 74;   /* continuation lines start with the space */
  }
  buf_free(&l);
}

static const char *tie_name(json_t *t, int bZh){
  const char *zLabel = json_string_value(json_object_get(t, "label"));
  const char *zZh = json_string_value(json_object_get(t, "name_zh"));
  const char *zEn = json_string_value(json_object_get(t, "name_en"));
  if( zLabel ) return zLabel;
  return bZh ? (zZh ? zZh : zEn ? zEn : "") : (zEn ? zEn : "");
}

YcStatus calendar_ics(Ctx *c, int fromDay, int toDay, Buf *b, Err *e){
  json_t *cal = 0;
  YcStatus st = calendar_items(c, fromDay, toDay, &cal, e);
  if( st ) return st;
  char zStamp[24];
  date_stamp((int64_t)time(0), 1, zStamp);
  ics_line(b, "BEGIN", "VCALENDAR", 0);
  ics_line(b, "VERSION", "2.0", 0);
  ics_line(b, "PRODID", "-//youcheng//partner-city calendar//EN", 0);
  ics_line(b, "CALSCALE", "GREGORIAN", 0);
  ics_line(b, "METHOD", "PUBLISH", 0);
  ics_line(b, "X-WR-CALNAME", "友城纪念日与协议到期 · Partner-city anniversaries and agreement expiries", 1);
  size_t i;
  json_t *x;
  json_array_foreach(json_object_get(cal, "items"), i, x){
    const char *zType = json_string_value(json_object_get(x, "type"));
    const char *zPrec = json_string_value(json_object_get(x, "precision"));
    int d0, dm, de;
    date_period(json_string_value(json_object_get(x, "start")), &d0, &dm, &de);
    int s = d0;
    date_period(json_string_value(json_object_get(x, "end")), &d0, &dm, &de);
    int eNext = de + 1;   /* DTEND is exclusive */
    char zS[12], zE[12];
    date_format_basic(s, zS);
    date_format_basic(eNext, zE);
    Buf sum = BUF_INIT, desc = BUF_INIT;
    const char *zDate = json_string_value(json_object_get(x, "date"));
    const char *zPrecNote = zPrec[0]=='y' ? " [仅知年份 year only]" : zPrec[0]=='m' ? " [仅知月份 month only]" : "";
    if( strcmp(zType, "anniversary")==0 ){
      json_t *t = json_object_get(x, "tie");
      int years = (int)json_integer_value(json_object_get(x, "years"));
      int bMajor = json_is_true(json_object_get(x, "major"));
      buf_printf(&sum, "%s%s 结好%d周年 · %d years of the tie with %s%s", bMajor ? "★ " : "", tie_name(t, 1), years,
                 years, tie_name(t, 0), zPrecNote);
      buf_printf(&desc, "%s\n建立 established: %s\n纪念日 anniversary: %s\n礼宾信函最迟 protocol letters by: %s",
                 json_string_value(json_object_get(json_object_get(t, "country"), "name_en")),
                 json_string_value(json_object_get(x, "established")), zDate,
                 json_string_value(json_object_get(x, "letter_by")));
    }else if( strcmp(zType, "event")==0 ){
      json_t *ev = json_object_get(x, "event");
      const char *zZh = json_string_value(json_object_get(ev, "title_zh")), *zEn = json_string_value(json_object_get(ev, "title_en"));
      buf_printf(&sum, "%s%s%s%s", zZh ? zZh : "", zZh && zEn ? " · " : "", zEn ? zEn : "", zPrecNote);
      buf_printf(&desc, "活动 event: %s\n状态 status: %s", json_string_value(json_object_get(ev, "kind")),
                 json_string_value(json_object_get(ev, "status")));
      const char *zPlace = json_string_value(json_object_get(ev, "place")), *zCity = json_string_value(json_object_get(ev, "city_en"));
      if( zCity || zPlace ) buf_printf(&desc, "\n地点 place: %s%s%s", zCity ? zCity : "", zCity && zPlace ? ", " : "", zPlace ? zPlace : "");
    }else{
      json_t *ex = json_object_get(x, "exchange");
      buf_printf(&sum, "协议到期 · Agreement expires: %s%s", json_string_value(json_object_get(ex, "title")), zPrecNote);
      buf_printf(&desc, "到期 expires: %s", zDate);
      size_t k;
      json_t *t;
      json_array_foreach(json_object_get(x, "ties"), k, t) buf_printf(&desc, "\n%s / %s", tie_name(t, 1), tie_name(t, 0));
    }
    ics_line(b, "BEGIN", "VEVENT", 0);
    ics_line(b, "UID", json_string_value(json_object_get(x, "uid")), 0);
    ics_line(b, "DTSTAMP", zStamp, 0);
    ics_line(b, "DTSTART;VALUE=DATE", zS, 0);
    ics_line(b, "DTEND;VALUE=DATE", zE, 0);
    ics_line(b, "SUMMARY", buf_str(&sum), 1);
    ics_line(b, "DESCRIPTION", buf_str(&desc), 1);
    int bEvent = strcmp(zType, "event")==0;
    ics_line(b, "CATEGORIES", strcmp(zType, "anniversary")==0
             ? (json_is_true(json_object_get(x, "major")) ? "ANNIVERSARY,MAJOR" : "ANNIVERSARY") : bEvent ? "EVENT" : "AGREEMENT-EXPIRY", 0);
    if( bEvent ){
      const char *zSt = json_string_value(json_object_get(json_object_get(x, "event"), "status"));
      ics_line(b, "STATUS", strcmp(zSt, "cancelled")==0 ? "CANCELLED" : strcmp(zSt, "planned")==0 ? "TENTATIVE" : "CONFIRMED", 0);
      const char *zPlace = json_string_value(json_object_get(json_object_get(x, "event"), "place"));
      if( zPlace ) ics_line(b, "LOCATION", zPlace, 1);
    }
    ics_line(b, "TRANSP", "TRANSPARENT", 0);
    ics_line(b, "X-YOUCHENG-PRECISION", zPrec, 0);
    if( strcmp(zType, "anniversary")==0 ){
      int ld0, ldm, lde;
      date_period(json_string_value(json_object_get(x, "letter_by")), &ld0, &ldm, &lde);
      char zL[12], zTrig[24];
      date_format_basic(ld0, zL);
      snprintf(zTrig, sizeof zTrig, "%sT010000Z", zL);
      ics_line(b, "BEGIN", "VALARM", 0);
      ics_line(b, "ACTION", "DISPLAY", 0);
      ics_line(b, "DESCRIPTION", "准备礼宾信函 · Prepare the protocol letters", 1);
      ics_line(b, "TRIGGER;VALUE=DATE-TIME", zTrig, 0);
      ics_line(b, "END", "VALARM", 0);
    }
    ics_line(b, "END", "VEVENT", 0);
    buf_free(&sum);
    buf_free(&desc);
  }
  ics_line(b, "END", "VCALENDAR", 0);
  json_decref(cal);
  return YC_OK;
}

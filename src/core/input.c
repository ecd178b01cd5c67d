/* input.c: JSON input validation; see input.h. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/input.h"
#include "base/date.h"
#include "text/norm.h"

int in_enum_index(const char *const *azVals, const char *z){
  for(int i=0; z && azVals[i]; i++) if( strcmp(azVals[i], z)==0 ) return i;
  return -1;
}

YcStatus in_known_fields(json_t *o, const char *const *azKnown, Err *e){
  const char *zKey;
  json_t *v;
  if( !json_is_object(o) )
    return err_set(e, YC_EINVALID, "invalid_body", 0, "the body must be a JSON object");
  json_object_foreach(o, zKey, v){
    if( in_enum_index(azKnown, zKey)<0 ){
      return err_set(e, YC_EINVALID, "unknown_field", zKey, "unknown field '%.40s'", zKey);
    }
  }
  return YC_OK;
}

static YcStatus check_text(const char *zKey, const char *z, size_t n, size_t nMax,
                           int bMultiline, Err *e){
  if( n==0 ) return err_set(e, YC_EINVALID, "empty", zKey, "%s must not be empty", zKey);
  /* Count characters, not bytes. */
  size_t nChar = 0;
  for(size_t i=0; i<n; i++){
    unsigned char c = (unsigned char)z[i];
    if( (c & 0xC0)!=0x80 ) nChar++;
    if( c<0x20 && !(bMultiline && (c=='\n' || c=='\t' || c=='\r')) ){
      return err_set(e, YC_EINVALID, "control_character", zKey,
                     "%s contains a control character", zKey);
    }
  }
  if( nChar>nMax ){
    return err_set(e, YC_EINVALID, "too_long", zKey,
                   "%s is too long (%zu characters, at most %zu)", zKey, nChar, nMax);
  }
  if( isspace((unsigned char)z[0]) || isspace((unsigned char)z[n-1]) ){
    return err_set(e, YC_EINVALID, "untrimmed", zKey,
                   "%s must not start or end with white space", zKey);
  }
  return YC_OK;
}

YcStatus in_str(json_t *o, const char *zKey, int bRequired, size_t nMax,
                int bMultiline, const char **pz, int *pbSet, Err *e){
  json_t *v = json_object_get(o, zKey);
  *pz = 0;
  if( pbSet ) *pbSet = v!=0;
  if( !v || json_is_null(v) ){
    if( bRequired ) return err_set(e, YC_EINVALID, "required", zKey, "%s is required", zKey);
    return YC_OK;
  }
  if( !json_is_string(v) )
    return err_set(e, YC_EINVALID, "wrong_type", zKey, "%s must be a string", zKey);
  const char *z = json_string_value(v);
  YcStatus st = check_text(zKey, z, json_string_length(v), nMax, bMultiline, e);
  if( st ) return st;
  *pz = z;
  return YC_OK;
}

YcStatus in_enum(json_t *o, const char *zKey, int bRequired,
                 const char *const *azVals, const char **pz, int *pbSet, Err *e){
  YcStatus st = in_str(o, zKey, bRequired, 64, 0, pz, pbSet, e);
  if( st || !*pz ) return st;
  int i = in_enum_index(azVals, *pz);
  if( i<0 ){
    char zList[256] = "";
    for(int k=0; azVals[k]; k++){
      if( k ) strncat(zList, ", ", sizeof zList - strlen(zList) - 1);
      strncat(zList, azVals[k], sizeof zList - strlen(zList) - 1);
    }
    return err_set(e, YC_EINVALID, "invalid_value", zKey, "%s must be one of: %s", zKey, zList);
  }
  *pz = azVals[i];
  return YC_OK;
}

YcStatus in_int(json_t *o, const char *zKey, int bRequired, int64_t iMin,
                int64_t iMax, int64_t *pi, int *pbSet, Err *e){
  json_t *v = json_object_get(o, zKey);
  if( pbSet ) *pbSet = v!=0 && !json_is_null(v);
  if( !v || json_is_null(v) ){
    if( bRequired ) return err_set(e, YC_EINVALID, "required", zKey, "%s is required", zKey);
    return YC_OK;
  }
  int64_t x;
  if( json_is_integer(v) ){
    x = json_integer_value(v);
  }else{
    return err_set(e, YC_EINVALID, "wrong_type", zKey, "%s must be an integer", zKey);
  }
  if( x<iMin || x>iMax ){
    return err_set(e, YC_EINVALID, "out_of_range", zKey, "%s must be between %lld and %lld",
                   zKey, (long long)iMin, (long long)iMax);
  }
  *pi = x;
  return YC_OK;
}

YcStatus in_bool(json_t *o, const char *zKey, int *pb, int *pbSet, Err *e){
  json_t *v = json_object_get(o, zKey);
  if( pbSet ) *pbSet = v!=0;
  if( !v ) return YC_OK;
  if( !json_is_boolean(v) )
    return err_set(e, YC_EINVALID, "wrong_type", zKey, "%s must be true or false", zKey);
  *pb = json_is_true(v);
  return YC_OK;
}

YcStatus in_str_array(json_t *o, const char *zKey, size_t nItemMax, size_t nMax,
                      json_t **pa, int *pbSet, Err *e){
  json_t *v = json_object_get(o, zKey);
  *pa = 0;
  if( pbSet ) *pbSet = v!=0;
  if( !v || json_is_null(v) ) return YC_OK;
  if( !json_is_array(v) )
    return err_set(e, YC_EINVALID, "wrong_type", zKey, "%s must be an array of strings", zKey);
  if( json_array_size(v)>nItemMax )
    return err_set(e, YC_EINVALID, "too_many", zKey, "%s has more than %zu items", zKey, nItemMax);
  size_t i;
  json_t *x;
  json_array_foreach(v, i, x){
    if( !json_is_string(x) )
      return err_set(e, YC_EINVALID, "wrong_type", zKey, "%s[%zu] must be a string", zKey, i);
    YcStatus st = check_text(zKey, json_string_value(x), json_string_length(x), nMax, 0, e);
    if( st ) return st;
  }
  *pa = v;
  return YC_OK;
}

YcStatus in_date_parse(const char *zField, const char *z, const char **pzPrec, Err *e){
  Date d;
  switch( date_parse(z, &d) ){
    case DATE_OK: break;
    case DATE_EYEAR:
      return err_set(e, YC_EINVALID, "invalid_date", zField, "%s: year out of range", zField);
    case DATE_EMONTH:
      return err_set(e, YC_EINVALID, "invalid_date", zField, "%s: month %d does not exist", zField, d.m);
    case DATE_EDAY:
      return err_set(e, YC_EINVALID, "invalid_date", zField, "%s: day %d does not exist in %04d-%02d",
                     zField, d.d, d.y, d.m);
    default:
      return err_set(e, YC_EINVALID, "invalid_date", zField,
                     "%s must be a date as YYYY, YYYY-MM or YYYY-MM-DD", zField);
  }
  *pzPrec = date_prec_name(d.prec);
  return YC_OK;
}

/* One date of a period: its text and precision, *pDay0 and *pDayEnd the
** first and last day of its period. */
static YcStatus in_period_date(json_t *in, const char *zKey, int bRequired, const char **pz,
                               const char **pzPrec, int *pDay0, int *pDayEnd, Err *e){
  json_t *v = json_object_get(in, zKey);
  int dm;
  *pz = *pzPrec = 0;
  if( !v || json_is_null(v) ){
    if( bRequired ) return err_set(e, YC_EINVALID, "required", zKey, "%s is required", zKey);
    return YC_OK;
  }
  if( !json_is_string(v) )
    return err_set(e, YC_EINVALID, "wrong_type", zKey, "%s must be a date string YYYY, YYYY-MM or YYYY-MM-DD", zKey);
  *pz = json_string_value(v);
  YcStatus st = in_date_parse(zKey, *pz, pzPrec, e);
  if( !st ) date_period(*pz, pDay0, &dm, pDayEnd);
  return st;
}

YcStatus in_period(json_t *in, int bStartRequired, InPeriod *p, Err *e){
  int endDay0 = 0, endDayEnd = 0;
  YcStatus st;
  memset(p, 0, sizeof *p);
  if( (st = in_period_date(in, "start", bStartRequired, &p->zStart, &p->zStartPrec, &p->day0, &p->dayEnd, e)) ) return st;
  if( (st = in_period_date(in, "end", 0, &p->zEnd, &p->zEndPrec, &endDay0, &endDayEnd, e)) ) return st;
  if( p->zEnd && p->zStart ){
    if( endDayEnd<p->day0 )
      return err_set(e, YC_EINVALID, "invalid_range", "end", "end (%s) is before start (%s)", p->zEnd, p->zStart);
    p->dayEnd = endDayEnd;
  }
  return YC_OK;
}

YcStatus in_established(json_t *o, const char *zKey, const char **pzDate,
                        const char **pzPrec, int *pbSet, Err *e){
  json_t *v = json_object_get(o, zKey);
  *pzDate = 0; *pzPrec = 0;
  if( pbSet ) *pbSet = v!=0;
  if( !v || json_is_null(v) ) return YC_OK;
  const char *zWant = 0;
  if( json_is_object(v) ){
    static const char *const azK[] = {"date", "precision", 0};
    const char *zK; json_t *x;
    json_object_foreach(v, zK, x){
      if( in_enum_index(azK, zK)<0 )
        return err_set(e, YC_EINVALID, "unknown_field", zKey, "%s.%.40s is not a known field", zKey, zK);
    }
    json_t *p = json_object_get(v, "precision");
    if( p && !json_is_null(p) ){
      static const char *const azP[] = {"day", "month", "year", 0};
      if( !json_is_string(p) || in_enum_index(azP, json_string_value(p))<0 )
        return err_set(e, YC_EINVALID, "invalid_value", zKey, "%s.precision must be day, month or year", zKey);
      zWant = json_string_value(p);
    }
    v = json_object_get(v, "date");
    if( !v || json_is_null(v) ) return err_set(e, YC_EINVALID, "required", zKey, "%s.date is required", zKey);
  }
  if( !json_is_string(v) )
    return err_set(e, YC_EINVALID, "wrong_type", zKey, "%s must be a date string", zKey);
  const char *z = json_string_value(v);
  YcStatus st = in_date_parse(zKey, z, pzPrec, e);
  if( st ) return st;
  if( zWant && strcmp(zWant, *pzPrec)!=0 )
    return err_set(e, YC_EINVALID, "precision_mismatch", zKey,
                   "%s: the date %s has %s precision, not %s", zKey, z, *pzPrec, zWant);
  /* Not in the future. */
  char zToday[16];
  date_today_text(zToday);
  if( strncmp(z, zToday, strlen(z))>0 )
    return err_set(e, YC_EINVALID, "future_date", zKey, "%s %s is in the future", zKey, z);
  *pzDate = z;
  return YC_OK;
}

YcStatus in_day(const char *zField, const char *z, int bNoFuture, Err *e){
  const char *zPrec = 0;
  if( !z || strlen(z)!=10 )
    return err_set(e, YC_EINVALID, "invalid_date", zField, "%s must be a date as YYYY-MM-DD", zField);
  YcStatus st = in_date_parse(zField, z, &zPrec, e);
  if( st ) return st;
  if( bNoFuture ){
    char zToday[11];
    date_today_text(zToday);
    if( strcmp(z, zToday)>0 )
      return err_set(e, YC_EINVALID, "future_date", zField, "%s %s is in the future", zField, z);
  }
  return YC_OK;
}

YcStatus in_text(const char *zField, const char *z, size_t nMax, int bMultiline, Err *e){
  size_t n = strlen(z);
  if( n && !text_utf8_valid(z, n) )
    return err_set(e, YC_EINVALID, "invalid_utf8", zField, "%s is not valid UTF-8", zField);
  return check_text(zField, z, n, nMax, bMultiline, e);
}

YcStatus in_ids(json_t *o, const char *zKey, int64_t *a, int nMax, int *pn, int *pbSet, Err *e){
  json_t *v = json_object_get(o, zKey);
  *pn = 0;
  if( pbSet ) *pbSet = v!=0;
  if( !v || json_is_null(v) ) return YC_OK;
  if( !json_is_array(v) )
    return err_set(e, YC_EINVALID, "wrong_type", zKey, "%s must be an array of ids", zKey);
  if( json_array_size(v)>(size_t)nMax )
    return err_set(e, YC_EINVALID, "too_many", zKey, "%s has more than %d items", zKey, nMax);
  size_t i;
  json_t *x;
  json_array_foreach(v, i, x){
    if( !json_is_integer(x) || json_integer_value(x)<1 )
      return err_set(e, YC_EINVALID, "wrong_type", zKey, "%s[%zu] must be a positive integer id", zKey, i);
    int64_t id = json_integer_value(x);
    for(int k=0; k<*pn; k++){
      if( a[k]==id ) return err_set(e, YC_EINVALID, "duplicate_item", zKey, "%s lists %lld twice", zKey, (long long)id);
    }
    a[(*pn)++] = id;
  }
  return YC_OK;
}

YcStatus in_urls(json_t *aUrl, const char *zField, Err *e){
  size_t i;
  json_t *x;
  json_array_foreach(aUrl, i, x){
    const char *z = json_string_value(x);
    if( !z || (strncmp(z, "http://", 7)!=0 && strncmp(z, "https://", 8)!=0) || strpbrk(z, " \t\n\r\"<>")
     || strlen(z)<=8 )
      return err_set(e, YC_EINVALID, "invalid_url", zField, "%s[%zu] must be an http:// or https:// address", zField, i);
  }
  return YC_OK;
}

YcStatus in_email(const char *zField, const char *z, Err *e){
  size_t n = strlen(z);
  const char *zAt = strchr(z, '@');
  int bOk = n>=6 && n<=254 && zAt && zAt>z && zAt-z<=64 && !strchr(zAt+1, '@');
  for(const char *s = z; bOk && s<zAt; s++){
    unsigned char ch = (unsigned char)*s;
    if( ch<=0x20 || ch>=0x7f || strchr("\"<>(),;:[]\\", ch) ) bOk = 0;
  }
  if( bOk && (z[0]=='.' || zAt[-1]=='.' || strstr(z, "..")) ) bOk = 0;
  /* The domain: labels of letters, digits and hyphens, at least two. */
  int nLabel = 0;
  for(const char *s = bOk ? zAt+1 : 0; s && bOk; ){
    const char *zEnd = strchr(s, '.');
    size_t k = zEnd ? (size_t)(zEnd - s) : strlen(s);
    if( k==0 || k>63 || s[0]=='-' || s[k-1]=='-' ) bOk = 0;
    for(size_t i=0; bOk && i<k; i++){
      if( !isalnum((unsigned char)s[i]) && s[i]!='-' ) bOk = 0;
    }
    nLabel++;
    s = zEnd ? zEnd + 1 : 0;
  }
  if( !bOk || nLabel<2 )
    return err_set(e, YC_EINVALID, "invalid_email", zField, "%s must be an e-mail address such as name@example.org", zField);
  return YC_OK;
}

YcStatus in_phone(const char *zField, const char *z, Err *e){
  size_t n = strlen(z);
  int nDigit = 0, bOk = n>=5 && n<=30;
  for(size_t i=0; bOk && i<n; i++){
    char ch = z[i];
    if( ch>='0' && ch<='9' ) nDigit++;
    else if( ch=='+' ){ if( i>0 ) bOk = 0; }
    else if( ch!=' ' && ch!='-' && ch!='(' && ch!=')' ) bOk = 0;
  }
  if( !bOk || nDigit<5 || nDigit>20 )
    return err_set(e, YC_EINVALID, "invalid_phone", zField,
                   "%s must be a telephone number: 5 to 20 digits, with spaces, + - ( ) only", zField);
  return YC_OK;
}

int in_parse_int(const char *z, long long iMin, long long iMax, long long *pv){
  if( !z || !*z || strlen(z)>18 ) return -1;
  const char *s = z;
  if( *s=='-' ) s++;
  if( !*s ) return -1;
  for(const char *p = s; *p; p++) if( *p<'0' || *p>'9' ) return -1;
  long long v = strtoll(z, 0, 10);
  if( v<iMin || v>iMax ) return -1;
  *pv = v;
  return 0;
}

int in_parse_id(const char *z, int64_t *pv){
  long long v;
  if( in_parse_int(z, 1, INT64_MAX, &v) ) return 0;
  *pv = v;
  return 1;
}

void in_patch(json_t *merged, json_t *patch, const char *const *azKeep){
  const char *zKey;
  json_t *v;
  void *tmp;
  json_object_update(merged, patch);
  json_object_foreach_safe(merged, tmp, zKey, v){
    if( json_is_null(v) && (!azKeep || in_enum_index(azKeep, zKey)<0) ) json_object_del(merged, zKey);
  }
}

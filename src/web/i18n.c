/* i18n.c: see i18n.h. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "web/i18n.h"
#include "base/asset.h"
#include "base/log.h"

typedef struct Msg { const char *zKey, *zZh, *zEn; } Msg;

static Msg *aMsg = 0;
static int nMsg = 0;
static char *zStore = 0;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int msg_cmp(const void *a, const void *b){
  return strcmp(((const Msg*)a)->zKey, ((const Msg*)b)->zKey);
}

static void i18n_load(void){
  /* Concatenate every embedded i18n/NAME.tsv (one per feature). */
  size_t n = 0;
  for(const Asset *a = aAsset; a->zName; a++){
    if( strncmp(a->zName, "i18n/", 5)==0 ) n += (size_t)(a->pEnd - a->pStart) + 1;
  }
  zStore = malloc(n + 1);
  if( !zStore ) return;
  n = 0;
  for(const Asset *a = aAsset; a->zName; a++){
    if( strncmp(a->zName, "i18n/", 5)!=0 ) continue;
    memcpy(zStore + n, a->pStart, (size_t)(a->pEnd - a->pStart));
    n += (size_t)(a->pEnd - a->pStart);
    zStore[n++] = '\n';
  }
  zStore[n] = 0;
  int nLine = 1;
  for(size_t i=0; i<n; i++) if( zStore[i]=='\n' ) nLine++;
  aMsg = calloc((size_t)nLine, sizeof(Msg));
  if( !aMsg ) return;
  for(char *z = zStore, *zNext; z && *z; z = zNext){
    zNext = strchr(z, '\n');
    if( zNext ) *zNext++ = 0;
    if( z[0]=='#' || z[0]==0 || strncmp(z, "key\t", 4)==0 ) continue;
    char *t1 = strchr(z, '\t');
    char *t2 = t1 ? strchr(t1 + 1, '\t') : 0;
    if( !t2 ){ log_error("i18n.tsv: bad line: %.40s", z); continue; }
    *t1 = 0; *t2 = 0;
    aMsg[nMsg].zKey = z;
    aMsg[nMsg].zZh = t1 + 1;
    aMsg[nMsg].zEn = t2 + 1;
    nMsg++;
  }
  qsort(aMsg, (size_t)nMsg, sizeof(Msg), msg_cmp);
}

const char *tr(const char *zLang, const char *zKey){
  pthread_once(&once, i18n_load);
  Msg k = {zKey, 0, 0};
  Msg *m = nMsg ? bsearch(&k, aMsg, (size_t)nMsg, sizeof(Msg), msg_cmp) : 0;
  if( !m ) return zKey;
  return (zLang && strcmp(zLang, "en")==0) ? m->zEn : m->zZh;
}

int i18n_count(void){
  pthread_once(&once, i18n_load);
  return nMsg;
}

/* cand_fit.c: the fit of a candidate city with the home city, learned from
** the world twin network; see cand_fit.h. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "core/cand_fit.h"

const char *const azFitFc[] = {"PPLC", "PPLA", "PPLA2", "PPLA3", "PPL", 0};
const char *const azFitBand[] = {"", "< 100,000", "100,000–500,000", "500,000–1 M", "1–5 M", "≥ 5 M", 0};

int fit_fc_class(const char *z){
  if( !z ) return 4;
  if( strcmp(z, "PPLC")==0 ) return 0;
  if( strcmp(z, "PPLA")==0 ) return 1;
  if( strcmp(z, "PPLA2")==0 ) return 2;
  if( strcmp(z, "PPLA3")==0 || strcmp(z, "PPLA4")==0 || strcmp(z, "PPLA5")==0 ) return 3;
  return 4;
}

int fit_band(long long n){
  return n>=5000000 ? 5 : n>=1000000 ? 4 : n>=500000 ? 3 : n>=100000 ? 2 : 1;
}

static int fc_index(const char *z){
  for(int i=0; azFitFc[i]; i++) if( z && strcmp(z, azFitFc[i])==0 ) return i;
  return -1;
}

YcStatus fit_stats_refresh(Ctx *c, Err *e){
  static const char *const azSql[] = {
    "DELETE FROM city_kind_stat",
    "DELETE FROM twin_kind_stat",
    "INSERT INTO city_kind_stat(fc, band, cities) SELECT " FIT_FC_SQL("feature_code") ", " FIT_BAND_SQL("population")
    ", count(*) FROM city GROUP BY 1, 2",
    "INSERT INTO twin_kind_stat(fc_a, band_a, fc_b, band_b, links)"
    " SELECT fa, ba, fb, bb, count(*) FROM ("
    "  SELECT " FIT_FC_SQL("a.feature_code") " fa, " FIT_BAND_SQL("a.population") " ba, "
    FIT_FC_SQL("b.feature_code") " fb, " FIT_BAND_SQL("b.population") " bb"
    "  FROM twin_pair p JOIN city a ON a.id=p.city_a JOIN city b ON b.id=p.city_b"
    "  UNION ALL SELECT " FIT_FC_SQL("b.feature_code") ", " FIT_BAND_SQL("b.population") ", "
    FIT_FC_SQL("a.feature_code") ", " FIT_BAND_SQL("a.population")
    "  FROM twin_pair p JOIN city a ON a.id=p.city_a JOIN city b ON b.id=p.city_b"
    " ) k GROUP BY 1, 2, 3, 4",
    0};
  for(int i=0; azSql[i]; i++) if( db_exec(c->db, azSql[i], e) ) return YC_EINTERNAL;
  return YC_OK;
}

double fit_per_city(long long nLinkKind, long long nCityKind, long long nLinkClass, long long nCityClass,
                    long long nLinkBand, long long nCityBand){
  double f = nCityClass>0 ? (double)nLinkClass/(double)nCityClass : 0.0;
  double g = nCityBand>0 ? (double)nLinkBand/(double)nCityBand : 0.0;
  return ((double)nLinkKind + FIT_SMOOTH*(f + g)/2.0)/((double)nCityKind + FIT_SMOOTH);
}

int fit_points(double r, double best){
  if( best<=0 || r<=0 ) return 0;
  double p = FIT_MAX*(1.0 + log10(r/best)/2.0);
  if( p<0 ) p = 0;
  if( p>FIT_MAX ) p = FIT_MAX;
  return (int)lround(p);
}

YcStatus fit_model_load(Ctx *c, FitModel *m, Err *e){
  memset(m, 0, sizeof *m);
  static long long aFull[FIT_NFC][FIT_NBAND+1][FIT_NFC][FIT_NBAND+1];
  memset(aFull, 0, sizeof aFull);
  DbStmt *p = db_stmt(c->db, "SELECT name, feature_code, population, coalesce(name_zh, name) FROM city WHERE id=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, c->homeCityId);
  if( db_step(p)==DB_ROW ){
    snprintf(m->zHome, sizeof m->zHome, "%s", db_text(p, 0));
    snprintf(m->zHomeZh, sizeof m->zHomeZh, "%s", db_text(p, 3));
    m->homeFc = fit_fc_class(db_text(p, 1));
    m->homeBand = fit_band(db_col_int64(p, 2));
  }else{
    m->homeFc = 4;
    m->homeBand = 1;
  }
  db_reset(p);
  p = db_stmt(c->db, "SELECT fc, band, cities FROM city_kind_stat");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  while( db_step(p)==DB_ROW ){
    int f = fc_index(db_text(p, 0)), b = db_col_int(p, 1);
    if( f>=0 && b>=1 && b<=FIT_NBAND ) m->aCity[f][b] = db_col_int64(p, 2);
  }
  db_reset(p);
  p = db_stmt(c->db, "SELECT fc_a, band_a, fc_b, band_b, links FROM twin_kind_stat");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  while( db_step(p)==DB_ROW ){
    int fa = fc_index(db_text(p, 0)), ba = db_col_int(p, 1), fb = fc_index(db_text(p, 2)), bb = db_col_int(p, 3);
    if( fa>=0 && fb>=0 && ba>=1 && ba<=FIT_NBAND && bb>=1 && bb<=FIT_NBAND ) aFull[fa][ba][fb][bb] = db_col_int64(p, 4);
  }
  db_reset(p);
  /* Leave the home city's own twins out. */
  p = db_stmt(c->db,
    "SELECT " FIT_FC_SQL("o.feature_code") ", " FIT_BAND_SQL("o.population") ", count(*)"
    " FROM (SELECT city_b AS oid FROM twin_pair WHERE city_a=?1 UNION ALL SELECT city_a FROM twin_pair WHERE city_b=?1) t"
    " JOIN city o ON o.id=t.oid GROUP BY 1, 2");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, c->homeCityId);
  while( db_step(p)==DB_ROW ){
    int f = fc_index(db_text(p, 0)), b = db_col_int(p, 1);
    if( f<0 || b<1 || b>FIT_NBAND ) continue;
    aFull[m->homeFc][m->homeBand][f][b] -= db_col_int64(p, 2);   /* the home city's side */
    aFull[f][b][m->homeFc][m->homeBand] -= db_col_int64(p, 2);   /* its twins' side, when they are peers */
  }
  db_reset(p);
  for(int s=0; s<3; s++){
    memset(m->aLink, 0, sizeof m->aLink);
    m->nLinks = 0;
    m->nPeers = 0;
    for(int fa=0; fa<FIT_NFC; fa++) for(int ba=1; ba<=FIT_NBAND; ba++){
      if( (s<2 && fa!=m->homeFc) || (s==0 && ba!=m->homeBand) ) continue;
      m->nPeers += m->aCity[fa][ba];
      for(int fb=0; fb<FIT_NFC; fb++) for(int bb=1; bb<=FIT_NBAND; bb++){
        m->aLink[fb][bb] += aFull[fa][ba][fb][bb];
        m->nLinks += aFull[fa][ba][fb][bb];
      }
    }
    m->scope = s;
    if( m->nLinks>=FIT_MIN_LINKS ) break;
  }
  if( m->nPeers>0 ) m->nPeers--;       /* the home city */
  m->bLoaded = m->nLinks>0;
  m->best = 0;
  long long aBandL[FIT_NBAND+1], aBandC[FIT_NBAND+1];
  for(int b=1; b<=FIT_NBAND; b++){
    aBandL[b] = aBandC[b] = 0;
    for(int f=0; f<FIT_NFC; f++){ aBandL[b] += m->aLink[f][b]; aBandC[b] += m->aCity[f][b]; }
  }
  for(int f=0; f<FIT_NFC; f++){
    long long nL = 0, nC = 0;
    for(int b=1; b<=FIT_NBAND; b++){ nL += m->aLink[f][b]; nC += m->aCity[f][b]; }
    for(int b=1; b<=FIT_NBAND; b++){
      m->aRate[f][b] = fit_per_city(m->aLink[f][b], m->aCity[f][b], nL, nC, aBandL[b], aBandC[b]);
      if( m->aCity[f][b]>0 && m->aRate[f][b]>m->best ){ m->best = m->aRate[f][b]; m->bestFc = f; m->bestBand = b; }
    }
  }
  return YC_OK;
}

static double round_to(double v, double k){ return round(v*k)/k; }

int fit_score(const FitModel *m, const char *zFc, long long nPop, json_t **pValue, char *zText, size_t nText){
  int f = fit_fc_class(zFc), b = fit_band(nPop);
  long long nClass = 0;
  for(int k=1; k<=FIT_NBAND; k++) nClass += m->aLink[f][k];
  double shareFc = m->nLinks ? (double)nClass/(double)m->nLinks : 0;
  double share = m->nLinks ? (double)m->aLink[f][b]/(double)m->nLinks : 0;
  double r = m->aRate[f][b];
  int nPts = fit_points(r, m->best);
  char zPeers[200];
  if( m->scope==0 ) snprintf(zPeers, sizeof zPeers, "cities like %s (%s, %s people)", m->zHome, azFitFc[m->homeFc], azFitBand[m->homeBand]);
  else if( m->scope==1 ) snprintf(zPeers, sizeof zPeers, "cities like %s (%s)", m->zHome, azFitFc[m->homeFc]);
  else snprintf(zPeers, sizeof zPeers, "cities of the world twin network");
  snprintf(zText, nText,
    "%s are twinned with %s cities %.1f%% of the time and with %s cities of %s people %.1f%% (%lld of %lld twin links):"
    " %.2f such twins per city of this kind; the best-fitting kind, %s of %s people, %.2f",
    zPeers, azFitFc[f], 100.0*shareFc, azFitFc[f], azFitBand[b], 100.0*share, m->aLink[f][b], m->nLinks,
    r, azFitFc[m->bestFc], azFitBand[m->bestBand], m->best);
  *pValue = json_pack("{s:{s:s, s:i}, s:{s:s, s:s, s:s, s:i}, s:s, s:I, s:I, s:f, s:f, s:f, s:{s:s, s:i, s:f}}",
    "kind", "fc", azFitFc[f], "band", b,
    "home", "name", m->zHome, "name_zh", m->zHomeZh, "fc", azFitFc[m->homeFc], "band", m->homeBand,
    "scope", m->scope==0 ? "kind" : m->scope==1 ? "class" : "all",
    "links", (json_int_t)m->aLink[f][b], "peer_links", (json_int_t)m->nLinks,
    "share_fc", round_to(shareFc, 1000), "share", round_to(share, 1000), "per_city", round_to(r, 100),
    "best", "fc", azFitFc[m->bestFc], "band", m->bestBand, "per_city", round_to(m->best, 100));
  return nPts;
}

/* subcity.c: sub-city units by GeoNames evidence; see subcity.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "core/subcity.h"
#include "text/country_norm.h"

double subcity_radius(int64_t nPop){
  return nPop>0 ? sqrt((double)nPop/(M_PI*SUBCITY_DENSITY)) : 0.0;
}

const char *subcity_rule_name(int eRule){
  return eRule==SUBCITY_SECTION ? "section" : eRule==SUBCITY_DIVISION ? "division" : 0;
}

static const char *nz(const char *z){ return z ? z : ""; }

/* A populated place proper, that can hold sections and divisions. */
static int can_be_parent(const SubPlace *y){
  const char *z = nz(y->zFc);
  if( y->pop<SUBCITY_PARENT_MIN ) return 0;
  return strcmp(z, "PPL")==0 || strcmp(z, "PPLC")==0 || strncmp(z, "PPLA", 4)==0;
}

/* X may be a part of Y: same admin-1, Y larger, X no national capital. */
static int may_hold(const SubPlace *y, const SubPlace *x){
  return x!=y && y->pop>x->pop && strcmp(nz(x->zFc), "PPLC")!=0 && strcmp(nz(x->zA1), nz(y->zA1))==0;
}

static void set_parent(SubPart *o, const SubPlace *a, int iY, int eRule, double km, double r, double composed){
  if( o->iParent>=0 && a[o->iParent].pop>=a[iY].pop ) return;   /* keep the most populous parent */
  o->iParent = iY;
  o->eRule = eRule;
  o->km = km;
  o->radius = r;
  o->composed = composed;
}

/* The largest place of each admin-2 code: indexes into a, by code. */
typedef struct Unit { const char *zA2; int iBig; } Unit;

void subcity_find(const SubPlace *a, int n, int bAdmin2, SubPart *aOut){
  if( n<=0 ) return;
  for(int i=0; i<n; i++){ memset(&aOut[i], 0, sizeof aOut[i]); aOut[i].iParent = -1; }
  int nWithA2 = 0;
  for(int i=0; i<n; i++) if( *nz(a[i].zA2) ) nWithA2++;
  int bUse = bAdmin2 && (double)nWithA2 >= SUBCITY_A2_USE*(double)n;
  Unit *aUnit = bUse ? malloc(sizeof(Unit)*(size_t)n) : 0;
  double *aKm = malloc(sizeof(double)*(size_t)n);
  if( !aKm ){ free(aUnit); return; }
  for(int iY=0; iY<n; iY++){
    const SubPlace *y = &a[iY];
    if( !can_be_parent(y) ) continue;
    double r = subcity_radius(y->pop);
    int nUnit = 0;
    for(int i=0; i<n; i++){
      const SubPlace *x = &a[i];
      aKm[i] = -1;
      if( !may_hold(y, x) ) continue;
      double km = cn_haversine(y->lat, y->lng, x->lat, x->lng);
      if( km>r ) continue;
      aKm[i] = km;
      if( strcmp(nz(x->zFc), "PPLX")==0 ) set_parent(&aOut[i], a, iY, SUBCITY_SECTION, km, r, 0);
      if( aUnit && !*nz(y->zA2) && *nz(x->zA2) ){
        int k = 0;
        while( k<nUnit && strcmp(aUnit[k].zA2, x->zA2)!=0 ) k++;
        if( k==nUnit ){ aUnit[nUnit].zA2 = x->zA2; aUnit[nUnit].iBig = i; nUnit++; }
        else if( a[aUnit[k].iBig].pop<x->pop ) aUnit[k].iBig = i;
      }
    }
    if( nUnit==0 ) continue;
    int64_t nSum = 0;
    for(int k=0; k<nUnit; k++) nSum += a[aUnit[k].iBig].pop;
    double composed = (double)nSum/(double)y->pop;
    if( composed<SUBCITY_COMPOSED ) continue;
    for(int i=0; i<n; i++){
      if( aKm[i]<0 || !*nz(a[i].zA2) ) continue;
      set_parent(&aOut[i], a, iY, SUBCITY_DIVISION, aKm[i], r, composed);
    }
  }
  free(aKm);
  free(aUnit);
}

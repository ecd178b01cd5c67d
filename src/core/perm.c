/* perm.c: see perm.h. */
#include <string.h>
#include "core/perm.h"
#include "base/json.h"

#define R_ADMIN  1
#define R_EDITOR 2
#define R_MEMBER 4

/* How a member's write is kept to their organisation. */
enum { M_NONE, M_ORG, M_OPP, M_INTEREST };

typedef struct PermRule {
  const char *zEntity;   /* "*": any */
  const char *zAction;   /* "*": any */
  int mRole;             /* R_ bits of the roles that may */
  int bUnit;             /* the record has a responsible unit (unit_id): own-unit editors are kept to theirs */
  int eMember;           /* for R_MEMBER: M_ rule */
  const char *zRule;     /* the rule in words (doc/roles.md, perm_matrix) */
} PermRule;

/* The matrix: the first row matching entity and action decides. An entity
** not in the table may be written by admins only, so a new kind of write
** is refused to everybody else until it is added here (and to doc/roles.md). */
static const PermRule aPermRule[] = {
  {"*",                "restore", R_ADMIN, 0, M_NONE, "restoring deleted records: admin only"},
  {"*",                "purge", R_ADMIN, 0, M_NONE, "removing deleted records for good: admin only"},
  {"user",             "*", R_ADMIN, 0, M_NONE, "accounts: admin only"},
  {"unit",             "*", R_ADMIN, 0, M_NONE, "units: admin only"},
  {"token",            "*", R_ADMIN, 0, M_NONE, "API tokens: admin only"},
  {"country_list",     "*", R_ADMIN, 0, M_NONE, "country lists: admin only"},
  {"health_threshold", "*", R_ADMIN, 0, M_NONE, "health thresholds: admin only"},
  {"tie",              "delete", R_ADMIN, 0, M_NONE, "deleting a tie: admin only"},
  {"tie",              "*", R_ADMIN|R_EDITOR, 0, M_NONE, "ties: editors"},
  {"org",              "update", R_ADMIN|R_EDITOR|R_MEMBER, 0, M_ORG, "a member changes their own organisation's record"},
  {"org",              "*", R_ADMIN|R_EDITOR, 0, M_NONE, "organisations: editors"},
  {"org_offers",       "*", R_ADMIN|R_EDITOR|R_MEMBER, 0, M_ORG, "a member keeps their own organisation's offers and needs"},
  {"opportunity",      "*", R_ADMIN|R_EDITOR|R_MEMBER, 1, M_OPP, "a member: opportunities of their organisation"},
  {"interest",         "*", R_ADMIN|R_EDITOR|R_MEMBER, 0, M_INTEREST, "a member: interests made by or for their organisation"},
  {"exchange",         "*", R_ADMIN|R_EDITOR, 1, M_NONE, "exchanges: editors (own-unit: their unit)"},
  {"event",            "*", R_ADMIN|R_EDITOR, 1, M_NONE, "events: editors (own-unit: their unit)"},
  {"delegation",       "*", R_ADMIN|R_EDITOR, 1, M_NONE, "delegations: editors (own-unit: their unit)"},
  {"project",          "*", R_ADMIN|R_EDITOR, 1, M_NONE, "projects: editors (own-unit: their unit)"},
  {"news",             "*", R_ADMIN|R_EDITOR, 1, M_NONE, "news and documents: editors (own-unit: their unit)"},
  {"person",           "*", R_ADMIN|R_EDITOR, 0, M_NONE, "people: editors"},
  {"series",           "*", R_ADMIN|R_EDITOR, 0, M_NONE, "series and networks: editors"},
  {"invitation",       "*", R_ADMIN|R_EDITOR, 0, M_NONE, "invitations: editors"},
  {"profile",          "*", R_ADMIN|R_EDITOR, 0, M_NONE, "industry profiles: editors"},
  {"city",             "*", R_ADMIN|R_EDITOR, 0, M_NONE, "the office's Chinese city names: editors"},
  {"twin_import",      "*", R_ADMIN|R_EDITOR, 0, M_NONE, "twin-town imports: editors"},
  {"twin_fix",         "*", R_ADMIN|R_EDITOR, 0, M_NONE, "fixes of imported twin rows: editors"},
};
static const PermRule ruleDefault = {"*", "*", R_ADMIN, 0, M_NONE, "anything else: admin only"};

static const PermRule *perm_rule(const char *zAction, const char *zEntity){
  for(size_t i=0; i<sizeof aPermRule/sizeof aPermRule[0]; i++){
    const PermRule *r = &aPermRule[i];
    if( (strcmp(r->zEntity, "*")==0 || strcmp(r->zEntity, zEntity)==0)
     && (strcmp(r->zAction, "*")==0 || strcmp(r->zAction, zAction)==0) ) return r;
  }
  return &ruleDefault;
}

static int role_bit(const char *zRole){
  if( !zRole ) return 0;
  if( strcmp(zRole, "admin")==0 ) return R_ADMIN;
  if( strcmp(zRole, "editor")==0 ) return R_EDITOR;
  if( strcmp(zRole, "member")==0 ) return R_MEMBER;
  return 0;   /* viewer, or anything unknown: no writes */
}

/* The integer at j.zKey (or j.zKey.zSub); 0 when absent or null. */
static int64_t jid(json_t *j, const char *zKey, const char *zSub){
  json_t *v = json_object_get(j, zKey);
  if( zSub ) v = json_object_get(v, zSub);
  return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

/* The organisation owning opportunity id (0: none, or a tie owns it). */
static int64_t opp_org(Ctx *c, int64_t oppId){
  DbStmt *p = db_stmt(c->db, "SELECT org_id FROM opportunity WHERE id=?1");
  if( !p ) return 0;
  db_bind_int64(p, 1, oppId);
  int64_t v = db_step(p)==DB_ROW ? db_col_int64(p, 0) : 0;
  db_reset(p);
  return v;
}

/* Is record j (a state of zEntity/id) the member's own? */
static int member_owns(Ctx *c, int eRule, int64_t id, json_t *j){
  switch( eRule ){
    case M_ORG: return id==c->orgId;
    case M_OPP: {
      json_t *own = json_object_get(j, "owner");
      const char *zType = json_string_value(json_object_get(own, "type"));
      return zType && strcmp(zType, "org")==0 && jid(own, "id", 0)==c->orgId;
    }
    case M_INTEREST:
      return jid(j, "org", "id")==c->orgId || opp_org(c, jid(j, "opportunity_id", 0))==c->orgId;
  }
  return 0;
}

/* 0 when allowed, else why not. A record state that is 0 is not looked at
** (bNew: a form for a new record, whose owner is not known yet). */
static const char *perm_why(Ctx *c, const char *zAction, const char *zEntity, int64_t id,
                            json_t *jBefore, json_t *jAfter, int bNew){
  int mRole = role_bit(c->zRole);
  if( !mRole ) return "viewers cannot change data";
  const PermRule *r = perm_rule(zAction, zEntity);
  if( !(r->mRole & mRole) ) return r->zRule;
  if( mRole==R_EDITOR && c->bOwnUnit ){
    if( !r->bUnit ) return "an editor kept to their own unit may change only records of that unit";
    if( !c->unitId ) return "an editor kept to their own unit needs a unit";
    if( (jBefore && jid(jBefore, "unit_id", 0)!=c->unitId) || (jAfter && jid(jAfter, "unit_id", 0)!=c->unitId)
        || (!jBefore && !jAfter && !bNew) )
      return "an editor kept to their own unit may change only records of that unit";
  }
  if( mRole==R_MEMBER ){
    if( !c->orgId ) return "a member needs an organisation";
    if( r->eMember==M_ORG ){
      if( !member_owns(c, M_ORG, id, 0) ) return "a member may change only their own organisation";
    }else{
      if( (jBefore && !member_owns(c, r->eMember, id, jBefore)) || (jAfter && !member_owns(c, r->eMember, id, jAfter))
          || (!jBefore && !jAfter && !bNew) )
        return "a member may change only their own organisation's records";
    }
  }
  return 0;
}

YcStatus perm_check(Ctx *c, const char *zAction, const char *zEntity, int64_t id,
                    json_t *jBefore, json_t *jAfter, Err *e){
  if( !c->zRole ){
    /* The operator at the CLI or init (an actor other than the web's anonymous). */
    if( c->zActor && strcmp(c->zActor, "anonymous")!=0 ) return YC_OK;
    return err_set(e, YC_EAUTH, "unauthenticated", 0, "log in or send a bearer token");
  }
  const char *zWhy = perm_why(c, zAction, zEntity, id, jBefore, jAfter, 0);
  if( zWhy ) return err_set(e, YC_EFORBIDDEN, "forbidden", 0, "%s (%s %s)", zWhy, zAction, zEntity);
  return YC_OK;
}

int perm_can(Ctx *c, const char *zAction, const char *zEntity, int64_t id, json_t *jRecord){
  if( !c->zRole ) return 0;
  return perm_why(c, zAction, zEntity, id, jRecord, jRecord, jRecord==0)==0;
}

json_t *perm_matrix(void){
  json_t *a = json_array();
  for(size_t i=0; i<=sizeof aPermRule/sizeof aPermRule[0]; i++){
    const PermRule *r = i<sizeof aPermRule/sizeof aPermRule[0] ? &aPermRule[i] : &ruleDefault;
    json_t *aR = json_array();
    if( r->mRole & R_ADMIN ) json_array_append_new(aR, json_string("admin"));
    if( r->mRole & R_EDITOR ) json_array_append_new(aR, json_string(r->bUnit ? "editor (own-unit: their unit)" : "editor (not own-unit)"));
    if( r->mRole & R_MEMBER ) json_array_append_new(aR, json_string("member (own organisation)"));
    json_array_append_new(a, json_pack("{s:s, s:s, s:o, s:s}", "entity", r->zEntity, "action", r->zAction,
                                       "roles", aR, "rule", r->zRule));
  }
  return a;
}

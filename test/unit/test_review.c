/*
** test_review.c: unit tests of review before publishing (core/review.h)
** on a temporary database: the starting state by role, every step from
** every state (allowed or 409), who may take which step, the reason of a
** return, the edit rule, and what anonymous callers see. The records
** written here are synthetic.
*/
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "unitdb.h"
#include "core/review.h"
#include "core/org.h"
#include "core/opportunity.h"
#include "core/offer.h"

static int setup(void **st){
  (void)st;
  return unitdb_open("review");
}

static void as(const char *zRole){
  c.zRole = zRole;
  c.zActor = zRole ? zRole : "anonymous";
  c.userId = 0;
  c.orgId = 0;
}

/* A member: the account of organisation orgId (the role matrix lets them
** change only their organisation's records, core/perm.c). */
static void as_member(int64_t orgId){
  as("member");
  c.orgId = orgId;
}

/* A new synthetic organisation (as an editor, in state zReview or the default). */
static int64_t new_org(const char *zName, const char *zReview){
  const char *zSave = c.zRole;
  int64_t orgSave = c.orgId;
  as("editor");            /* organisations are made by editors */
  json_t *in = json_pack("{s:s, s:s, s:s}", "name_en", zName, "type", "enterprise", "side", "home"), *out = 0;
  if( zReview ) json_object_set_new(in, "review", json_string(zReview));
  Err e;
  assert_int_equal(org_create(&c, in, &out, &e), YC_OK);
  int64_t id = json_integer_value(json_object_get(out, "id"));
  json_decref(in);
  json_decref(out);
  c.zRole = zSave;
  c.zActor = zSave ? zSave : "anonymous";
  c.orgId = orgSave;
  return id;
}

static const char *state_of(int iKind, int64_t id){
  static char z[16];
  json_t *s = review_state(&c, iKind, id);
  assert_non_null(s);
  snprintf(z, sizeof z, "%s", json_string_value(json_object_get(s, "state")));
  json_decref(s);
  return z;
}

/* Put record id in state zState directly (the fixture of a step). */
static void force(int64_t id, const char *zState){
  DbStmt *p = db_stmt(c.db, "UPDATE org SET review=?2, review_note=NULL WHERE id=?1");
  assert_non_null(p);
  db_bind_int64(p, 1, id);
  db_bind_text(p, 2, zState, -1);
  assert_int_equal(db_step(p), DB_DONE);
  db_reset(p);
}

/* review-1: where a new record starts, by role and input. */
static void test_initial(void **st){
  (void)st;
  as("editor");
  assert_string_equal(state_of(REVIEW_ORG, new_org("Synthetic Org A", 0)), "published");
  assert_string_equal(state_of(REVIEW_ORG, new_org("Synthetic Org B", "draft")), "draft");
  assert_string_equal(state_of(REVIEW_ORG, new_org("Synthetic Org C", "submitted")), "submitted");
  /* A member's opportunity starts as a draft, or submitted when asked;
  ** a member cannot publish by creating. */
  int64_t orgM = new_org("Synthetic Org D", 0);
  as_member(orgM);
  Err e;
  json_t *out = 0;
  json_t *in = json_pack("{s:s, s:s, s:s, s:I, s:s}", "kind", "offer", "category", "business", "direction", "going_out",
                         "org_id", (json_int_t)orgM, "title_en", "Synthetic member opportunity");
  assert_int_equal(opp_create(&c, in, &out, &e), YC_OK);
  assert_string_equal(json_string_value(json_object_get(out, "review")), "draft");
  int64_t oppM = json_integer_value(json_object_get(out, "id"));
  json_decref(out);
  /* The member submits it; another organisation's member may not. */
  as_member(orgM + 100000);
  assert_int_equal(review_submit(&c, REVIEW_OPP, oppM, &out, &e), YC_EFORBIDDEN);
  as_member(orgM);
  assert_int_equal(review_submit(&c, REVIEW_OPP, oppM, &out, &e), YC_OK);
  json_decref(out);
  json_object_set_new(in, "review", json_string("submitted"));
  assert_int_equal(opp_create(&c, in, &out, &e), YC_OK);
  assert_string_equal(json_string_value(json_object_get(out, "review")), "submitted");
  json_decref(out);
  int64_t nAudit = count("SELECT count(*) FROM audit"), nOrg = count("SELECT count(*) FROM org");
  json_object_set_new(in, "review", json_string("published"));
  assert_int_equal(opp_create(&c, in, &out, &e), YC_EFORBIDDEN);
  assert_string_equal(e.zField, "review");
  json_decref(in);
  /* "returned" or an unknown state is no starting state. */
  in = json_pack("{s:s, s:s, s:s, s:s}", "name_en", "Synthetic Org F", "type", "park", "side", "home", "review", "published");
  as("editor");
  json_object_set_new(in, "review", json_string("returned"));
  assert_int_equal(org_create(&c, in, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "review");
  json_object_set_new(in, "review", json_string("pending"));
  assert_int_equal(org_create(&c, in, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "review");
  assert_int_equal(count("SELECT count(*) FROM audit"), nAudit);
  assert_int_equal(count("SELECT count(*) FROM org"), nOrg);
  json_decref(in);
  /* An opportunity with the lifecycle status draft starts as a draft. */
  int64_t orgId = new_org("Synthetic Org G", 0);
  in = json_pack("{s:s, s:s, s:s, s:I, s:s, s:s}", "kind", "offer", "category", "business", "direction", "going_out",
                 "org_id", (json_int_t)orgId, "title_en", "Synthetic opportunity", "status", "draft");
  assert_int_equal(opp_create(&c, in, &out, &e), YC_OK);
  assert_string_equal(json_string_value(json_object_get(out, "review")), "draft");
  assert_string_equal(json_string_value(json_object_get(out, "status")), "draft");
  json_decref(out);
  json_object_set_new(in, "status", json_string("open"));
  assert_int_equal(opp_create(&c, in, &out, &e), YC_OK);
  assert_string_equal(json_string_value(json_object_get(out, "review")), "published");
  json_decref(out);
  json_decref(in);
}

/* review-2: every step from every state: the allowed ones and their
** result, the others 409 invalid_transition with nothing written. */
static void test_transitions(void **st){
  (void)st;
  static const char *const azFrom[] = {"draft", "submitted", "published", "returned"};
  /* expected state after submit, publish, return (0: refused) */
  static const char *const aTo[4][3] = {
    {"submitted", 0, 0},
    {0, "published", "returned"},
    {0, 0, 0},
    {"submitted", 0, 0},
  };
  as("editor");
  int64_t id = new_org("Synthetic Org Transitions", 0);
  for(int i=0; i<4; i++){
    for(int a=0; a<3; a++){
      force(id, azFrom[i]);
      int64_t nAudit = count("SELECT count(*) FROM audit");
      json_t *out = 0;
      Err e;
      memset(&e, 0, sizeof e);
      YcStatus rc = a==0 ? review_submit(&c, REVIEW_ORG, id, &out, &e)
                  : a==1 ? review_publish(&c, REVIEW_ORG, id, &out, &e)
                  : review_return(&c, REVIEW_ORG, id, "Synthetic reason", &out, &e);
      if( aTo[i][a] ){
        assert_int_equal(rc, YC_OK);
        assert_string_equal(json_string_value(json_object_get(out, "review")), aTo[i][a]);
        assert_string_equal(state_of(REVIEW_ORG, id), aTo[i][a]);
        assert_int_equal(count("SELECT count(*) FROM audit"), nAudit + 1);
        char zSql[300];
        snprintf(zSql, sizeof zSql, "SELECT count(*) FROM audit WHERE id=(SELECT max(id) FROM audit) AND action='review'"
                 " AND entity='org' AND json_extract(before,'$.state')='%s' AND json_extract(after,'$.state')='%s'",
                 azFrom[i], aTo[i][a]);
        assert_int_equal(count(zSql), 1);
      }else{
        assert_int_equal(rc, YC_ECONFLICT);
        assert_string_equal(e.zCode, "invalid_transition");
        assert_string_equal(e.zField, "action");
        assert_null(out);
        assert_string_equal(state_of(REVIEW_ORG, id), azFrom[i]);
        assert_int_equal(count("SELECT count(*) FROM audit"), nAudit);
      }
      json_decref(out);
    }
  }
}

/* review-3: who may take which step; the reason of a return. */
static void test_refusals(void **st){
  (void)st;
  as("editor");
  int64_t id = new_org("Synthetic Org Refusals", "submitted");
  json_t *out = 0;
  Err e;
  int64_t nAudit = count("SELECT count(*) FROM audit");
  as("member");
  assert_int_equal(review_publish(&c, REVIEW_ORG, id, &out, &e), YC_EFORBIDDEN);
  assert_int_equal(review_return(&c, REVIEW_ORG, id, "Synthetic", &out, &e), YC_EFORBIDDEN);
  as("viewer");
  assert_int_equal(review_submit(&c, REVIEW_ORG, id, &out, &e), YC_EFORBIDDEN);
  as(0);
  assert_int_equal(review_submit(&c, REVIEW_ORG, id, &out, &e), YC_EAUTH);
  as("admin");
  assert_int_equal(review_return(&c, REVIEW_ORG, id, 0, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "reason");
  assert_int_equal(review_return(&c, REVIEW_ORG, id, "", &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "reason");
  /* At most 1000 characters (not bytes): 1001 Chinese characters are refused. */
  char z[3*1001 + 1];
  for(int i=0; i<1001; i++) memcpy(z + 3*i, "\xe7\x90\x86", 3);   /* 理 */
  z[3*1001] = 0;
  assert_int_equal(review_return(&c, REVIEW_ORG, id, z, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "reason");
  assert_int_equal(review_submit(&c, REVIEW_ORG, 999999, &out, &e), YC_ENOTFOUND);
  assert_int_equal(count("SELECT count(*) FROM audit"), nAudit);
  assert_string_equal(state_of(REVIEW_ORG, id), "submitted");
  z[3*1000] = 0;                                   /* exactly 1000: accepted */
  assert_int_equal(review_return(&c, REVIEW_ORG, id, z, &out, &e), YC_OK);
  assert_string_equal(json_string_value(json_object_get(out, "review_note")), z);
  assert_string_equal(json_string_value(json_object_get(out, "review_by")), "admin");
  json_decref(out);
  /* review_act: the action and the reason from a JSON body. */
  json_t *in = json_pack("{s:s, s:s}", "action", "submit", "reason", "no");
  assert_int_equal(review_act(&c, REVIEW_ORG, id, in, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "reason");
  json_decref(in);
  in = json_pack("{s:s}", "action", "approve");
  assert_int_equal(review_act(&c, REVIEW_ORG, id, in, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "action");
  json_decref(in);
  in = json_pack("{s:s}", "action", "submit");
  assert_int_equal(review_act(&c, REVIEW_ORG, id, in, &out, &e), YC_OK);
  assert_string_equal(json_string_value(json_object_get(out, "review")), "submitted");
  assert_true(json_is_null(json_object_get(out, "review_note")));
  json_decref(out);
  json_decref(in);
}

/* review-4: an edit by a member sends a submitted or published record back
** to draft (a returned one keeps its state and reason); an editor's edit
** keeps the state; "review" in an edit only as it is. */
static void test_edit(void **st){
  (void)st;
  static const char *const azFrom[] = {"draft", "submitted", "published", "returned"};
  static const char *const azMember[] = {"draft", "draft", "draft", "returned"};
  as("editor");
  int64_t id = new_org("Synthetic Org Edits", 0);
  json_t *in = json_pack("{s:s}", "notes", "synthetic edit"), *out = 0;
  Err e;
  for(int i=0; i<4; i++){
    force(id, azFrom[i]);
    as_member(id);
    assert_int_equal(org_update(&c, id, in, &out, &e), YC_OK);
    assert_string_equal(json_string_value(json_object_get(out, "review")), azMember[i]);
    json_decref(out);
    force(id, azFrom[i]);
    as("editor");
    assert_int_equal(org_update(&c, id, in, &out, &e), YC_OK);
    assert_string_equal(json_string_value(json_object_get(out, "review")), azFrom[i]);
    json_decref(out);
  }
  force(id, "published");
  json_object_set_new(in, "review", json_string("published"));
  assert_int_equal(org_update(&c, id, in, &out, &e), YC_OK);        /* the state it is in */
  json_decref(out);
  force(id, "draft");
  int64_t nAudit = count("SELECT count(*) FROM audit");
  assert_int_equal(org_update(&c, id, in, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "review");
  assert_int_equal(count("SELECT count(*) FROM audit"), nAudit);
  assert_string_equal(state_of(REVIEW_ORG, id), "draft");
  json_decref(in);
  /* Offers: a member's change puts them in review, an editor's does not. */
  force(id, "published");
  in = json_pack("{s:[{s:s}]}", "offers", "text_en", "Synthetic offer text");
  as("editor");
  assert_int_equal(offer_put(&c, id, in, 0, &out, &e), YC_OK);
  assert_string_equal(json_string_value(json_object_get(out, "review")), "published");
  json_decref(out);
  assert_int_equal(count("SELECT count(*) FROM offer_review"), 0);
  as_member(id);
  assert_int_equal(offer_put(&c, id, in, 0, &out, &e), YC_OK);
  assert_string_equal(json_string_value(json_object_get(out, "review")), "draft");
  json_decref(out);
  json_decref(in);
}

/* review-5: anonymous callers see published records only; signed-in ones
** see every state. */
static void test_visibility(void **st){
  (void)st;
  as("editor");
  int64_t idPub = new_org("Synthetic Visible Zyxwv", 0), idDraft = new_org("Synthetic Hidden Zyxwv", "draft");
  json_t *out = 0;
  Err e;
  OrgQuery q;
  memset(&q, 0, sizeof q);
  q.zQ = "Zyxwv";
  assert_int_equal(org_list(&c, &q, &out, &e), YC_OK);
  assert_int_equal(json_integer_value(json_object_get(out, "total")), 2);
  json_decref(out);
  as(0);
  assert_int_equal(org_list(&c, &q, &out, &e), YC_OK);
  assert_int_equal(json_integer_value(json_object_get(out, "total")), 1);
  json_t *item = json_array_get(json_object_get(out, "items"), 0);
  assert_int_equal(json_integer_value(json_object_get(item, "id")), idPub);
  assert_null(json_object_get(item, "review_by"));
  json_decref(out);
  assert_int_equal(org_get(&c, idDraft, &out, &e), YC_ENOTFOUND);
  assert_int_equal(offer_get(&c, idDraft, &out, &e), YC_ENOTFOUND);
  assert_int_equal(org_get(&c, idPub, &out, &e), YC_OK);
  json_decref(out);
  assert_false(review_entry_visible(&c, "org", idDraft));
  assert_true(review_entry_visible(&c, "org", idPub));
  assert_true(review_entry_visible(&c, "tie", 1));
  /* Offers in review: the organisation is there, its offers are not. */
  as_member(idPub);
  json_t *in = json_pack("{s:[{s:s}]}", "needs", "text_en", "Synthetic need text");
  assert_int_equal(offer_put(&c, idPub, in, 0, &out, &e), YC_OK);
  json_decref(out);
  json_decref(in);
  as(0);
  assert_int_equal(offer_get(&c, idPub, &out, &e), YC_OK);
  assert_int_equal(json_array_size(json_object_get(out, "needs")), 0);
  assert_null(json_object_get(out, "review"));
  json_decref(out);
  assert_false(review_entry_visible(&c, "org_offers", idPub));
  as("viewer");
  assert_int_equal(offer_get(&c, idPub, &out, &e), YC_OK);
  assert_int_equal(json_array_size(json_object_get(out, "needs")), 1);
  assert_string_equal(json_string_value(json_object_get(out, "review")), "draft");
  json_decref(out);
  /* The queue: an editor's default is the submitted records; a viewer
  ** sees only records they wrote (none: they wrote nothing). */
  ReviewQuery rq;
  memset(&rq, 0, sizeof rq);
  assert_int_equal(review_list(&c, &rq, &out, &e), YC_OK);
  assert_int_equal(json_integer_value(json_object_get(out, "total")), 0);
  json_decref(out);
  as("editor");
  assert_int_equal(review_list(&c, &rq, &out, &e), YC_OK);
  json_t *x;
  size_t i;
  json_array_foreach(json_object_get(out, "items"), i, x){
    assert_string_equal(json_string_value(json_object_get(x, "review")), "submitted");
  }
  assert_true(json_array_size(json_object_get(out, "items"))>=1);
  json_decref(out);
  rq.zState = "nonsense";
  assert_int_equal(review_list(&c, &rq, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "state");
  as(0);
  rq.zState = 0;
  assert_int_equal(review_list(&c, &rq, &out, &e), YC_EAUTH);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_initial),
    cmocka_unit_test(test_transitions),
    cmocka_unit_test(test_refusals),
    cmocka_unit_test(test_edit),
    cmocka_unit_test(test_visibility),
  };
  return cmocka_run_group_tests(tests, setup, unitdb_teardown);
}

/*
** record.h: record types and the generic handlers of their JSON API and of
** their pages.
**
** A record type (a partner tie, an organisation, an exchange...) is one
** descriptor: its core functions, where its pages and its API live, its
** strings, and how its form reads and shows the record's fields. The
** handlers here do the rest, the same for every type: query-parameter
** checks, the 404s, login (a redirect to the login page), the CSRF check of
** form posts (form_parse), validation errors (from core) shown next to
** their field in the page language, the redirect after a success, the JSON
** answers and the Location of a created record. Adding a record type means
** writing a descriptor and one-line handlers that pass it; route tables
** name the handlers (api_partner_get, ui_partner_new, ...).
**
** Records are named by an integer id in the URL ("/partners/12"), or by a
** string key when the type has the *Key core functions ("/lists/bri").
*/
#ifndef YC_RECORD_H
#define YC_RECORD_H
#include <jansson.h>
#include "web/ui.h"

/* Who may read a record type (RecordType.eAuth). */
enum {
  REC_PUBLIC = 0,       /* anyone; the API does not look at credentials */
  REC_AUTH_OPTIONAL,    /* anyone; the API authenticates credentials sent,
                        ** so that core shows signed-in callers more */
  REC_AUTH_REQUIRED,    /* personal data: the API answers 401 without
                        ** credentials, the pages send to the login page */
  REC_AUTH_CHECKED      /* anyone; credentials sent are authenticated and
                        ** must hold (401 when they do not) */
};

typedef struct RecordType RecordType;
struct RecordType {
  const char *zBase;        /* its pages: BASE/new, BASE/ID, BASE/ID/edit, BASE/ID/delete */
  const char *zApi;         /* its API (BASE and BASE/ID): the Location of a created record */
  const char *zNav;         /* the navigation entry its pages belong to */
  const char *zCss;         /* the feature stylesheet of its pages (/static/NAME.css), or 0 */
  const char *zFormClass;   /* the form's class when not "form" */
  int eAuth;                /* REC_PUBLIC, REC_AUTH_OPTIONAL, REC_AUTH_REQUIRED */
  /* Strings (i18n keys): the titles of its forms and of the delete page,
  ** and the delete question, a format with %s for the record's name. */
  const char *zNewTitle, *zEditTitle, *zDeleteTitle, *zAsk;

  /* Core: read, create, change, delete; 0 where the type has not the
  ** operation. Records named by a key have xGetKey ... instead. */
  YcStatus (*xGet)(Ctx*, int64_t id, json_t **ppOut, Err*);
  YcStatus (*xCreate)(Ctx*, json_t *in, json_t **ppOut, Err*);
  YcStatus (*xUpdate)(Ctx*, int64_t id, json_t *in, json_t **ppOut, Err*);
  YcStatus (*xReplace)(Ctx*, int64_t id, json_t *in, json_t **ppOut, Err*);   /* PUT */
  /* Set when the type can be deleted: the handlers delete through
  ** archive_delete (core/archive.h; what goes with the record is archived,
  ** restorable), which calls this. */
  YcStatus (*xDelete)(Ctx*, int64_t id, Err*);
  YcStatus (*xGetKey)(Ctx*, const char *zKey, json_t **ppOut, Err*);
  YcStatus (*xUpdateKey)(Ctx*, const char *zKey, json_t *in, json_t **ppOut, Err*);
  YcStatus (*xDeleteKey)(Ctx*, const char *zKey, Err*);

  /* The record as the API answers it (the opportunity's contact only for
  ** logged-in users); 0: as core gives it. */
  void (*xShow)(Req*, json_t *rec);

  /* The pages. */
  const char *(*xName)(Req*, const json_t *rec);    /* the record's name: its page's title, the delete question */
  const char *(*xSub)(Req*, const json_t *rec);     /* a subtitle of its page, or 0 */
  const char *zBack;                                /* a button of its page back to BASE (i18n key), or 0 */
  /* The record's page below its head (title, edit and delete buttons). */
  void (*xPage)(Req*, Resp*, json_t *rec, int64_t id);
  void (*xDefaults)(Req*, Form *v);                  /* the values of a new record's form */
  void (*xValues)(Req*, json_t *rec, Form *v);       /* the values of a stored record's form */
  /* The core input from a posted form (bUpdate: empty fields clear);
  ** sets *pSt and e when the form itself is wrong. */
  json_t *(*xInput)(Req*, const Form *f, int bUpdate, Err *e, YcStatus *pSt);
  /* The fields of the form with values v (zId: the record edited, 0 for a new one). */
  void (*xFields)(UiForm*, const Form *v, const char *zId);
  const char *const *azNewParam;   /* query parameters of the new page (0: lang only) */
  YcStatus (*xEditable)(json_t *rec, Err*);   /* may its edit and delete pages change it (0: yes) */
  void (*xHead)(Req*, Resp*);               /* more after the form's <h1> */
  const char *zEntity;   /* its entity name in the audit trail ("tie", "org", ...) */
  /* More on its delete page before the question (a tie: end it instead), or 0. */
  void (*xDeleteHead)(Req*, Resp*, json_t *rec, const char *zId);
};

/* The JSON API: GET API/ID, POST API, PATCH API/ID, PUT API/ID, DELETE API/ID. */
void rec_api_get(const RecordType*, Req*, Resp*);
void rec_api_create(const RecordType*, Req*, Resp*);
void rec_api_update(const RecordType*, Req*, Resp*);
void rec_api_replace(const RecordType*, Req*, Resp*);
void rec_api_delete(const RecordType*, Req*, Resp*);

/* The pages: GET BASE/ID; GET and POST BASE/new, BASE/ID/edit, BASE/ID/delete. */
void rec_page(const RecordType*, Req*, Resp*);
void rec_new(const RecordType*, Req*, Resp*);
void rec_create(const RecordType*, Req*, Resp*);
void rec_edit(const RecordType*, Req*, Resp*);
void rec_update(const RecordType*, Req*, Resp*);
void rec_delete_ask(const RecordType*, Req*, Resp*);
void rec_delete(const RecordType*, Req*, Resp*);

/* GET BASE/ID/history: the record's history (who, when, which fields from
** what to what) with a "revert to this version" button per version for
** admins and editors; POST BASE/ID/revert (form field "to"): the revert. */
void rec_history(const RecordType*, Req*, Resp*);
void rec_revert(const RecordType*, Req*, Resp*);

/* The record type whose API is /api/v1/SEG (the types with a history), or 0. */
const RecordType *rec_type_of_api(const char *zSeg);

/* An xName: the record's "title". */
const char *rec_title(Req*, const json_t *rec);

/* Authenticate an API request for a record type of eAuth (see above):
** YC_OK, or the error to answer. The one way API handlers authenticate a
** read whose answer depends on who asks. */
YcStatus rec_api_auth(int eAuth, Req *r, Err *e);

/* A handler of API/ID (path argument 0) that calls x on the id: no query
** parameters, rec_api_auth(eAuth) (REC_PUBLIC: the route's own checks
** only), then 200 with x's answer. */
void rec_api_on_id(Req*, Resp*, int eAuth, YcStatus (*x)(Ctx*, int64_t id, json_t **ppOut, Err*));
/* A handler of a POST, PUT or PATCH to API/ID[/...]: no query parameters,
** the id (path argument 0), the JSON body to x, then status with x's
** answer; when zLoc, a Location of zLoc/ID with the answer's id. */
void rec_api_on_id_body(Req*, Resp*, YcStatus (*x)(Ctx*, int64_t id, json_t *in, json_t **ppOut, Err*),
                        int status, const char *zLoc);

/* Versions in forms that are not the record kit's (status buttons, the
** profile editor): the version a form post names (its hidden _version;
** -1 when none, YC_EINVALID when malformed); make the request's next write
** of record (zEntity, id) expect version v (nothing when v < 0: a stale
** write then fails with rec_is_conflict); and whether a write failed so. */
YcStatus rec_form_version(const Form *f, int64_t *pV, Err *e);
void rec_expect_version(Req *r, const char *zEntity, int64_t id, int64_t v);
int rec_is_conflict(YcStatus st, const Err *e);

/* The record types (ui_partner.c, ui_org.c, ui_exchange.c, ui_project.c,
** ui_opportunity.c, ui_layout.c, ui_profile.c, ui_people.c, ui_delegation.c,
** ui_event.c). */
extern const RecordType recPartner, recOrg, recExchange, recProject, recOpportunity, recList, recProfile, recOffers;
extern const RecordType recPerson, recDelegation;
extern const RecordType recEvent, recSeries, recInvitation;
extern const RecordType recUnit;   /* ui_unit.c */
extern const RecordType recNews;   /* ui_news.c */

#endif

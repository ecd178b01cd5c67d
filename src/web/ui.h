/*
** ui.h: the UI kit, the one set of parts every HTML page uses: language
** choice, the optional session, the layout (header, navigation, footer),
** error pages, forms (labelled fields with their errors), and the showing
** of records (names, dates, badges, links, sources). Pages render on the
** server and work without JavaScript. The generic record pages are in
** record.h.
*/
#ifndef YC_UI_H
#define YC_UI_H
#include "web/http.h"
#include "web/html.h"
#include "web/i18n.h"
#include <jansson.h>
#include "base/json.h"

#define T(r, k) tr((r)->zLang, (k))

/* Pick the language (?lang=, then the yc_lang cookie, then zh) and look up
** the session cookie without failing. Call first in every page handler. */
void ui_prepare(Req *r, Resp *p);

/* Start a page: doctype, head, header with navigation (zNav = "dashboard",
** "partners", "orgs" or 0), language switch, login state; opens <main>. */
void ui_begin(Req *r, Resp *p, const char *zTitle, const char *zNav);
/* Close <main>, add the footer with data credits and the scripts. */
void ui_end(Req *r, Resp *p);

/* A complete error page for e (404, 400, 403, 500...). */
void ui_error(Req *r, Resp *p, const Err *e);

/* If nobody is logged in, redirect to the login page (returning here
** after) and return 1; else return 0. */
int ui_need_login(Req *r, Resp *p);

/* Redirect (303) to zUrl (a local path). */
void ui_redirect(Resp *p, const char *zUrl);
/* z when it is a path of this site to send the client to, else "/": the
** one check of every redirect target that comes from the client (login's
** next). A local path starts with one '/' not followed by '/' or '\', and
** has no '\', no space and no control character anywhere, neither as it
** is nor once percent-decoded (browsers drop tabs and newlines from a URL:
** "/\t/evil.example" would be "//evil.example", another site). */
const char *ui_local_path(const char *z);

/* Query parameter zName, 0 when absent or empty. */
const char *ui_param(Req *r, const char *zName);

/* URL of the current page with query parameter zKey set to zVal (or
** removed when zVal is 0); arena-allocated. */
const char *ui_url_with(Req *r, const char *zKey, const char *zVal);
/* The pager of a list page: links to the previous and next pages of list
** (its prev_cursor and next_cursor: this page's URL with that cursor);
** nothing when it has neither. */
void ui_pager(Req *r, Buf *b, const json_t *list);
/* The "Export CSV / XLSX" pair of a list page: zBase.csv and zBase.xlsx
** (web/ui_export.c) with the page's query string, without its cursor. */
void ui_export_buttons(Req *r, Buf *b, const char *zBase);

/* Form fields of an application/x-www-form-urlencoded POST body, or the
** values a form shows (repeated keys for checkbox groups). */
#define FORM_MAX 256
typedef struct Form {
  int n;
  const char *azKey[FORM_MAX];
  char *azVal[FORM_MAX];
} Form;
/* Parse the body; YC_EINVALID on bad encoding or UTF-8. Values live in
** r's arena. Checks the CSRF field against the session when bCsrf. */
YcStatus form_parse(Req *r, Form *f, int bCsrf, Err *e);
const char *form_get(const Form *f, const char *zKey);   /* 0 if absent or empty */
/* The start of the handler of a form post: ui_prepare, the id of path
** argument 0 (when pId), the form and its CSRF token (form_parse). 0 when
** all is well; else the answer is made (login page, error page) and 1. */
int ui_post(Req *r, Resp *p, Form *f, int64_t *pId, Err *e);
/* Add zKey=zVal to f (copied into r's arena); nothing when zVal is 0. */
void form_set(Req *r, Form *f, const char *zKey, const char *zVal);
/* Add zKey=v (an integer). */
void form_set_int(Req *r, Form *f, const char *zKey, long long v);
/* Add zKey = the strings of array a (or member zMember of its objects)
** joined by zSep ("\n" for textareas of lines, ", " for code lists). */
void form_set_join(Req *r, Form *f, const char *zKey, json_t *a, const char *zMember, const char *zSep);
/* Whether f has zKey=zVal (one of the values of a repeated key). */
int form_has(const Form *f, const char *zKey, const char *zVal);
/* Every value of repeated zKey that is a positive integer, into a (at most nMax). */
int form_ids(const Form *f, const char *zKey, int64_t *a, int nMax);

/* ---------------------------------------------------------------------------
** Forms: one labelled field with its hint and its error.
**
** ui_field writes <div class="field"><label>, the control, the hint
** <p class="hint" id="ID-hint"> and, when the form's error names the field,
** <p class="field-error" id="err-ID"> in the page language; the control
** carries aria-describedby (hint, error) and aria-invalid="true". A group of
** checkboxes is a <fieldset> with a <legend>.
*/
typedef struct UiForm {
  Req *r;
  Buf *b;
  const Err *e;           /* the error to show, or 0 */
  int bShown;             /* set when a field showed e */
  /* After a stale submit (someone else saved the record meanwhile): the
  ** values submitted and the values stored now; a field whose values
  ** differ shows the stored ones beside it with a choice (_take.NAME:
  ** "mine" or "stored"). 0 otherwise. */
  const Form *pMine, *pStored;
} UiForm;

enum { UI_INPUT, UI_TEXTAREA, UI_SELECT, UI_CHECKBOX, UI_GROUP };

typedef struct UiField UiField;
struct UiField {
  const char *zName;        /* the control's name (and id) */
  const char *zLabel;       /* label, or legend of a group, in the page language */
  const char *zValue;       /* current value; UI_CHECKBOX: checked when not 0 */
  int eType;                /* UI_INPUT (the default), UI_TEXTAREA, ... */
  const char *zId;          /* the control's id when not zName */
  const char *zField;       /* the error fields shown here, space-separated, when not zName */
  const char *zHint;        /* hint under the control, in the page language */
  const char *zPlaceholder;
  int eAttr;                /* more attributes of the control: UI_ATTR_* */
  const char *zClass;       /* more classes of the wrapper ("autocomplete", "small") */
  int nRows;                /* UI_TEXTAREA: rows (3 when 0) */
  const char *zPrefix;      /* UI_SELECT, UI_GROUP: option labels "PREFIX.value" ... */
  const char *const *azEnum;  /* ... of these values */
  const char *zEmpty;       /* UI_SELECT: label of a first option with value "" */
  const Form *pCur;         /* UI_GROUP of azEnum: the checked values (repeated zName) */
  /* Instead of the control (the options of a select, the boxes of a
  ** group): writes it, with ui_field_aria(fm, f) on the control. */
  void (*xControl)(UiForm*, const UiField*);
  const void *pArg;         /* for xControl */
};
void ui_field(UiForm *fm, const UiField *f);
/* The values of UiField.eAttr: attributes a control may carry. */
enum { UI_ATTR_NONE = 0, UI_ATTR_DATE, UI_ATTR_NUMERIC, UI_ATTR_MAX300 };

/* An xControl: the city input with suggestions (/api/v1/cities) and the
** hidden city_id (the value pArg) that the suggestions fill. */
void ui_city_input(UiForm *fm, const UiField *f);
/* The city a form names: its city_id, else the city of its text "Name" or
** "Name, CC" (as the suggestions show it); 0 when none. */
int64_t ui_form_city(Req *r, const Form *f);

/* Whether e names field zField (exactly, or "zField[...]" / "zField.x"). */
int ui_err_is(const Err *e, const char *zField);
/* aria-invalid and aria-describedby (zHintId, the error err-ID) of a
** control with id zId that shows errors of field zField. */
const char *ui_aria(Req *r, const Err *e, const char *zField, const char *zId, const char *zHintId);
/* ui_aria of the control of field f in form fm (for an xControl). */
const char *ui_field_aria(UiForm *fm, const UiField *f);
/* The error of field zField as <p class="field-error" id="err-ID">; with
** zField 0, the error when it names no field. */
void ui_field_error(Req *r, Buf *b, const Err *e, const char *zField, const char *zId);
/* The alert over a form with errors; with e's message when no field
** showed it (bShown 0). */
void ui_form_alert(Req *r, Buf *b, const Err *e, int bShown);
/* The alert of a page whose query failed: "LABEL: message", with the id
** err-FIELD that ui_aria's controls point at (zLabel 0: the field name). */
void ui_alert(Req *r, Buf *b, const Err *e, const char *zLabel);

/* The confirmation of a delete: zQuestion, then a POST form to
** zBase/ID/delete with the CSRF token and (version >= 0) the record's
** version as the hidden field _version, and a link back to zBase/ID. */
void ui_confirm_delete(Req *r, Resp *p, const char *zQuestion, const char *zBase, const char *zId, int64_t version);
/* The same for a record whose delete is archived: dep is what goes with it
** (archive_dependants): blocked, the reason and no button; dependants,
** listed by kind, and a box to tick that they go too; else a note that an
** admin can restore it. */
void ui_delete_archived(Req *r, Resp *p, const char *zQuestion, const char *zBase, const char *zId,
                        int64_t version, const json_t *dep);

/* Hidden CSRF input for forms (empty when not logged in). */
void ui_csrf_field(Req *r, Resp *p);

/* <option>s of the values az, labels "PREFIX.value", zCur selected; zEmpty:
** the label of a first option with value "" (0: none). */
void ui_options(Req *r, Buf *b, const char *zPrefix, const char *const *az, const char *zCur, const char *zEmpty);
/* A <select> of every home tie named zName (values ids, cur selected), with
** a first option "" labelled zEmpty (0: none). */
void ui_tie_select(Req *r, Buf *b, const char *zName, int64_t cur, const char *zEmpty);
/* The responsible unit (issue 12): a filter select of the units (nothing
** when there is none); the form field "unit_id" of a record's form; the
** form's value into the core input (empty: none; bUpdate: null clears);
** a stored record's unit into the form's values. */
void ui_unit_filter(Req *r, Buf *b, const char *zCur, const char *zLabel, const char *zAny);
void ui_unit_field(UiForm *fm, const Form *v);
void ui_unit_input(const Form *f, json_t *in, int bUpdate, Err *e, YcStatus *pSt);
void ui_unit_values(Req *r, const json_t *rec, Form *v);
/* xControls of a UI_GROUP: checkboxes of every home tie / organisation
** named f->zName, those f->pCur has (repeated zName) checked. */
void ui_tie_checks(UiForm *fm, const UiField *f);
void ui_org_checks(UiForm *fm, const UiField *f);

/* Lines of a textarea (or parts of z split at any of zSep) as a JSON array
** of trimmed, non-empty strings. */
json_t *ui_split(const char *z, const char *zSep);

/* ---------------------------------------------------------------------------
** Showing records.
*/
/* Label of an enum value, e.g. ui_label(r, "kind", "sister"). */
const char *ui_label(Req *r, const char *zPrefix, const char *zValue);
/* <span class="badge[ CLASSvalue]">label of PREFIX.value</span>; zClass: a
** class prefix such as "kind-", or 0. */
void ui_badge(Req *r, Buf *b, const char *zPrefix, const char *zValue, const char *zClass);
/* Whether the page is in Chinese. */
int ui_zh(Req *r);
/* Member zEn or zZh of o, the one of the page language first; "" if neither. */
const char *ui_pick(Req *r, const json_t *o, const char *zEn, const char *zZh);
/* The name of o (name_en, name_zh) in the page language. */
const char *ui_name(Req *r, const json_t *o);
/* The admin-1 name (state, province) of a city object in the page language
** (admin1_zh on Chinese pages where known, else admin1); 0 when it has none
** or it is the city's own name (Tokyo, Tokyo). */
const char *ui_admin1(Req *r, const json_t *city);
/* " <span class=muted>Illinois</span>" after a city's name: what tells
** namesakes apart; nothing when ui_admin1 is 0. */
void ui_city_admin1(Req *r, Buf *b, const json_t *city);
/* A tie's display name: its label, else its partner city's name in the page
** language (the city's names in t or in t's "city"). */
const char *ui_tie_name(Req *r, const json_t *t);
/* Links to the ties of array a (/partners/ID), comma-separated. */
void ui_tie_links(Req *r, Buf *b, const json_t *a);
/* A link to organisation o (/orgs/ID) with its name. */
void ui_org_link(Req *r, Buf *b, const json_t *o);
/* A date of any precision as <time>, "(month only)" or "(year only)" after
** it; a muted dash when there is none. */
void ui_date(Req *r, Buf *b, const char *zDate, const char *zPrec);
/* A source: a leading http(s) URL becomes a link, the rest is text. */
void ui_source(Buf *b, const char *z);
/* The sources (or links) of array a under heading zTitle (an <h3> when bH3,
** else <h2>), as a list (<ol> when bOl, else <ul>) of ui_source; nothing
** when a is empty. */
void ui_sources(Buf *b, const json_t *a, int bH3, const char *zTitle, int bOl);
/* The ?flash= message (flash.VALUE) of a page. */
void ui_flash(Req *r, Buf *b);
/* The stylesheet of a feature (/static/NAME.css), right after ui_begin. */
void ui_css(Buf *b, const char *zName);

/* The user-facing text of an error in the page language: verr.CODE.FIELD,
** else verr.CODE, else the core's message. */
const char *ui_err_text(Req *r, const Err *e);

/* The name of a country (ISO2) in the page language, arena-allocated; the
** code itself when unknown, "" for 0. */
const char *ui_country_name(Req *r, const char *zIso2);

/* The data of the world map of the ties (app.js draws it from
** <script type="application/json" id="map-data">): {"points":[{id, name,
** lat, lng, kind}], "countries":{ccn3:{name, n}}, "home":{name, lat,
** lng}|null}, names in the page language; ties of kind zSkipKind (or 0)
** left out. A new reference. */
json_t *ui_map_data(Req *r, const char *zSkipKind);

/* n with thousands separators ("1,284,164"), arena-allocated. */
const char *ui_num(Req *r, long long n);

#endif

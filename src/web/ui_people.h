/*
** ui_people.h: the pages of people and delegations (ui_people.c,
** ui_delegation.c, api_people.c) and the parts they and the partner page
** share: a person's name and link, the people pickers of forms, and the
** partner page's sections.
*/
#ifndef YC_UI_PEOPLE_H
#define YC_UI_PEOPLE_H
#include "web/ui.h"

/* A person's name in the page language ("erased" for an erased person). */
const char *uip_person_name(Req *r, const json_t *x);
/* A link /people/ID with the name. */
void uip_person_link(Req *r, Buf *b, const json_t *x);
/* xControls: checkboxes of every person (repeated f->zName, f->pCur's
** checked), and a <select> of every person (f->zValue selected). */
void uip_person_checks(UiForm *fm, const UiField *f);
void uip_person_select(UiForm *fm, const UiField *f);

/* The partner page's sections: the people of tie id (signed-in users
** only) and its delegations. */
void uip_tie_people(Req *r, Buf *b, int64_t tieId);
void uip_tie_delegations(Req *r, Buf *b, int64_t tieId);

/* Pages (ui_people.c). */
void ui_people_list(Req*, Resp*);
void ui_person_page(Req*, Resp*);
void ui_person_new(Req*, Resp*);
void ui_person_create(Req*, Resp*);
void ui_person_edit(Req*, Resp*);
void ui_person_update(Req*, Resp*);
void ui_person_delete_ask(Req*, Resp*);
void ui_person_delete(Req*, Resp*);
void ui_person_erase_ask(Req*, Resp*);
void ui_person_erase(Req*, Resp*);
void ui_friends_page(Req*, Resp*);
/* Pages (ui_delegation.c). */
void ui_delegation_list(Req*, Resp*);
void ui_delegation_page(Req*, Resp*);
void ui_delegation_new(Req*, Resp*);
void ui_delegation_create(Req*, Resp*);
void ui_delegation_edit(Req*, Resp*);
void ui_delegation_update(Req*, Resp*);
void ui_delegation_delete_ask(Req*, Resp*);
void ui_delegation_delete(Req*, Resp*);
/* The JSON API (api_people.c). */
void api_people_list(Req*, Resp*);
void api_person_get(Req*, Resp*);
void api_person_create(Req*, Resp*);
void api_person_update(Req*, Resp*);
void api_person_delete(Req*, Resp*);
void api_person_erase(Req*, Resp*);
void api_delegation_list(Req*, Resp*);
void api_delegation_get(Req*, Resp*);
void api_delegation_create(Req*, Resp*);
void api_delegation_update(Req*, Resp*);
void api_delegation_delete(Req*, Resp*);

#endif

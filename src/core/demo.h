/*
** demo.h: the bundled Jinan demo data (the TSV files in data/demo): ties
** with their sources, the organisations the 2019 commentary names, the
** city's reported totals, partner-city profiles and organisations' offers,
** and the projects and exchanges the commentary names (with only the dates
** it gives), and real published opportunities (offers and requests with
** their publication date and sources). Loading twice adds nothing.
*/
#ifndef YC_DEMO_H
#define YC_DEMO_H
#include "core/ctx.h"

#define DEMO_HOME_CITY_ID 1805753   /* Jinan, GeoNames */

typedef struct DemoCounts {
  int nTie, nOrg, nReported;     /* new ties, organisations, reported figures */
  int nProject, nExchange;       /* new projects and exchanges */
  int nOpportunity;              /* new published opportunities */
  int nHealth;                   /* ties whose health was computed */
  int nPerson, nDelegation, nItem;   /* new people, delegations, programme items */
  int nSeries, nMember;          /* new series/networks and their members */
  int nEvent, nInvitation;       /* new events and invitations */
  int nEventExchange;            /* events whose exchange was made or changed */
  int nNews, nNewsLink;          /* new news items, their curated (confirmed) links */
} DemoCounts;

/* Load all of the demo data in one transaction, then compute the health of
** every tie. The home city must be Jinan. */
YcStatus demo_load(Ctx *c, DemoCounts *pn, Err *e);

/* The people and delegations of the demo, inside the caller's transaction:
** the TSV texts of jinan_people.tsv, jinan_delegations.tsv and
** jinan_delegation_items.tsv (each 0: the embedded file), their headers
** checked. People already there (same English or Chinese name) and
** delegations already there (same title and start) are skipped, with their
** programme. Delegations that are done make their exchanges through the
** core (delegation.h). Adds to pn's counts. */
YcStatus demo_people_load(Ctx *c, const char *zPeople, const char *zDelegations, const char *zItems,
                          DemoCounts *pn, Err *e);
/* The event part of the demo data, inside the caller's transaction: the
** texts of jinan_series.tsv, jinan_series_members.tsv, jinan_events.tsv
** and jinan_invitations.tsv (formats in doc/events.md), in this order
** (each 0: the embedded file).
** Rows already loaded (a series by name, an event by title and start, a
** member or invitation of the same city/organisation/tie) are skipped;
** held events with attended invitations get their exchange through
** event_sync_exchange. Counts add to *pn. */
YcStatus demo_events_load(Ctx *c, const char *const azText[4], DemoCounts *pn, Err *e);

/* The news part of the demo, inside the caller's transaction: the texts of
** jinan_news.tsv and jinan_news_links.tsv (each 0: the embedded file; no
** embedded jinan_news.tsv: nothing to do). Items already loaded (by key)
** are skipped with their links. Items are published; the links file's
** rows become confirmed links, and the mention finder's other finds stay
** suggested. Counts add to *pn. */
YcStatus demo_news_load(Ctx *c, const char *zNews, const char *zLinks, DemoCounts *pn, Err *e);

#endif

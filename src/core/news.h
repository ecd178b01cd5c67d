/*
** news.h: news items and documents (issue 13, item 1): news, press
** releases, speeches, agreement texts, reports and photo stories in Chinese
** and/or English, with a Markdown body (rendered by cmark in safe mode, see
** text/markdown.h), a date at the precision of its source, its source text,
** a status (draft -> published), the responsible unit, attachments (stored
** in the database, type-checked by content) and links to the partner ties,
** organisations, events and people it mentions.
**
** Links: every save runs the mention finder (core/mention.h) on the titles
** and bodies; what it finds becomes a "suggested" link unless the item
** already has a link to that record (an editor's "confirmed" or
** "rejected" stays). Suggestions no longer found go. Only confirmed links
** are public.
**
** Anonymous callers (!ctx_signed_in) see published items only (a draft is
** YC_ENOTFOUND), only their confirmed links to ties, organisations and
** public events (never people, never suggestions), and only the
** attachments of published items. Every write goes through audit_log
** (entity "news"): the record as news_get answers it to a signed-in user.
*/
#ifndef YC_NEWS_H
#define YC_NEWS_H
#include <stddef.h>
#include <jansson.h>
#include "core/ctx.h"

/* The largest attachment accepted (bytes). */
#define NEWS_MAX_ATTACHMENT (10u<<20)
/* At most this many attachments per item. */
#define NEWS_MAX_ATTACHMENTS 20

extern const char *const azNewsKind[];    /* news, press_release, speech, agreement, report, photo_story */
extern const char *const azNewsLang[];    /* zh, en, both */
extern const char *const azNewsStatus[];  /* draft, published */
extern const char *const azNewsLinkType[];   /* tie, org, event, person */
extern const char *const azNewsLinkState[];  /* suggested, confirmed, rejected */
/* q, kind, lang, status, tie, org, event, year, unit, sort, limit, cursor */
extern const char *const azNewsParam[];
extern const char *const azNewsField[];   /* the fields news_create and news_update accept */
extern const char *const azNewsSort[];    /* -date (default), date */

typedef struct NewsQuery {
  union {                      /* the fields in the order of azNewsParam */
    struct {
      const char *zQ, *zKind, *zLang, *zStatus, *zTie, *zOrg, *zEvent, *zYear, *zUnit;
      const char *zSort, *zLimit, *zCursor;
    };
    const char *az[12];
  };
  int bPrev;                   /* add "prev_cursor" (the web page) */
} NewsQuery;

/* {"items":[...],"total","next_cursor"}: items without bodies, links and
** attachments ({id, kind, lang, title_zh, title_en, date, date_precision,
** source, status, published_at, created_at, updated_at, unit_id, unit}),
** latest first. q: full text (titles, bodies, source; Chinese, pinyin);
** kind, lang, status (anonymous callers: published only, status=draft is
** an empty list); tie, org, event: items with a confirmed link to that
** record; year (YYYY): items dated in that year; unit. */
YcStatus news_list(Ctx *c, const NewsQuery *q, json_t **ppOut, Err *e);
/* One item: the list's fields plus body_zh, body_en, links [{id, type,
** target_id, state, surface, name_zh, name_en}] and attachments [{id,
** filename, mime, size, sha256, created_at}]. */
YcStatus news_get(Ctx *c, int64_t id, json_t **ppOut, Err *e);
/* Create from JSON: kind, date (required), lang (default: from the titles
** given), title_zh / title_en (the ones lang needs), body_zh, body_en
** (Markdown), source, status (default draft), unit_id. */
YcStatus news_create(Ctx *c, json_t *in, json_t **ppOut, Err *e);
/* Change the fields present in `in` (null clears an optional field). */
YcStatus news_update(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e);
/* Delete an item with its links and attachments (called by archive_delete). */
YcStatus news_delete(Ctx *c, int64_t id, Err *e);
/* Rebuild the search row of item id (a restored one). */
YcStatus news_reindex(Ctx *c, int64_t id, Err *e);

/* Set link states: in = {"links":[{"type","id","state"}...]}: each names a
** record (type tie|org|event|person, its id) and the state to give the
** item's link to it (suggested, confirmed, rejected), and optionally the
** "surface" (the text that names it); a record not linked yet is linked. A record that does not exist: 400 naming
** "links[N].id". *ppOut: the item as news_get answers it. */
YcStatus news_links_set(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e);

/* Attach a file to item id: its name (the extension must agree with the
** content), its bytes. The type is found from the content (magic bytes)
** and must be one of PDF, PNG, JPEG, GIF, WebP, DOCX, XLSX or UTF-8 plain
** text; SVG, HTML and everything else is refused (400 naming "file"),
** as is a file over NEWS_MAX_ATTACHMENT (413 naming "file"). Nothing is
** stored on refusal. *ppOut: the attachment's JSON. */
YcStatus news_attach(Ctx *c, int64_t id, const char *zFilename, const void *pData, size_t nData,
                     json_t **ppOut, Err *e);
/* Remove attachment aid of item id. */
YcStatus news_detach(Ctx *c, int64_t id, int64_t aid, Err *e);
/* The bytes of attachment aid of item id (a draft's only for signed-in
** callers): *ppOut {id, filename, mime, size, sha256}; *ppData malloc'd. */
YcStatus news_attachment(Ctx *c, int64_t id, int64_t aid, json_t **ppOut, void **ppData, size_t *pnData, Err *e);

/* The type of a file from its content and name: the MIME type to store,
** or 0 with e set (field "file"). For tests and the CLI. */
const char *news_sniff(const char *zFilename, const void *pData, size_t nData, Err *e);

/* news_create and news_links_set inside the caller's transaction (the
** demo loader): *pId the new item's id. */
YcStatus news_create_tx(Ctx *c, json_t *in, int64_t *pId, Err *e);
YcStatus news_links_set_tx(Ctx *c, int64_t id, json_t *in, Err *e);

#endif

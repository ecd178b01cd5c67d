/*
** api_params.h: the query parameters of API handlers that have no core
** query struct. The arrays are defined above their handlers, which check
** the query with them, and the routes' OpenAPI declarations (routes.c,
** ApiOp.azQuery) point to the same arrays.
*/
#ifndef YC_API_PARAMS_H
#define YC_API_PARAMS_H

extern const char *const azTokenParam[];            /* api_tokens */
extern const char *const azArchiveParam[];          /* api_archive_list */
extern const char *const azDependantsParam[];       /* api_dependants */
extern const char *const azHistoryParam[];          /* api_history */
extern const char *const azLayoutParam[];           /* api_layout */
extern const char *const azTwinImportParam[];       /* api_import_twins */
extern const char *const azTwinReviewParam[];       /* api_twins_review */
extern const char *const azNetworkCountryParam[];   /* api_network_country */
extern const char *const azInterestParam[];         /* api_interest_list */
extern const char *const azMatchTextParam[];        /* api_match_industries */
extern const char *const azCityParam[];             /* api_cities */
extern const char *const azRecDeleteParam[];
extern const char *const azNewsAttachParam[];       /* api_news_attach */        /* rec_api_delete: dependants (record.c) */

#endif

/*
** metrics.h: per-process counters of the server, served as GET /metrics in
** the Prometheus text exposition format (0.0.4): requests by route pattern
** and status, a latency histogram, response-cache hits and misses,
** database busy waits, imports by type and outcome, connections open.
** Every counter is a relaxed atomic: recording takes no lock.
*/
#ifndef YC_METRICS_H
#define YC_METRICS_H
#include <stdint.h>
#include "web/http.h"

/* Size the tables from the route table (once, before serving). */
void metrics_init(void);
/* One answered request: its route (r->iRoute), method, status and time. */
void metrics_request(Req *r, int status, uint64_t us);
/* A connection opened (+1) or closed (-1). */
void metrics_connection(int delta);
/* A request begun (+1: its headers are in) or completed (-1), and how many
** are in flight now (graceful shutdown waits for 0). */
void metrics_in_flight_add(int delta);
int metrics_in_flight(void);
/* Where GET /metrics reads its bearer token: --metrics-token-file FILE (or
** YC_METRICS_TOKEN_FILE), else the environment variable YC_METRICS_TOKEN.
** Returns 0, or -1 with a message when the file cannot be read or is empty. */
int metrics_token_load(const char *zFile);
/* Free the token (at shutdown). */
void metrics_shutdown(void);

#endif

/*
** server.h: the HTTP server (GNU libmicrohttpd, thread pool). Each worker
** thread has its own database connection; each request its own arena.
*/
#ifndef YC_SERVER_H
#define YC_SERVER_H
#include <stdint.h>
#include "store/db.h"

typedef struct ServerConfig {
  const char *zDb;       /* database file */
  const char *zListen;   /* "HOST:PORT" */
  int nThread;           /* worker threads */
  int bNoCompress;       /* serve every answer uncompressed (the reference of bench/compress.bench.js) */
  const char *zPublicUrl;  /* the public base URL ("https://example.org", no
                           ** trailing slash) of the portal's links and Open
                           ** Graph tags; 0: from the request's Host */
  const char *zPortalHost; /* a host name whose "/" (and "/en") is the public
                           ** portal's home; 0: none */
  unsigned nMaxConn;     /* the global connection limit; 0: 4000 */
  unsigned nPerIp;       /* connections from one address; 0: no cap */
  unsigned msHead;       /* header deadline (and body grace), ms; 0: none */
  unsigned nBodyRate;    /* minimum body rate after the grace, bytes/s; 0: none */
  const char *zTrustedProxy; /* the reverse proxy's address: its X-Forwarded-Proto
                           ** and X-Forwarded-For are believed (web/origin.h) */
  const char *zAccessLog;  /* the access log's file; 0: standard error */
  int bNoAccessLog;        /* no access log */
  const char *zMetricsTokenFile; /* the bearer token of GET /metrics; 0: from
                           ** the environment (web/metrics.h) */
} ServerConfig;

/* The configured public base URL, or 0 (see ServerConfig). */
const char *server_public_url(void);

/* server_run's request path (the same checks, routes, cache and answers)
** without a listening socket, threads or the connection guard, for the
** fuzz targets (fuzz/fuzzlib.c): every request uses db, whose open
** transaction (if any) is the caller's to end; the caller hands it
** connections (MHD_add_connection) and runs it in its own thread (MHD_run),
** then stops it (MHD_stop_daemon). The daemon, or 0. */
struct MHD_Daemon;
struct MHD_Daemon *server_embed(const ServerConfig *cfg, Db *db, int64_t homeCityId);

/* Serve until SIGINT/SIGTERM, then finish the requests in flight (30 s at
** most) and close the database. Returns the process exit code. */
int server_run(const ServerConfig *cfg);

#endif

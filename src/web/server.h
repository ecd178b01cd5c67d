/*
** server.h: the HTTP server (GNU libmicrohttpd, thread pool). Each worker
** thread has its own database connection; each request its own arena.
*/
#ifndef YC_SERVER_H
#define YC_SERVER_H

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
  const char *zTrustedProxy; /* the reverse proxy's address: its X-Forwarded-Proto
                           ** and X-Forwarded-For are believed (web/origin.h) */
  const char *zAccessLog;  /* the access log's file; 0: standard error */
  int bNoAccessLog;        /* no access log */
  const char *zMetricsTokenFile; /* the bearer token of GET /metrics; 0: from
                           ** the environment (web/metrics.h) */
} ServerConfig;

/* The configured public base URL, or 0 (see ServerConfig). */
const char *server_public_url(void);

/* Serve until SIGINT/SIGTERM, then finish the requests in flight (30 s at
** most) and close the database. Returns the process exit code. */
int server_run(const ServerConfig *cfg);

#endif

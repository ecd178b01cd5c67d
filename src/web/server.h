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
  unsigned nMaxConn;     /* the global connection limit; 0: 4000 */
  unsigned nPerIp;       /* connections from one address; 0: no cap */
  unsigned msHead;       /* header deadline (and body grace), ms; 0: none */
  unsigned nBodyRate;    /* minimum body rate after the grace, bytes/s; 0: none */
} ServerConfig;

/* The configured public base URL, or 0 (see ServerConfig). */
const char *server_public_url(void);

/* Serve until SIGINT/SIGTERM. Returns the process exit code. */
int server_run(const ServerConfig *cfg);

#endif

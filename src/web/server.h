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
} ServerConfig;

/* Serve until SIGINT/SIGTERM. Returns the process exit code. */
int server_run(const ServerConfig *cfg);

#endif

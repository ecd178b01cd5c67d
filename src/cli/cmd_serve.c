/*
** COMMAND: serve
** cmd_serve.c: run the web server until SIGINT or SIGTERM.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include "cli/cli.h"
#include "web/server.h"

int cmd_serve(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  const char *zListen = cli_opt(&argc, argv, "listen");
  const char *zThreads = cli_opt(&argc, argv, "threads");
  int bNoCompress = cli_flag(&argc, argv, "no-compress");
  const char *zPublicUrl = cli_opt(&argc, argv, "public-url");
  const char *zPortalHost = cli_opt(&argc, argv, "portal-host");
  const char *azLim[4] = {cli_opt(&argc, argv, "max-connections"), cli_opt(&argc, argv, "max-per-ip"),
                          cli_opt(&argc, argv, "header-timeout"), cli_opt(&argc, argv, "min-body-rate")};
  const char *zProxy = cli_opt(&argc, argv, "trusted-proxy");
  const char *zAccessLog = cli_opt(&argc, argv, "access-log");
  int bNoAccessLog = cli_flag(&argc, argv, "no-access-log");
  const char *zTokenFile = cli_opt(&argc, argv, "metrics-token-file");
  int rc = cli_leftover(argc, argv, 0, "serve");
  if( rc ) return rc;
  ServerConfig cfg;
  memset(&cfg, 0, sizeof cfg);
  cfg.zDb = zDb;
  cfg.zListen = zListen ? zListen : "127.0.0.1:8080";
  cfg.nThread = 4;
  cfg.bNoCompress = bNoCompress;
  /* Connection limits (web/conn_guard.h): defaults, then the options. */
  static const struct { const char *zName; long lo, hi, dflt; } aLim[4] = {
    {"max-connections", 16, 100000, 4000}, {"max-per-ip", 0, 100000, 256},
    {"header-timeout", 0, 3600, 10}, {"min-body-rate", 0, 1L<<30, 1024}};
  long aVal[4];
  for(int i=0; i<4; i++){
    char *zEnd = 0;
    aVal[i] = azLim[i] ? strtol(azLim[i], &zEnd, 10) : aLim[i].dflt;
    if( azLim[i] && (*zEnd || zEnd==azLim[i] || aVal[i]<aLim[i].lo || aVal[i]>aLim[i].hi) ){
      fprintf(stderr, "youcheng serve: --%s must be an integer from %ld to %ld\n", aLim[i].zName, aLim[i].lo, aLim[i].hi);
      return 2;
    }
  }
  cfg.nMaxConn = (unsigned)aVal[0];
  cfg.nPerIp = (unsigned)aVal[1];
  cfg.msHead = (unsigned)aVal[2]*1000;
  cfg.nBodyRate = (unsigned)aVal[3];
  if( zThreads ){
    char *zEnd;
    long n = strtol(zThreads, &zEnd, 10);
    if( *zEnd || n<1 || n>64 ){ fprintf(stderr, "youcheng serve: --threads must be 1 to 64\n"); return 2; }
    cfg.nThread = (int)n;
  }
  if( zPublicUrl ){
    size_t n = strlen(zPublicUrl);
    if( (strncmp(zPublicUrl, "http://", 7)!=0 && strncmp(zPublicUrl, "https://", 8)!=0) || n>200
     || strpbrk(zPublicUrl, " \"'<>?#") ){
      fprintf(stderr, "youcheng serve: --public-url must be an http(s) URL without query, e.g. https://portal.example.org\n");
      return 2;
    }
    char *z = strdup(zPublicUrl);
    while( z && n>8 && z[n-1]=='/' ) z[--n] = 0;   /* no trailing slash */
    cfg.zPublicUrl = z;
  }
  if( zPortalHost && (!*zPortalHost || strlen(zPortalHost)>200 || strpbrk(zPortalHost, " /:?#")) ){
    fprintf(stderr, "youcheng serve: --portal-host must be a host name, e.g. portal.example.org\n");
    return 2;
  }
  cfg.zPortalHost = zPortalHost;
  unsigned char aAddr[16];
  if( zProxy && inet_pton(AF_INET, zProxy, aAddr)!=1 && inet_pton(AF_INET6, zProxy, aAddr)!=1 ){
    fprintf(stderr, "youcheng serve: --trusted-proxy must be an IP address, e.g. 127.0.0.1\n");
    return 2;
  }
  if( zAccessLog && bNoAccessLog ){
    fprintf(stderr, "youcheng serve: give --access-log FILE or --no-access-log, not both\n");
    return 2;
  }
  cfg.zTrustedProxy = zProxy;
  cfg.zAccessLog = zAccessLog;
  cfg.bNoAccessLog = bNoAccessLog;
  cfg.zMetricsTokenFile = zTokenFile;
  if( !zDb ){ fprintf(stderr, "youcheng serve: --db FILE is required\n"); return 2; }
  rc = server_run(&cfg);
  free((char*)cfg.zPublicUrl);
  return rc;
}

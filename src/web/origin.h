/*
** origin.h: where a request really comes from, for a server behind a
** reverse proxy. `serve --public-url https://...` says the site is served
** over HTTPS whatever the connection looks like; `serve --trusted-proxy
** ADDR` believes X-Forwarded-Proto and X-Forwarded-For only on connections
** from ADDR (the proxy), never from anyone else.
*/
#ifndef YC_ORIGIN_H
#define YC_ORIGIN_H
#include "web/http.h"

/* Set once at start (the strings must outlive the server); 0 for none. */
void origin_configure(const char *zPublicUrl, const char *zTrustedProxy);
/* 1 if the connection's peer is the trusted proxy. */
int origin_from_proxy(Req *r);
/* 1 if the client reached the site over HTTPS: the public URL is https, or
** the trusted proxy says so (X-Forwarded-Proto: https). */
int origin_https(Req *r);
/* "; Secure" when origin_https(r), else "": appended to every Set-Cookie. */
const char *origin_cookie_secure(Req *r);
/* The client's address as text in z (n bytes): the last address of
** X-Forwarded-For on a request from the trusted proxy, else the peer's. */
const char *origin_client_addr(Req *r, char *z, size_t n);
/* 1 if the peer is a loopback address and the request did not come
** through the trusted proxy (a proxy on the same host is not "local"). */
int origin_local(Req *r);

#endif

/*
** conn_guard.h: keeps slow and idle clients from holding the server's
** connections (issue 14, item 1).
**
** libmicrohttpd caps connections (globally and per address) and closes a
** connection that is silent for its inactivity timeout, but a client that
** sends one byte a second is never silent: it could hold a connection for
** ever with a request head or a body that never ends. The guard tracks
** every connection (MHD_OPTION_NOTIFY_CONNECTION) through the phases of
** its requests and a reaper thread closes, with shutdown(2) on its socket,
**   - a connection whose request head is not complete within the header
**     deadline (from its opening, or from the end of its previous request:
**     an idle keep-alive connection counts as waiting for a head);
**   - a connection whose body, after the same grace time, arrives slower
**     than the minimum body rate (bytes a second; a body of N bytes thus
**     has grace + N / rate seconds);
** and, when the connections near the global limit, the oldest of those
** still waiting for a complete request head, so that a new client gets in.
** libmicrohttpd sees the shutdown as the client's close and frees the
** connection itself; the guard's entry is removed (under the lock the
** reaper holds while it shuts sockets down) in the CLOSED notification,
** which libmicrohttpd sends before it closes the socket, so the reaper never
** touches a socket number that was closed and given to another connection.
** A connection busy answering its request is left alone (libmicrohttpd's
** inactivity timeout covers a client that stops reading).
*/
#ifndef YC_CONN_GUARD_H
#define YC_CONN_GUARD_H
#include <stddef.h>
#include <stdint.h>
#include <microhttpd.h>

typedef struct GuardConfig {
  unsigned nMax;          /* the global connection limit (MHD_OPTION_CONNECTION_LIMIT) */
  unsigned msHead;        /* header deadline and body grace time, ms; 0: no deadline */
  unsigned nBodyRate;     /* minimum body rate after the grace time, bytes/s; 0: none */
} GuardConfig;

typedef struct GuardStats {
  uint64_t nOpen;         /* connections open now */
  uint64_t nHeadClosed;   /* closed for a late request head */
  uint64_t nBodyClosed;   /* closed for a slow body */
  uint64_t nEvicted;      /* closed to make room near the limit */
} GuardStats;

/* Start the reaper thread with cfg (copied). The file descriptor limit
** (RLIMIT_NOFILE) is raised to its hard limit when cfg->nMax needs it, and
** cfg->nMax lowered to what it allows, less 64 for the database and logs.
** 0 on success. */
int guard_start(GuardConfig *cfg);
/* Stop the reaper (after MHD_stop_daemon). */
void guard_stop(void);
/* The MHD_OPTION_NOTIFY_CONNECTION callback. */
void guard_notify(void *cls, struct MHD_Connection *conn, void **ppSock,
                  enum MHD_ConnectionNotificationCode code);
/* Phase changes, called by the server for the connection of a request:
** the head is complete (nBody: its Content-Length, UINT64_MAX when not
** known), nBody more bytes of body arrived, the request is complete (now
** being answered), the answer is sent (the connection waits for the next
** head). Each is a few stores; a connection the guard does not track is
** ignored. */
void guard_head_done(struct MHD_Connection *conn, uint64_t nBody);
void guard_body(struct MHD_Connection *conn, size_t n);
void guard_request_done(struct MHD_Connection *conn);
void guard_answered(struct MHD_Connection *conn);
void guard_stats(GuardStats *s);

#endif

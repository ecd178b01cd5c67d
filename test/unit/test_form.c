/*
** test_form.c: unit tests of request parsing: the urlencoded form parser
** (form_parse, form_get: decoding, CR and blank trimming, long values that
** arrive in pieces, field limits, UTF-8, content type, the CSRF check),
** query parameters (http_param, http_check_params: unknown, repeated, too
** long, bad UTF-8), headers and cookies, the JSON body parser
** (http_body_json) and ui_url_with.
**
** These read the request through libmicrohttpd, so the test runs a small
** libmicrohttpd daemon of its own on a loopback port (no youcheng server,
** no database): its handler builds a Req the way server.c does (body
** gathered chunk by chunk), runs the function under test and records the
** result; the test thread sends raw HTTP requests and asserts on it.
*/
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <cmocka.h>
#include "web/http.h"
#include "web/ui.h"

/* ---- the harness -------------------------------------------------------- */

typedef enum { P_FORM, P_PARAMS, P_JSON, P_URL_WITH } Probe;

/* What the next request's handler does (set by the test thread). */
static struct {
  Probe probe;
  int bCsrf;                          /* P_FORM: check the CSRF field */
  const char *zUser, *zRole, *zCsrf;  /* P_FORM: the session */
  int bTooLarge;                      /* force Req.bTooLarge */
  const char *const *azKnown;         /* P_PARAMS */
  const char *azGet[4];               /* P_FORM, P_PARAMS: keys to look up */
  const char *zKey, *zVal;            /* P_URL_WITH */
} gIn;

/* What it found (read by the test thread after the answer). */
static struct {
  int bRan;
  YcStatus st;
  Err e;
  Buf out;
} gOut;

static pthread_mutex_t gMutex = PTHREAD_MUTEX_INITIALIZER;
static struct MHD_Daemon *gDaemon;
static int gPort;

static void out_str(const char *z){
  buf_puts(&gOut.out, z ? z : "(null)");
}

static void run_probe(Req *r){
  Form f;
  json_t *j = 0;
  buf_reset(&gOut.out);
  memset(&gOut.e, 0, sizeof gOut.e);
  if( gIn.bTooLarge ) r->bTooLarge = 1;
  switch( gIn.probe ){
    case P_FORM:
      r->zUser = (char*)gIn.zUser;
      r->zRole = (char*)gIn.zRole;
      r->zCsrf = (char*)gIn.zCsrf;
      gOut.st = form_parse(r, &f, gIn.bCsrf, &gOut.e);
      for(int i=0; i<f.n; i++) buf_printf(&gOut.out, "%s=%s\n", f.azKey[i], f.azVal[i]);
      for(int i=0; i<4 && gIn.azGet[i]; i++){
        buf_printf(&gOut.out, "get %s=", gIn.azGet[i]);
        out_str(form_get(&f, gIn.azGet[i]));
        buf_putc(&gOut.out, '\n');
      }
      r->zUser = r->zRole = r->zCsrf = 0;    /* not ours to free */
      break;
    case P_PARAMS:
      gOut.st = http_check_params(r, gIn.azKnown, &gOut.e);
      for(int i=0; i<4 && gIn.azGet[i]; i++){
        buf_printf(&gOut.out, "%s=", gIn.azGet[i]);
        out_str(http_param(r, gIn.azGet[i]));
        buf_putc(&gOut.out, '\n');
      }
      buf_puts(&gOut.out, "header=");
      out_str(http_header(r, "X-Test"));
      buf_puts(&gOut.out, "\ncookie=");
      out_str(http_cookie(r, "yc_session"));
      break;
    case P_JSON:
      gOut.st = http_body_json(r, &j, &gOut.e);
      if( j ){
        char *z = json_dumps(j, JSON_COMPACT);
        out_str(z);
        free(z);
        json_decref(j);
      }else{
        out_str(0);
      }
      break;
    case P_URL_WITH:
      out_str(ui_url_with(r, gIn.zKey, gIn.zVal));
      gOut.st = YC_OK;
      break;
  }
  gOut.bRan = 1;
}

static enum MHD_Result handler(void *cls, struct MHD_Connection *conn, const char *zUrl, const char *zMethod,
                               const char *zVersion, const char *zUpload, size_t *pnUpload, void **pp){
  (void)cls; (void)zVersion;
  Req *r = *pp;
  if( !r ){
    r = calloc(1, sizeof *r);
    if( !r ) return MHD_NO;
    r->conn = conn;
    r->zMethod = zMethod;
    r->zPath = zUrl;
    r->zLang = "en";
    *pp = r;
    return MHD_YES;
  }
  if( *pnUpload ){
    /* As server.c: gather the body, flag it when over the limit. */
    if( r->body.n + *pnUpload > HTTP_MAX_BODY ) r->bTooLarge = 1;
    else buf_append(&r->body, zUpload, *pnUpload);
    *pnUpload = 0;
    return MHD_YES;
  }
  pthread_mutex_lock(&gMutex);
  run_probe(r);
  pthread_mutex_unlock(&gMutex);
  static const char zOk[] = "ok";
  struct MHD_Response *resp = MHD_create_response_from_buffer(2, (void*)zOk, MHD_RESPMEM_PERSISTENT);
  enum MHD_Result rc = MHD_queue_response(conn, 200, resp);
  MHD_destroy_response(resp);
  return rc;
}

static void completed(void *cls, struct MHD_Connection *conn, void **pp, enum MHD_RequestTerminationCode t){
  (void)cls; (void)conn; (void)t;
  Req *r = *pp;
  if( !r ) return;
  arena_free(&r->arena);
  buf_free(&r->body);
  free(r);
  *pp = 0;
}

static int start_daemon(void **st){
  (void)st;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if( fd<0 ) return -1;
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  sa.sin_port = 0;
  socklen_t n = sizeof sa;
  if( bind(fd, (struct sockaddr*)&sa, sizeof sa) || listen(fd, 16) || getsockname(fd, (struct sockaddr*)&sa, &n) ){
    close(fd);
    return -1;
  }
  gPort = ntohs(sa.sin_port);
  gDaemon = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD, 0, 0, 0, handler, 0,
                             MHD_OPTION_LISTEN_SOCKET, fd,
                             MHD_OPTION_NOTIFY_COMPLETED, completed, (void*)0,
                             MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(256*1024),
                             MHD_OPTION_END);
  return gDaemon ? 0 : -1;
}

static int stop_daemon(void **st){
  (void)st;
  if( gDaemon ) MHD_stop_daemon(gDaemon);
  buf_free(&gOut.out);
  return 0;
}

static int reset_input(void **st){
  (void)st;
  memset(&gIn, 0, sizeof gIn);
  return 0;
}

/* Send one raw request (HTTP/1.0: the server closes after answering);
** fails the test unless the answer is 200 and the probe ran. */
static void send_raw(const char *zReq, size_t nReq){
  pthread_mutex_lock(&gMutex);
  gOut.bRan = 0;
  pthread_mutex_unlock(&gMutex);
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  assert_true(fd>=0);
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  sa.sin_port = htons((uint16_t)gPort);
  assert_int_equal(connect(fd, (struct sockaddr*)&sa, sizeof sa), 0);
  for(size_t off=0; off<nReq; ){
    ssize_t k = write(fd, zReq + off, nReq - off);
    assert_true(k>0);
    off += (size_t)k;
  }
  char zAns[512];
  size_t nAns = 0;
  ssize_t k;
  while( (k = read(fd, zAns + nAns, sizeof zAns - 1 - nAns))>0 ) nAns += (size_t)k;
  zAns[nAns] = 0;
  close(fd);
  if( strncmp(zAns, "HTTP/1.1 200", 12)!=0 && strncmp(zAns, "HTTP/1.0 200", 12)!=0 )
    fail_msg("the harness answered: %.200s", zAns);
  pthread_mutex_lock(&gMutex);
  int bRan = gOut.bRan;
  pthread_mutex_unlock(&gMutex);
  assert_true(bRan);
}

/* GET zTarget with extra header lines (each ending in \r\n). */
static void get(const char *zTarget, const char *zHeaders){
  Buf b = BUF_INIT;
  buf_printf(&b, "GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n%s\r\n", zTarget, zHeaders ? zHeaders : "");
  send_raw(b.z, b.n);
  buf_free(&b);
}

/* POST a body of n bytes with Content-Type zType (none when 0). */
static void post(const char *zType, const char *zBody, size_t n){
  Buf b = BUF_INIT;
  buf_printf(&b, "POST /form HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Length: %zu\r\n", n);
  if( zType ) buf_printf(&b, "Content-Type: %s\r\n", zType);
  buf_puts(&b, "\r\n");
  buf_append(&b, zBody, n);
  send_raw(b.z, b.n);
  buf_free(&b);
}

#define URLENC "application/x-www-form-urlencoded"
static void post_form(const char *zBody){ gIn.probe = P_FORM; post(URLENC, zBody, strlen(zBody)); }

static void expect_ok(const char *zOut){
  if( gOut.st!=YC_OK ) fail_msg("status %d, code %s, field %s: %s", gOut.st, gOut.e.zCode, gOut.e.zField, gOut.e.zMsg);
  assert_string_equal(buf_str(&gOut.out), zOut);
}

static void expect_err(YcStatus st, const char *zCode, const char *zField){
  if( gOut.st!=st ) fail_msg("status %d (code %s, field %s), expected %d %s", gOut.st, gOut.e.zCode, gOut.e.zField, st, zCode);
  assert_string_equal(gOut.e.zCode, zCode);
  if( zField ) assert_string_equal(gOut.e.zField, zField);
  assert_true(strlen(gOut.e.zMsg)>0);
}

/* ---- form_parse --------------------------------------------------------- */

/* form-1: fields decoded in order: + is a space, %XX a byte, UTF-8 kept;
** form_get gives 0 for absent and empty fields, the first of repeated ones. */
static void test_form_decode(void **st){
  (void)st;
  gIn.azGet[0] = "b"; gIn.azGet[1] = "empty"; gIn.azGet[2] = "absent"; gIn.azGet[3] = "k";
  post_form("a=1&b=hello+world&c=%E6%B5%8E%E5%8D%97&empty=&d=x%26y%3Dz%2B1&k=first&k=second");
  expect_ok("a=1\nb=hello world\nc=济南\nempty=\nd=x&y=z+1\nk=first\nk=second\n"
            "get b=hello world\nget empty=(null)\nget absent=(null)\nget k=first\n");
  post_form("");
  expect_ok("get b=(null)\nget empty=(null)\nget absent=(null)\nget k=(null)\n");
}

/* form-2: CRs removed; leading and trailing blanks, tabs and newlines
** trimmed; inner ones kept. */
static void test_form_trim(void **st){
  (void)st;
  gIn.azGet[0] = "blank";
  post_form("notes=%20%20line+one%0D%0Aline%09two%20%09%0D%0A&t=%09x+%09&blank=%20%0A%09");
  expect_ok("notes=line one\nline\ttwo\nt=x\nblank=\nget blank=(null)\n");
}

/* form-3: a value longer than the post processor's buffer arrives in
** pieces and is put back together exactly; over 100,000 bytes is refused. */
static void test_form_long(void **st){
  (void)st;
  size_t n = 50000;
  Buf b = BUF_INIT, want = BUF_INIT;
  buf_puts(&b, "a=1&long=");
  for(size_t i=0; i<n; i++) buf_putc(&b, (char)('a' + i%26));
  buf_puts(&b, "&z=last");
  post_form(b.z);
  buf_puts(&want, "a=1\nlong=");
  for(size_t i=0; i<n; i++) buf_putc(&want, (char)('a' + i%26));
  buf_puts(&want, "\nz=last\n");
  expect_ok(want.z);
  buf_reset(&b);
  buf_puts(&b, "big=");
  for(size_t i=0; i<100001; i++) buf_putc(&b, 'b');
  post_form(b.z);
  expect_err(YC_EINVALID, "invalid_form", 0);
  /* Exactly 100,000 bytes is still fine. */
  buf_reset(&b);
  buf_puts(&b, "big=");
  for(size_t i=0; i<100000; i++) buf_putc(&b, 'b');
  post_form(b.z);
  assert_int_equal(gOut.st, YC_OK);
  assert_int_equal(gOut.out.n, strlen("big=\n") + 100000);
  buf_free(&b);
  buf_free(&want);
}

/* form-4: at most FORM_MAX fields. */
static void test_form_fields(void **st){
  (void)st;
  Buf b = BUF_INIT;
  char zLast[32];
  for(int i=0; i<FORM_MAX; i++) buf_printf(&b, "%sf%d=%d", i ? "&" : "", i, i);
  post_form(b.z);
  assert_int_equal(gOut.st, YC_OK);
  snprintf(zLast, sizeof zLast, "f%d=%d\n", FORM_MAX - 1, FORM_MAX - 1);
  assert_non_null(strstr(buf_str(&gOut.out), zLast));
  buf_printf(&b, "&f%d=%d", FORM_MAX, FORM_MAX);
  post_form(b.z);
  expect_err(YC_EINVALID, "invalid_form", 0);
  buf_free(&b);
}

/* form-5: invalid UTF-8 in a value or a key is refused; a value names its
** field. */
static void test_form_utf8(void **st){
  (void)st;
  post_form("ok=1&name=caf%C3%A9%FF");
  expect_err(YC_EINVALID, "invalid_utf8", "name");
  post_form("name=%C3%28");
  expect_err(YC_EINVALID, "invalid_utf8", "name");
  post_form("%FF=1");                             /* a key: no field named */
  expect_err(YC_EINVALID, "invalid_utf8", 0);
  assert_string_equal(gOut.e.zField, "");
  post_form("name=%ED%A0%80");                    /* a UTF-16 surrogate */
  expect_err(YC_EINVALID, "invalid_utf8", "name");
}

/* form-6: only urlencoded (or multipart) bodies are forms; an oversized
** body is refused before it is parsed. */
static void test_form_type(void **st){
  (void)st;
  gIn.probe = P_FORM;
  post("text/plain", "a=1", 3);
  expect_err(YC_EINVALID, "wrong_content_type", 0);
  post("application/json", "{\"a\":1}", 7);
  expect_err(YC_EINVALID, "wrong_content_type", 0);
  post(0, "a=1", 3);
  expect_err(YC_EINVALID, "wrong_content_type", 0);
  post(URLENC "; charset=UTF-8", "a=%E6%B5%8E", 11);
  expect_ok("a=济\n");
  gIn.bTooLarge = 1;
  post(URLENC, "a=1", 3);
  expect_err(YC_ETOOLARGE, "body_too_large", 0);
}

/* form-7: with bCsrf, the form's csrf field must match the session's
** token, someone must be logged in, and viewers cannot write. */
static void test_form_csrf(void **st){
  (void)st;
  gIn.bCsrf = 1;
  post_form("csrf=tok123&x=1");
  expect_err(YC_EAUTH, "unauthenticated", 0);             /* nobody logged in */
  gIn.zUser = "alice"; gIn.zRole = "editor"; gIn.zCsrf = "tok123";
  post_form("csrf=tok123&x=1");
  expect_ok("csrf=tok123\nx=1\n");
  post_form("csrf=%20tok123%20&x=1");                     /* trimmed like any field */
  expect_ok("csrf=tok123\nx=1\n");
  post_form("csrf=tok124&x=1");
  expect_err(YC_EFORBIDDEN, "csrf", 0);
  post_form("csrf=tok12&x=1");
  expect_err(YC_EFORBIDDEN, "csrf", 0);
  post_form("csrf=tok1234&x=1");
  expect_err(YC_EFORBIDDEN, "csrf", 0);
  post_form("x=1");
  expect_err(YC_EFORBIDDEN, "csrf", 0);
  post_form("csrf=&x=1");
  expect_err(YC_EFORBIDDEN, "csrf", 0);
  gIn.zCsrf = 0;                                          /* a session without a token */
  post_form("csrf=tok123");
  expect_err(YC_EFORBIDDEN, "csrf", 0);
  gIn.zCsrf = "tok123"; gIn.zRole = "viewer";
  post_form("csrf=tok123");
  expect_err(YC_EFORBIDDEN, "forbidden", 0);
  gIn.bCsrf = 0;                                          /* no check asked: anyone */
  gIn.zUser = 0; gIn.zRole = 0; gIn.zCsrf = 0;
  post_form("csrf=wrong");
  expect_ok("csrf=wrong\n");
}

/* ---- query parameters, headers, cookies --------------------------------- */

static const char *const azKnown[] = {"q", "limit", "lang", 0};

/* params-1: known parameters pass and read back decoded. */
static void test_params_ok(void **st){
  (void)st;
  gIn.probe = P_PARAMS;
  gIn.azKnown = azKnown;
  gIn.azGet[0] = "q"; gIn.azGet[1] = "limit"; gIn.azGet[2] = "lang";
  get("/p?q=%E6%BF%9F%E5%8D%97+city&limit=5", "x-test: yes\r\nCookie: a=1; yc_session=abc.def\r\n");
  expect_ok("q=濟南 city\nlimit=5\nlang=(null)\nheader=yes\ncookie=abc.def");
  get("/p", 0);
  expect_ok("q=(null)\nlimit=(null)\nlang=(null)\nheader=(null)\ncookie=(null)");
  /* 1,000 bytes is the longest value. */
  char zT[1100];
  memcpy(zT, "/p?q=", 5);
  memset(zT + 5, 'x', 1000);
  zT[1005] = 0;
  get(zT, 0);
  assert_int_equal(gOut.st, YC_OK);
}

/* params-2: unknown, repeated, too long and non-UTF-8 parameters are
** refused, naming the parameter (never with invalid bytes in the name). */
static void test_params_bad(void **st){
  (void)st;
  gIn.probe = P_PARAMS;
  gIn.azKnown = azKnown;
  get("/p?q=a&colour=red", 0);
  expect_err(YC_EINVALID, "unknown_parameter", "colour");
  get("/p?q=a&q=b", 0);
  expect_err(YC_EINVALID, "repeated_parameter", "q");
  get("/p?q=%FF", 0);
  expect_err(YC_EINVALID, "invalid_utf8", "q");
  get("/p?%FF=1", 0);
  expect_err(YC_EINVALID, "invalid_utf8", "");
  char zT[1100];
  memcpy(zT, "/p?q=", 5);
  memset(zT + 5, 'x', 1001);
  zT[1006] = 0;
  get(zT, 0);
  expect_err(YC_EINVALID, "too_long", "q");
  gIn.azKnown = 0;                                        /* no parameters at all */
  get("/p?limit=1", 0);
  expect_err(YC_EINVALID, "unknown_parameter", "limit");
  get("/p", 0);
  assert_int_equal(gOut.st, YC_OK);
}

/* ---- JSON bodies -------------------------------------------------------- */

static void post_json(const char *zType, const char *zBody, size_t n){ gIn.probe = P_JSON; post(zType, zBody, n); }

/* json-1: an object, with or without a charset or any Content-Type. */
static void test_json_ok(void **st){
  (void)st;
  const char *z = "{\"city_id\": 2988507, \"kind\": \"sister\", \"label\": \"济南\"}";
  post_json("application/json", z, strlen(z));
  expect_ok("{\"city_id\":2988507,\"kind\":\"sister\",\"label\":\"济南\"}");
  post_json("application/json; charset=utf-8", "{}", 2);
  expect_ok("{}");
  post_json(0, "{\"a\":[1,2]}", 11);
  expect_ok("{\"a\":[1,2]}");
}

/* json-2: every bad body is refused with its own code. */
static void test_json_bad(void **st){
  (void)st;
  static const struct { const char *zType, *zBody, *zCode; } a[] = {
    {"text/plain", "{}", "wrong_content_type"},
    {"application/x-www-form-urlencoded", "{}", "wrong_content_type"},
    {"application/json", "", "empty_body"},
    {"application/json", "{\"a\":1", "malformed_json"},
    {"application/json", "{\"a\":1,}", "malformed_json"},
    {"application/json", "{\"a\":1,\"a\":2}", "malformed_json"},      /* duplicate keys */
    {"application/json", "{\"a\":\"x\\u0000y\"}", "malformed_json"},   /* NUL in a string */
    {"application/json", "{\"a\":\"\\ud800\"}", "malformed_json"},     /* lone surrogate */
    {"application/json", "{\"a\":1} {\"b\":2}", "malformed_json"},
    {"application/json", "[1,2]", "invalid_body"},                    /* JSON, not an object */
    {"application/json", "[]", "invalid_body"},
    {"application/json", "\"sister\"", "malformed_json"},            /* bare values are not JSON texts here */
    {"application/json", "null", "malformed_json"},
    {"application/json", "{\"a\":\"caf\xc3\xa9\xff\"}", "invalid_utf8"},
  };
  for(size_t i=0; i<sizeof a/sizeof a[0]; i++){
    post_json(a[i].zType, a[i].zBody, strlen(a[i].zBody));
    if( gOut.st!=YC_EINVALID || strcmp(gOut.e.zCode, a[i].zCode)!=0 )
      fail_msg("case %zu (%s): status %d code %s, expected %s", i, a[i].zBody, gOut.st, gOut.e.zCode, a[i].zCode);
    assert_string_equal(buf_str(&gOut.out), "(null)");
  }
  post_json("application/json", "{\"a\":", 5);
  assert_int_equal(strncmp(gOut.e.zMsg, "malformed JSON at line 1 column ", 32), 0);
  gIn.bTooLarge = 1;
  post_json("application/json", "{}", 2);
  expect_err(YC_ETOOLARGE, "body_too_large", 0);
}

/* ---- ui_url_with -------------------------------------------------------- */

/* url-1: the current path and query with one parameter set, replaced or
** removed; everything re-encoded, parameters with invalid UTF-8 dropped. */
static void test_url_with(void **st){
  (void)st;
  gIn.probe = P_URL_WITH;
  gIn.zKey = "lang"; gIn.zVal = "en";
  get("/partners?kind=sister&lang=zh", 0);
  expect_ok("/partners?kind=sister&lang=en");
  get("/partners", 0);
  expect_ok("/partners?lang=en");
  get("/partners?q=%E6%B5%8E%E5%8D%97+a%26b", 0);
  expect_ok("/partners?q=%E6%B5%8E%E5%8D%97%20a%26b&lang=en");
  get("/partners?q=%FF&kind=x", 0);
  expect_ok("/partners?kind=x&lang=en");
  gIn.zVal = 0;
  get("/partners?lang=zh&kind=sister", 0);
  expect_ok("/partners?kind=sister");
  get("/partners?lang=zh", 0);
  expect_ok("/partners");
  gIn.zKey = "cursor"; gIn.zVal = "a b&c";
  get("/orgs", 0);
  expect_ok("/orgs?cursor=a%20b%26c");
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup(test_form_decode, reset_input),
    cmocka_unit_test_setup(test_form_trim, reset_input),
    cmocka_unit_test_setup(test_form_long, reset_input),
    cmocka_unit_test_setup(test_form_fields, reset_input),
    cmocka_unit_test_setup(test_form_utf8, reset_input),
    cmocka_unit_test_setup(test_form_type, reset_input),
    cmocka_unit_test_setup(test_form_csrf, reset_input),
    cmocka_unit_test_setup(test_params_ok, reset_input),
    cmocka_unit_test_setup(test_params_bad, reset_input),
    cmocka_unit_test_setup(test_json_ok, reset_input),
    cmocka_unit_test_setup(test_json_bad, reset_input),
    cmocka_unit_test_setup(test_url_with, reset_input),
  };
  return cmocka_run_group_tests_name("form", tests, start_daemon, stop_daemon);
}

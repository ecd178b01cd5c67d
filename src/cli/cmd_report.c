/*
** COMMAND: report
** cmd_report.c: `youcheng report --year Y`: the annual report (core/report.h)
** as standalone HTML (the page's sections with the stylesheet inline and
** the charts as CSS bars: no server, no script), as PDF (that HTML printed
** by Debian's Chromium headless, --print-to-pdf), as an XLSX workbook
** (libxlsxwriter, one sheet per section) or as the JSON of the API. The
** operator who holds the database file counts every record (signed in).
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "cli/cli.h"
#include "cli/cmd_report.h"
#include "base/json.h"
#include "core/report.h"
#include "web/ui_report.h"

/* The Chromium binary: $YC_CHROMIUM, else /usr/bin/chromium (as the
** browser tests find it); 0 when not executable. */
static const char *chromium_path(void){
  const char *z = getenv("YC_CHROMIUM");
  if( !z || !*z ) z = "/usr/bin/chromium";
  return access(z, X_OK)==0 ? z : 0;
}

static int write_file(const char *zPath, const char *z, size_t n){
  FILE *f = strcmp(zPath, "-")==0 ? stdout : fopen(zPath, "wb");
  if( !f ){ fprintf(stderr, "youcheng: cannot write %s: %s\n", zPath, strerror(errno)); return 1; }
  int bOk = fwrite(z, 1, n, f)==n;
  if( f!=stdout ) bOk = (fclose(f)==0) && bOk;
  else fflush(stdout);
  if( !bOk ){ fprintf(stderr, "youcheng: cannot write %s\n", zPath); return 1; }
  return 0;
}

/* Print the HTML file zHtml to the PDF zOut with Chromium headless. */
static int html_to_pdf(const char *zHtml, const char *zOut){
  const char *zChrome = chromium_path();
  if( !zChrome ){
    fprintf(stderr, "youcheng: report --format pdf needs Chromium (Debian package chromium, /usr/bin/chromium,"
                    " or set YC_CHROMIUM to its path); not found\n");
    return 1;
  }
  char zProfile[] = "/tmp/yc-report-chromium-XXXXXX";
  if( !mkdtemp(zProfile) ){ fprintf(stderr, "youcheng: cannot make a temporary directory\n"); return 1; }
  char zUrl[4200], zPdfArg[4200], zProfileArg[200];
  snprintf(zUrl, sizeof zUrl, "file://%s", zHtml);
  snprintf(zPdfArg, sizeof zPdfArg, "--print-to-pdf=%s", zOut);
  snprintf(zProfileArg, sizeof zProfileArg, "--user-data-dir=%s", zProfile);
  unlink(zOut);
  pid_t pid = fork();
  if( pid<0 ){ fprintf(stderr, "youcheng: cannot start %s\n", zChrome); rmdir(zProfile); return 1; }
  if( pid==0 ){
    /* Chromium talks on stderr even when all is well: its log is shown on failure only. */
    char zLog[300];
    snprintf(zLog, sizeof zLog, "%s/chromium.log", zProfile);
    FILE *f = freopen("/dev/null", "w", stdout);
    f = freopen(zLog, "w", stderr);
    (void)f;
    char *azArgv[] = {(char*)zChrome, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                      "--disable-background-networking", "--disable-component-update", "--disable-sync",
                      "--no-pdf-header-footer", zProfileArg, zPdfArg, zUrl, 0};
    execv(zChrome, azArgv);
    _exit(127);
  }
  int status = 0;
  while( waitpid(pid, &status, 0)<0 && errno==EINTR ){}
  FILE *f = fopen(zOut, "rb");
  char aHead[5] = {0};
  int bPdf = f && fread(aHead, 1, 4, f)==4 && memcmp(aHead, "%PDF", 4)==0;
  if( f ) fclose(f);
  int bOk = WIFEXITED(status) && WEXITSTATUS(status)==0 && bPdf;
  char zCmd[400];
  if( !bOk ){
    fprintf(stderr, "youcheng: %s did not print %s (exit %d); its log:\n", zChrome, zOut,
            WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    snprintf(zCmd, sizeof zCmd, "tail -n 20 '%s/chromium.log' >&2", zProfile);
    if( system(zCmd)!=0 ) fprintf(stderr, "(no log)\n");
  }
  snprintf(zCmd, sizeof zCmd, "rm -rf '%s'", zProfile);    /* our own mkdtemp directory */
  if( system(zCmd)!=0 ) fprintf(stderr, "youcheng: could not remove %s\n", zProfile);
  return bOk ? 0 : 1;
}

int cmd_report(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  const char *zYear = cli_opt(&argc, argv, "year");
  const char *zFormat = cli_opt(&argc, argv, "format");
  const char *zOut = cli_opt(&argc, argv, "out");
  const char *zLang = cli_opt(&argc, argv, "lang");
  int rc = cli_leftover(argc, argv, 0, "report");
  if( rc ) return rc;
  if( !zFormat ) zFormat = "html";
  if( strcmp(zFormat, "html") && strcmp(zFormat, "pdf") && strcmp(zFormat, "xlsx") && strcmp(zFormat, "json") ){
    fprintf(stderr, "youcheng report: --format must be html, pdf, xlsx or json\n");
    return 2;
  }
  if( zLang && strcmp(zLang, "zh") && strcmp(zLang, "en") ){
    fprintf(stderr, "youcheng report: --lang must be zh or en\n");
    return 2;
  }
  if( !zYear ){ fprintf(stderr, "youcheng report: --year YYYY is required\n"); return 2; }
  if( (strcmp(zFormat, "pdf")==0 || strcmp(zFormat, "xlsx")==0) && (!zOut || strcmp(zOut, "-")==0) ){
    fprintf(stderr, "youcheng report: --format %s needs --out FILE\n", zFormat);
    return 2;
  }
  Err e;
  int y = 0;
  if( report_parse_year(zYear, &y, &e) ) return cli_fail(&e);
  Ctx c;
  if( (rc = cli_open(zDb, &c)) ) return rc;
  json_t *rep = 0;
  YcStatus st = report_year(&c, y, &rep, &e);
  if( st ){ cli_close(&c); return cli_fail(&e); }
  Req r;
  memset(&r, 0, sizeof r);
  r.ctx = c;
  r.zLang = zLang ? zLang : "zh";
  if( strcmp(zFormat, "json")==0 ){
    if( zOut && strcmp(zOut, "-") ){
      char *z = json_text(rep, JSON_INDENT(2));
      rc = z ? write_file(zOut, z, strlen(z)) : 1;
      free(z);
    }else{
      cli_print_json(rep);
    }
  }else if( strcmp(zFormat, "xlsx")==0 ){
    if( report_xlsx(&r, rep, zOut, &e) ) rc = cli_fail(&e);
  }else{
    Buf b = BUF_INIT;
    report_standalone_html(&r, rep, &b);
    if( strcmp(zFormat, "html")==0 ){
      rc = write_file(zOut ? zOut : "-", buf_str(&b), b.n);
    }else{
      char zHtml[] = "/tmp/yc-report-XXXXXX.html";
      int fd = mkstemps(zHtml, 5);
      if( fd<0 ){ fprintf(stderr, "youcheng: cannot make a temporary file\n"); rc = 1; }
      else{
        close(fd);
        rc = write_file(zHtml, buf_str(&b), b.n);
        if( !rc ){
          /* Chromium needs an absolute output path. */
          char zAbs[4096];
          if( zOut[0]=='/' ) snprintf(zAbs, sizeof zAbs, "%s", zOut);
          else{
            char zCwd[3000];
            if( !getcwd(zCwd, sizeof zCwd) ) zCwd[0] = 0;
            snprintf(zAbs, sizeof zAbs, "%s/%s", zCwd, zOut);
          }
          rc = html_to_pdf(zHtml, zAbs);
        }
        unlink(zHtml);
      }
    }
    buf_free(&b);
  }
  arena_free(&r.arena);
  json_decref(rep);
  cli_close(&c);
  return rc;
}

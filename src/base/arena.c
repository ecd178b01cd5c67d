/* arena.c: bump allocator; see arena.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/arena.h"

struct ArenaBlock {
  ArenaBlock *pNext;
  size_t nUsed, nSize;
  _Alignas(16) unsigned char a[];
};

void *arena_alloc(Arena *a, size_t n){
  n = (n + 15) & ~(size_t)15;
  ArenaBlock *b = a->pHead;
  if( !b || b->nUsed + n > b->nSize ){
    size_t nSize = n > 8192 ? n : 8192;
    b = malloc(sizeof(ArenaBlock) + nSize);
    if( !b ) return 0;
    b->nUsed = 0;
    b->nSize = nSize;
    b->pNext = a->pHead;
    a->pHead = b;
  }
  void *p = b->a + b->nUsed;
  b->nUsed += n;
  memset(p, 0, n);
  return p;
}

char *arena_strndup(Arena *a, const char *z, size_t n){
  if( !z ) return 0;
  char *r = arena_alloc(a, n + 1);
  if( r ){ memcpy(r, z, n); r[n] = 0; }
  return r;
}

char *arena_strdup(Arena *a, const char *z){
  return z ? arena_strndup(a, z, strlen(z)) : 0;
}

char *arena_printf(Arena *a, const char *zFmt, ...){
  va_list ap, ap2;
  va_start(ap, zFmt);
  va_copy(ap2, ap);
  int n = vsnprintf(0, 0, zFmt, ap);
  va_end(ap);
  char *r = n>=0 ? arena_alloc(a, (size_t)n + 1) : 0;
  if( r ) vsnprintf(r, (size_t)n + 1, zFmt, ap2);
  va_end(ap2);
  return r;
}

void arena_free(Arena *a){
  ArenaBlock *b = a->pHead;
  while( b ){ ArenaBlock *n = b->pNext; free(b); b = n; }
  a->pHead = 0;
}

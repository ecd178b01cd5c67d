/*
** arena.h: a per-request bump allocator. Everything allocated from an
** Arena is freed at once by arena_free(); a server request owns one arena
** and frees it when the response is queued, so it cannot leak.
*/
#ifndef YC_ARENA_H
#define YC_ARENA_H
#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;
typedef struct Arena { ArenaBlock *pHead; } Arena;

void *arena_alloc(Arena *a, size_t n);           /* zeroed; 0 on OOM */
char *arena_strdup(Arena *a, const char *z);     /* 0 if z is 0 */
char *arena_strndup(Arena *a, const char *z, size_t n);
char *arena_printf(Arena *a, const char *zFmt, ...) __attribute__((format(printf,2,3)));
void arena_free(Arena *a);

#endif

/* tie_vocab.c: see tie_vocab.h. */
#include "core/tie_vocab.h"

const char *const azTieKind[] = {"sister", "cooperation", "candidate", 0};
const char *const azTieStatus[] = {"proposed", "negotiating", "active", "unverified", "suspended", "ended", 0};

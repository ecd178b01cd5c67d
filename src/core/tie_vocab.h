/*
** tie_vocab.h: the vocabulary of partner ties, shared by the registry
** (partner.c), the layout, the statistics and the match index, which count
** or weigh ties by position in these lists.
*/
#ifndef YC_TIE_VOCAB_H
#define YC_TIE_VOCAB_H

#define TIE_NKIND 3
#define TIE_NSTATUS 6

/* sister, cooperation, candidate. */
extern const char *const azTieKind[];
/* proposed, negotiating, active, unverified (a list names the tie, no
** official source confirms it), suspended, ended. */
extern const char *const azTieStatus[];

#endif

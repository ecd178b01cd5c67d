/*
** zhname.h: which of a place's Chinese (Han-script) names to show.
**
** GeoNames lists a place's names in every language without saying which is
** which: Moscow has 莫斯科; Jinan has 济南, 济南市, 済南 (Japanese), 濟南
** (Traditional) and 濟南市; Sacramento only the Taiwanese 沙加緬度. A name is
** Simplified Chinese when OpenCC t2s leaves it unchanged and it is
** encodable in GB2312 (iconv); 済南 fails the second test, 濟南 the first.
*/
#ifndef YC_ZHNAME_H
#define YC_ZHNAME_H

/* How Simplified z is: 2 unchanged by t2s and encodable in GB2312, 1
** unchanged by t2s only, 0 changed by t2s (Traditional), -1 on error. */
int zh_simplified_level(const char *z);

/* The name to show among the n Han-script names az[] of one place:
**   1. the most names folding to the same Simplified text (text_fold): a
**      common name is written several ways (济南 濟南 済南), a
**      transliteration usually once;
**   2. then the more Simplified (zh_simplified_level);
**   3. then the fewest characters once folded, then GeoNames' order.
** A Traditional winner is shown in its t2s form when that is Simplified
** (level 2): 沙加緬度 -> 沙加缅度. azFold, if not 0, holds the names'
** text_fold() (any of them 0: computed here). Returns malloc'd UTF-8, 0
** when n is 0 or on error. */
char *zh_name_choose(const char *const *az, const char *const *azFold, int n);

#endif

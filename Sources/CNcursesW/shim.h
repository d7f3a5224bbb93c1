#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H
/* SwiftPM drops pkg-config's -D flags, so enable the wide-character API here (anchors §2.2 #1). */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <wchar.h>
#include <stdio.h>
#include <ncursesw/curses.h>

/* Macros and mutable globals that Swift cannot import or should not touch (anchors §2.2 #2, #3). */
static inline WINDOW *cnc_stdscr(void) { return stdscr; }
static inline int cnc_getmaxy(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)x; return y; }
static inline int cnc_getmaxx(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)y; return x; }
static inline attr_t cnc_a_normal(void)    { return A_NORMAL; }
static inline attr_t cnc_a_bold(void)      { return A_BOLD; }
static inline attr_t cnc_a_reverse(void)   { return A_REVERSE; }
static inline attr_t cnc_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cnc_a_dim(void)       { return A_DIM; }
static inline attr_t cnc_color_pair(short n) { return (attr_t)COLOR_PAIR(n); }
static inline int cnc_key_f(int n) { return KEY_F(n); }
static inline int cnc_colors(void) { return COLORS; }
static inline int cnc_key_code_yes(void) { return KEY_CODE_YES; }
extern int wcwidth(wchar_t c);   /* glibc hides it without _XOPEN_SOURCE (anchors §2.2 #6) */
static inline int cnc_wcwidth(unsigned int cp) { return wcwidth((wchar_t)cp); }
#endif

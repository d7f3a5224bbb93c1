#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H
/* SwiftPM drops pkg-config's -D flags, so enable the wide-character API here. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <wchar.h>
#include <stdio.h>
#include <ncursesw/curses.h>

/* Macros and mutable globals that Swift cannot import or should not touch. */
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
extern int wcwidth(wchar_t c);   /* glibc hides it without _XOPEN_SOURCE */
static inline int cnc_wcwidth(unsigned int cp) { return wcwidth((wchar_t)cp); }
/* Added for MaracTerminal. */
#include <signal.h>
#include <langinfo.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
extern int tputs(const char *str, int affcnt, int (*putc)(int));   /* term.h, whose macros are not wanted here */
static inline WINDOW *cnc_curscr(void) { return curscr; }
static inline FILE *cnc_stdin(void) { return stdin; }
static inline FILE *cnc_stdout(void) { return stdout; }
static inline int cnc_ok(void) { return OK; }
static inline int cnc_err(void) { return ERR; }
/* True when the current LC_CTYPE encodes characters as UTF-8 (wide output needs it). */
static inline int cnc_locale_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* Signal hygiene (docs/DECISIONS.md, section "s3-11paste: signals"). Two kinds of signal:
   - a request to stop (SIGTERM, SIGHUP, SIGINT from outside: raw mode makes Ctrl-C a key): the
     handler only records the signal in a flag; the event loop sees it at its next wait (at most a
     tick), ends the run, and the ordinary way out restores the terminal (bracketed paste off,
     endwin), closes the journal and ends the process with the same signal;
   - a fault or SIGQUIT, or a second stop request while the first is pending: the process must end
     now. The handler writes bytes prepared when the terminal started (bracketed paste off, the
     terminal's sgr0, cnorm, rmkx and rmcup) with write(2), puts the shell's terminal modes back with
     tcsetattr, reinstates whatever handler was there before (SIG_DFL, or Swift's crash backtracer,
     which can then print to a restored terminal) and raises the signal again.
   Only async-signal-safe calls happen in a handler: write, tcsetattr, sigaction, signal, raise.
   Only MaracTerminal includes this header, so there is one copy of each function-local static
   (Swift's importer emits those with their functions; a file-scope static is not emitted). */
static inline struct sigaction *cnc_saved_actions(void) {
    static struct sigaction saved[NSIG];
    return saved;
}
static inline volatile sig_atomic_t *cnc_stop_request(void) {
    static volatile sig_atomic_t requested;
    return &requested;
}
/* The signal that asked the run to stop, or 0. */
static inline int cnc_stop_requested(void) { return (int)*cnc_stop_request(); }
static inline void cnc_clear_stop_request(void) { *cnc_stop_request() = 0; }

typedef struct { char bytes[1024]; int length; int haveModes; struct termios shellModes; } cnc_emergency_t;
static inline cnc_emergency_t *cnc_emergency(void) {
    static cnc_emergency_t emergency;
    return &emergency;
}
static inline void cnc_emergency_append(const char *text, size_t n) {
    cnc_emergency_t *e = cnc_emergency();
    if (e->length < 0 || (size_t)e->length + n > sizeof e->bytes) return;
    memcpy(e->bytes + e->length, text, n);
    e->length += (int)n;
}
static inline int cnc_emergency_collect(int ch) {
    char c = (char)ch;
    cnc_emergency_append(&c, 1);
    return ch;
}
/* Before newterm: the terminal modes the shell had, to put back in an emergency. */
static inline void cnc_save_shell_modes(void) {
    cnc_emergency_t *e = cnc_emergency();
    e->haveModes = tcgetattr(STDIN_FILENO, &e->shellModes) == 0;
}
/* After newterm: the bytes that undo what marac did to the screen, with padding as tputs sends it. */
static inline void cnc_prepare_emergency_restore(void) {
    static const char *caps[] = { "sgr0", "cnorm", "rmkx", "rmcup" };
    cnc_emergency_t *e = cnc_emergency();
    e->length = 0;
    cnc_emergency_append("\033[?2004l", 8);
    for (size_t i = 0; i < sizeof caps / sizeof caps[0]; ++i) {
        char *cap = tigetstr(caps[i]);
        if (cap != NULL && cap != (char *)-1) tputs(cap, 1, cnc_emergency_collect);
    }
}
/* After endwin: nothing left to undo in an emergency. */
static inline void cnc_forget_emergency_restore(void) {
    cnc_emergency()->length = 0;
    cnc_emergency()->haveModes = 0;
}
static inline void cnc_restore_and_reraise(int sig) {
    cnc_emergency_t *e = cnc_emergency();
    if (e->length > 0) { ssize_t written = write(STDOUT_FILENO, e->bytes, (size_t)e->length); (void)written; }
    if (e->haveModes) tcsetattr(STDIN_FILENO, TCSANOW, &e->shellModes);
    if (sig > 0 && sig < NSIG) sigaction(sig, &cnc_saved_actions()[sig], NULL);
    raise(sig);
    /* Still here: the previous handler returned (Swift's backtracer does, for SIGQUIT) or the
       signal was a fault that will simply recur. Either way the process must end now. */
    signal(sig, SIG_DFL);
    raise(sig);
}
static inline void cnc_request_stop(int sig) {
    if (*cnc_stop_request() == 0) { *cnc_stop_request() = sig; return; }
    cnc_restore_and_reraise(sig);   /* asked twice: the loop is not answering, so end now */
}
/* Installs a handler for `sig` (a stop request when `stops` is 1, else the emergency restore),
   remembering the previous action. Returns 0 on success, 1 when the signal is ignored (nohup:
   leave it ignored), -1 on error. */
static inline int cnc_install_restore_handler(int sig, int stops) {
    if (sig <= 0 || sig >= NSIG) return -1;
    struct sigaction current;
    if (sigaction(sig, NULL, &current) != 0) return -1;
    if (current.sa_handler == SIG_IGN) return 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = stops ? cnc_request_stop : cnc_restore_and_reraise;
    sigemptyset(&sa.sa_mask);
    /* NODEFER: the raise inside the handler is delivered at once to the reinstated action.
       RESTART: a stop request must not make an unrelated system call fail with EINTR. */
    sa.sa_flags = SA_NODEFER | SA_RESTART;
    return sigaction(sig, &sa, &cnc_saved_actions()[sig]);
}
/* Puts back the action that was in place before cnc_install_restore_handler. */
static inline int cnc_reinstate_handler(int sig) {
    if (sig <= 0 || sig >= NSIG) return -1;
    return sigaction(sig, &cnc_saved_actions()[sig], NULL);
}
/* Fills a cchar_t from up to CCHARW_MAX code points (a base character and its combining marks). */
static inline int cnc_setcchar(cchar_t *cc, const wchar_t *wch, attr_t attrs, short pair) {
    return setcchar(cc, wch, attrs, pair, NULL);
}
static inline int cnc_ccharw_max(void) { return CCHARW_MAX; }
/* Fills a cchar_t with a whole grapheme cluster of up to CCHARW_MAX code points, spacing ones
   included (a skin-tone modifier, the emoji after a ZWJ). setcchar keeps only the non-spacing
   marks after the first character; ncurses still stores and sends every code point of the cell,
   and measures the cell by its first character. */
/* Draws one of the terminal's line-drawing characters (ACS, by its VT100 letter: 'x' vertical,
   'q' horizontal, 'l' 'k' 'm' 'j' corners ...) with attributes and a colour pair. ncurses falls
   back to '|', '-', '+' where the terminal has none. */
static inline int cnc_add_acs(WINDOW *w, int y, int x, char letter, attr_t attrs, short pair) {
    chtype ch = NCURSES_ACS((unsigned char)letter) | (chtype)(attrs & ~A_COLOR) | (chtype)COLOR_PAIR(pair);
    return mvwaddch(w, y, x, ch);
}
static inline int cnc_setcchar_cluster(cchar_t *cc, const wchar_t *wch, int count, attr_t attrs, short pair) {
    if (count < 1) return ERR;
    wchar_t first[2] = { wch[0], 0 };
    if (setcchar(cc, first, attrs, pair, NULL) != OK) return ERR;
    for (int i = 1; i < count && i < CCHARW_MAX; ++i) cc->chars[i] = wch[i];
    return OK;
}
#endif

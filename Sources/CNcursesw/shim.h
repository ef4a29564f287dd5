#ifndef CLERK_CNCURSESW_SHIM_H
#define CLERK_CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/*
 * Accessors for ncurses macros and C globals. Swift does not import function-like macros
 * (A_BOLD, COLOR_PAIR, KEY_F, getmaxyx) and treats mutable C globals (stdscr, COLORS) as
 * errors under strict concurrency, so TerminalKit reads them through these functions.
 */

/* Return codes and key codes. */
static inline int clerk_err(void) { return ERR; }
static inline int clerk_ok(void) { return OK; }
static inline int clerk_key_code_yes(void) { return KEY_CODE_YES; }
static inline int clerk_key_f(int n) { return KEY_F(n); }
static inline int clerk_key_up(void) { return KEY_UP; }
static inline int clerk_key_down(void) { return KEY_DOWN; }
static inline int clerk_key_left(void) { return KEY_LEFT; }
static inline int clerk_key_right(void) { return KEY_RIGHT; }
static inline int clerk_key_home(void) { return KEY_HOME; }
static inline int clerk_key_end(void) { return KEY_END; }
static inline int clerk_key_ppage(void) { return KEY_PPAGE; }
static inline int clerk_key_npage(void) { return KEY_NPAGE; }
static inline int clerk_key_ic(void) { return KEY_IC; }
static inline int clerk_key_dc(void) { return KEY_DC; }
static inline int clerk_key_btab(void) { return KEY_BTAB; }
static inline int clerk_key_enter(void) { return KEY_ENTER; }
static inline int clerk_key_backspace(void) { return KEY_BACKSPACE; }
static inline int clerk_key_resize(void) { return KEY_RESIZE; }
static inline int clerk_key_sleft(void) { return KEY_SLEFT; }
static inline int clerk_key_sright(void) { return KEY_SRIGHT; }
static inline int clerk_key_shome(void) { return KEY_SHOME; }
static inline int clerk_key_send(void) { return KEY_SEND; }
static inline int clerk_key_sdc(void) { return KEY_SDC; }
static inline int clerk_key_a1(void) { return KEY_A1; }
static inline int clerk_key_a3(void) { return KEY_A3; }
static inline int clerk_key_b2(void) { return KEY_B2; }
static inline int clerk_key_c1(void) { return KEY_C1; }
static inline int clerk_key_c3(void) { return KEY_C3; }

/* Attributes. */
static inline attr_t clerk_a_normal(void) { return A_NORMAL; }
static inline attr_t clerk_a_bold(void) { return A_BOLD; }
static inline attr_t clerk_a_dim(void) { return A_DIM; }
static inline attr_t clerk_a_reverse(void) { return A_REVERSE; }
static inline attr_t clerk_a_underline(void) { return A_UNDERLINE; }

/* Globals. */
static inline WINDOW *clerk_stdscr(void) { return stdscr; }
static inline int clerk_colors(void) { return COLORS; }
static inline int clerk_color_pairs(void) { return COLOR_PAIRS; }
static inline int clerk_ccharw_max(void) { return CCHARW_MAX; }

/* Window geometry (the real functions exist, but the macros of the same name shadow them). */
static inline int clerk_getmaxy(const WINDOW *w) { return getmaxy(w); }
static inline int clerk_getmaxx(const WINDOW *w) { return getmaxx(w); }
static inline int clerk_getcurx(const WINDOW *w) { return getcurx(w); }

/* Whether the C library's current LC_CTYPE uses UTF-8. */
static inline int clerk_codeset_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

/*
 * A write-only stdio stream over a file descriptor that counts the bytes it writes, so the
 * backend can report bytes per keystroke. glibc's fopencookie is a GNU extension the Swift
 * Glibc module does not expose, so it is declared here (macOS uses funopen).
 */
typedef struct {
    int fd;
    unsigned long long bytes;
} clerk_counting_sink;

static inline ssize_t clerk_counting_sink_write_all(clerk_counting_sink *sink, const char *buf, size_t size) {
    size_t done = 0;
    while (done < size) {
        ssize_t n = write(sink->fd, buf + done, size - done);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            break;
        }
        done += (size_t)n;
    }
    sink->bytes += done;
    if (done == 0 && size > 0) {
        return -1;
    }
    return (ssize_t)done;
}

#if defined(__APPLE__)
static inline int clerk_counting_funopen_write(void *cookie, const char *buf, int size) {
    return (int)clerk_counting_sink_write_all((clerk_counting_sink *)cookie, buf, (size_t)size);
}
static inline FILE *clerk_open_counting_stream(clerk_counting_sink *sink) {
    FILE *stream = funopen(sink, NULL, clerk_counting_funopen_write, NULL, NULL);
    if (stream != NULL) {
        setvbuf(stream, NULL, _IOFBF, 1 << 16);
    }
    return stream;
}
#else
#if !defined(__USE_GNU)
typedef struct {
    ssize_t (*read)(void *, char *, size_t);
    ssize_t (*write)(void *, const char *, size_t);
    int (*seek)(void *, long long *, int);
    int (*close)(void *);
} cookie_io_functions_t;
extern FILE *fopencookie(void *cookie, const char *mode, cookie_io_functions_t io_funcs);
#endif
static inline ssize_t clerk_counting_cookie_write(void *cookie, const char *buf, size_t size) {
    return clerk_counting_sink_write_all((clerk_counting_sink *)cookie, buf, size);
}
static inline FILE *clerk_open_counting_stream(clerk_counting_sink *sink) {
    cookie_io_functions_t io;
    memset(&io, 0, sizeof io);
    io.write = clerk_counting_cookie_write;
    FILE *stream = fopencookie(sink, "w", io);
    if (stream != NULL) {
        setvbuf(stream, NULL, _IOFBF, 1 << 16);
    }
    return stream;
}
#endif

/* Writes raw bytes (e.g. the bracketed-paste switch) through the counted stream. */
static inline void clerk_stream_write(FILE *stream, const char *text) {
    fputs(text, stream);
    fflush(stream);
}

#endif

#ifndef CLERK_CNCURSESW_SHIM_H
#define CLERK_CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
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
 * Bytes this thread has written so far (the "wchar" line of /proc/thread-self/io), or -1
 * where that is not available. ncurses (6.1 and later) writes its output buffer straight to
 * the terminal's file descriptor with write(2), so a counting stdio stream would not see
 * it; the difference of this counter around each ncurses call on the loop thread is exactly
 * what that call wrote to the terminal.
 */
static inline long long clerk_thread_bytes_written(void) {
#if defined(__linux__)
    int fd = open("/proc/thread-self/io", O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return -1;
    }
    char buf[512];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) {
        return -1;
    }
    buf[n] = 0;
    const char *line = strstr(buf, "wchar:");
    if (line == NULL) {
        return -1;
    }
    return strtoll(line + 6, NULL, 10);
#else
    return -1;
#endif
}

/*
 * Self-pipe signal handling. The handler is async-signal-safe: it only calls write(2) with
 * one byte (the signal number) and restores errno. Everything else (endwin, exit) happens
 * on an ordinary thread that reads the pipe. Only TerminalSignalHandler.swift calls these,
 * so the static variable below has a single copy.
 */
static int clerk_signal_pipe_fd = -1;

static inline void clerk_signal_to_pipe(int signo) {
    int saved = errno;
    unsigned char byte = (unsigned char)signo;
    if (clerk_signal_pipe_fd >= 0) {
        ssize_t ignored = write(clerk_signal_pipe_fd, &byte, 1);
        (void)ignored;
    }
    errno = saved;
}

/* Routes `signo` to the pipe whose write end is `write_fd`. */
static inline int clerk_route_signal_to_pipe(int signo, int write_fd) {
    clerk_signal_pipe_fd = write_fd;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = clerk_signal_to_pipe;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return sigaction(signo, &action, NULL);
}

/* Gives `signo` its default action back. */
static inline int clerk_default_signal(int signo) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    return sigaction(signo, &action, NULL);
}

/* Writes raw bytes (e.g. the bracketed-paste switch) through the counted stream. */
static inline void clerk_stream_write(FILE *stream, const char *text) {
    fputs(text, stream);
    fflush(stream);
}

#endif

#ifndef CSBS_CREADLINE_SHIM_H
#define CSBS_CREADLINE_SHIM_H
// readline's headers use FILE without including stdio.h themselves.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <readline/readline.h>
#include <readline/history.h>

// Strict concurrency rejects touching readline's mutable globals from Swift; these accessors keep the
// exception narrow. readline is a process-wide singleton: every call happens on the one thread that reads.

/// The word-break characters for completion; must match `Completer.wordBreakCharacters` in Swift.
#define CSBS_RL_WORD_BREAKS " \t\n;{}()=,"

/// One-time set-up: application name `csbs` (for `$if csbs` in ~/.inputrc), no signal handlers of
/// readline's own (csbs routes SIGINT, SIGWINCH and SIGCONT itself: in callback mode readline would notice a
/// resize only at the next key), csbs's word breaks. When standard output is not a terminal (`csbs > out.txt`,
/// `csbs | tee log`) the prompt and line editing go to standard error, so that the file gets only results.
/// The strings are C literals, so readline may keep the pointers.
static inline void csbs_rl_configure(void) {
    rl_readline_name = "csbs";
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    rl_completer_word_break_characters = (char *)CSBS_RL_WORD_BREAKS;
    // Inside an open string the word starts after its quote, spaces and all (`source "my dir/fi`).
    rl_completer_quote_characters = "\"";
    if (!isatty(STDOUT_FILENO) && isatty(STDERR_FILENO)) rl_outstream = stderr;
}

/// Whether the prompt and echo go to standard error (standard output is redirected).
static inline int csbs_rl_output_is_stderr(void) { return rl_outstream == stderr; }

/// The window changed size: readline reads the new size and redraws the line.
static inline void csbs_rl_resize(void) { rl_resize_terminal(); }

/// Back from a stop (Ctrl-Z, then `fg`): the terminal may have been reset to line mode while stopped; put it
/// back in readline's mode and redraw the prompt and the typed line.
static inline void csbs_rl_resume(void) {
    // readline believes the terminal is still prepared: undo its record first, then prepare it afresh.
    if (rl_deprep_term_function) (*rl_deprep_term_function)();
    if (rl_prep_term_function) (*rl_prep_term_function)(1);
    fputs("\r", rl_outstream ? rl_outstream : stdout);
    rl_forced_update_display();
}

/// The function readline asks for completions of the word at point.
static inline void csbs_rl_set_attempted_completion(rl_completion_func_t *function) {
    rl_attempted_completion_function = function;
}

/// 1 = never fall back to readline's own file-name completion.
static inline void csbs_rl_set_attempted_completion_over(int value) { rl_attempted_completion_over = value; }

/// The character appended after a unique completion (a space, or 0 for none). readline never closes an open
/// quote itself: the candidates carry their closing quote where one belongs (not after a directory).
static inline void csbs_rl_set_completion_append_character(int value) {
    rl_completion_append_character = value;
    rl_completion_suppress_quote = 1;
}

/// The function that lists the candidates on a second Tab (NULL: readline's own listing).
static inline void csbs_rl_set_display_matches_hook(rl_compdisp_func_t *function) {
    rl_completion_display_matches_hook = function;
}

/// The line being edited and the cursor position in it (bytes).
static inline const char *csbs_rl_line_buffer(void) { return rl_line_buffer; }
static inline int csbs_rl_point(void) { return rl_point; }

/// Forgets the partly typed line (after Ctrl-C) and restores the terminal.
static inline void csbs_rl_abandon_line(void) {
    rl_replace_line("", 0);
    rl_point = 0;
    rl_end = 0;
    rl_callback_sigcleanup();
    rl_callback_handler_remove();
}

/// Ensures the terminal is back in its normal mode (no-op when readline is not active).
static inline void csbs_rl_restore_terminal(void) { rl_callback_handler_remove(); }

#endif

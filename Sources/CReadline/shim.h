#ifndef CSBS_CREADLINE_SHIM_H
#define CSBS_CREADLINE_SHIM_H
// readline's headers use FILE without including stdio.h themselves.
#include <stdio.h>
#include <stdlib.h>
#include <readline/readline.h>
#include <readline/history.h>

/// Strict concurrency rejects touching readline's mutable globals from Swift; these setters keep it narrow.
static inline void csbs_rl_set_readline_name(const char *name) { rl_readline_name = name; }
#endif

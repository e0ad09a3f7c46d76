#ifndef CSBS_CMALLOC_SHIM_H
#define CSBS_CMALLOC_SHIM_H
// glibc's malloc tuning (`mallopt` and its `M_…` options), which the Swift Glibc module leaves out; empty where
// there is no <malloc.h> (macOS keeps it elsewhere, and csbs tunes nothing there).
#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#endif

#ifndef CDN_REFRESH_CMALLOC_SHIM_H
#define CDN_REFRESH_CMALLOC_SHIM_H

#if defined(__GLIBC__) || (defined(__has_include) && __has_include(<malloc.h>) && defined(__linux__))
#include <malloc.h>
#endif

/// Makes blocks of `size` bytes and more get their own mapping, returned to the system when freed (glibc's
/// M_MMAP_THRESHOLD, which also stops glibc from raising the threshold by itself). Returns 1 when applied, 0 where
/// the C library has no such setting.
static inline int cmalloc_map_blocks_from(int size) {
#if defined(M_MMAP_THRESHOLD)
    return mallopt(M_MMAP_THRESHOLD, size);
#else
    (void)size;
    return 0;
#endif
}

#endif

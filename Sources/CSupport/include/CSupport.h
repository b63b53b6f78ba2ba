#ifndef PORTRAITS_CSUPPORT_H
#define PORTRAITS_CSUPPORT_H

/// Atomically exchanges two paths on the same file system (Linux renameat2 RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise (for example on a file system without support).
int portraits_exchange_paths(const char *a, const char *b);

/// Returns the heap's free memory to the system (glibc malloc_trim), after a stage that used a lot.
void portraits_release_free_memory(void);

#endif

#ifndef DEMARC_SYSTEM_H
#define DEMARC_SYSTEM_H

#include <sys/types.h>
/// The extended-attribute calls (llistxattr, lgetxattr, lsetxattr and their
/// f… forms), which Swift's Glibc module does not export.
#include <sys/xattr.h>

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0, or -1 with errno set (ENOSYS/EINVAL where unsupported).
int demarc_exchange_paths(const char *a, const char *b);

/// Flushes the file system holding `path` to disk (Linux syncfs): one call
/// for a whole tree instead of an fsync per file. Returns 0, or -1 with errno.
int demarc_sync_file_system(const char *path);

/// fsync of a folder, so that a rename in it is on disk.
int demarc_sync_folder(const char *path);

/// Starts writing a file's data to disk without waiting (sync_file_range,
/// SYNC_FILE_RANGE_WRITE), so a later syncfs has little left to wait for.
int demarc_start_writeback(int fd);

#endif

#define _GNU_SOURCE
#include "demarc_system.h"
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/syscall.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

/// Calls `call` on a descriptor of the folder at `path`, keeping its errno.
static int on_folder(const char *path, int (*call)(int)) {
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return -1;
    int status = call(fd);
    int saved = errno;
    close(fd);
    errno = saved;
    return status;
}

int demarc_sync_file_system(const char *path) { return on_folder(path, syncfs); }

int demarc_sync_folder(const char *path) { return on_folder(path, fsync); }

int demarc_start_writeback(int fd) {
#if defined(__linux__)
    return sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#else
    (void)fd;
    return 0;
#endif
}

int demarc_exchange_paths(const char *a, const char *b) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}

/*
 * A disk whose fsync is slow, for comparing FRISTVAKT_SQLITE_WRITER=thread and =inline as on a
 * networked volume: preloaded, it delays every fsync/fdatasync of the process by SLOW_FSYNC_US
 * microseconds (default 3000) before doing the real one. SQLite reaches both through libc.
 *
 *   gcc -shared -fPIC -O2 -o /tmp/slow-fsync.so scripts/bench/slow-fsync.c -ldl
 *   LD_PRELOAD=/tmp/slow-fsync.so SLOW_FSYNC_US=3000 FRISTVAKT_SQLITE_WRITER=inline \
 *     BENCH_SCENARIOS=0 npx tsx scripts/bench/http-append.ts
 *
 * Bench only: never preload it into a server that holds real data.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <time.h>

static void slow_down(void) {
  const char *setting = getenv("SLOW_FSYNC_US");
  long us = setting ? atol(setting) : 3000;
  struct timespec pause = { us / 1000000, (us % 1000000) * 1000 };
  nanosleep(&pause, 0);
}

int fsync(int fd) {
  static int (*real)(int);
  if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
  slow_down();
  return real(fd);
}

int fdatasync(int fd) {
  static int (*real)(int);
  if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
  slow_down();
  return real(fd);
}

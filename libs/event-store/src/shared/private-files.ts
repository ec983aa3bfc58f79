import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/*
 * The store, the access log, backups and snapshots hold case data: readable by the service's own
 * user only. SQLite gives its -wal and -shm files the mode of the database file, so creating that
 * file 0600 before SQLite opens it is enough for all three.
 */

/** Directories the service creates: 0700. An existing directory keeps its mode (the operator chose it). */
export function ensurePrivateDirectory(directory: string): void {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
}

/**
 * Creates `file` empty with mode 0600 (and its directory 0700) unless it exists; SQLite takes an empty file as a new database.
 * An existing file is never opened here: closing any descriptor of a file drops every POSIX lock this process holds on it,
 * so opening and closing a store file that another connection of this process has open would silently release that
 * connection's locks (and with them the guard that stops a restore from replacing a live store).
 */
export function ensurePrivateFile(file: string): void {
  if (file === ':memory:' || file === '') return;
  ensurePrivateDirectory(dirname(file));
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/**
 * For a process's entry point: every file and directory it creates afterwards, by whatever code,
 * is for its own user only (mode & ~077), also those no call above covers.
 */
export function restrictNewFilesToOwner(): void {
  process.umask(0o077);
}

// File-system failures (a read-only folder, a path under a file, a missing folder, …) are the user's to fix, not
// bugs: they become one line naming the path and the reason, never a stack trace.

/** Error codes of the file system that a user can fix (and what they mean, in words). */
const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "the file system is read-only",
  ENOTDIR: "a part of the path is a file, not a folder",
  EISDIR: "it is a folder, not a file",
  EEXIST: "it already exists",
  ENOENT: "no such file or folder",
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is exceeded",
  ENAMETOOLONG: "the name is too long",
  ELOOP: "too many symbolic links",
  EMFILE: "too many open files",
};

/** What the failed system call was doing, for people. */
const VERBS: Record<string, string> = {
  mkdir: "create the folder",
  open: "open",
  read: "read",
  write: "write",
  rename: "replace",
  rmdir: "remove",
  unlink: "remove",
  scandir: "list the folder",
  stat: "read",
  lstat: "read",
  utime: "update",
  fsync: "write",
  copyfile: "copy to",
};

/**
 * The one-line message for a file-system error (`cannot create the folder runs/x: permission denied`), or null when
 * `e` is not one (any other error is a bug and keeps its stack).
 */
export function describeFsError(e: unknown): string | null {
  if (!(e instanceof Error)) return null;
  const { code, path, syscall, dest } = e as NodeJS.ErrnoException & { dest?: string };
  if (typeof code !== "string" || !(code in REASONS) || typeof path !== "string") return null;
  const verb = (syscall && VERBS[syscall]) ?? "use";
  const target = syscall === "rename" && typeof dest === "string" ? dest : path;
  return `cannot ${verb} ${target}: ${REASONS[code]} (${code})`;
}

/** `text` with every control character but the newline shown as an escape (\u0000), so no terminal sees raw bytes. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, (ch) => (ch === "\t" ? "\t" : `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`));
}

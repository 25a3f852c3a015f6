/**
 * A run directory that cannot be used as asked — held by another process, holding no run to resume, or holding
 * files that contradict each other (metrics behind the checkpoint, a checkpoint past the run's last step, a file that
 * does not parse). Nothing in the directory was changed. `path` is the directory or file at fault; the CLI prints
 * the message and exits 2.
 */
export class RunDirectoryError extends Error {
  readonly path: string;

  constructor(path: string, message: string) {
    super(message);
    this.name = "RunDirectoryError";
    this.path = path;
  }
}

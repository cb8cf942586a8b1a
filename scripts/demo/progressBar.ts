/** A one-line progress bar on stderr, redrawn in place when stderr is a terminal. */
export class ProgressBar {
  private last = 0;

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(sent: number, processed: number, replied: number, force = false): void {
    const now = Date.now();
    // A terminal gets a bar redrawn in place; a log file a line every few seconds.
    if (!force && now - this.last < (this.stream.isTTY ? 200 : 3000)) return;
    this.last = now;
    const width = 30;
    const filled = Math.round((width * Math.min(sent, this.total)) / Math.max(1, this.total));
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] sent ${sent}/${this.total} · processed ${processed} · replies ${replied}`;
    if (this.stream.isTTY) this.stream.write(`\r${line}\u001b[K`);
    else this.stream.write(`${line}\n`);
  }

  done(): void {
    if (this.stream.isTTY) this.stream.write('\n');
  }
}

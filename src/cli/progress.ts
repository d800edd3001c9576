/**
 * Progress of a long run on stderr, as the extension shows it: the phase and files done / total,
 * redrawn on one line. Only on a terminal, and never with --quiet, so that logs and pipes stay clean.
 */

/** Reports progress; every method does nothing when progress is off. */
export interface Progress {
  /** Starts a phase ("Analysing", "Analysing main's tree"). */
  phase(name: string): void;
  /** Files done of total in the current phase. */
  onProgress: (done: number, total: number) => void;
  /** Clears the line before the report is printed. */
  done(): void;
}

/** A progress line on `stream` when it is a terminal and `quiet` is false. */
export function progressOn(stream: NodeJS.WriteStream, quiet: boolean): Progress {
  const on = stream.isTTY === true && !quiet;
  let name = 'Analysing';
  let last = 0;
  const draw = (text: string) => on && stream.write(`\r\u001b[K${text}`);
  return {
    phase(next) {
      name = next;
      draw(`${name}…`);
    },
    onProgress(done, total) {
      // Redraw at most every 50 ms, and always at the end.
      const now = Date.now();
      if (done < total && now - last < 50) return;
      last = now;
      draw(`${name}: ${done}/${total} files`);
    },
    done() {
      draw('');
    },
  };
}

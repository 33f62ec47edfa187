// How many large response bodies are read at once. Each poll's body is capped (5 MiB), but hundreds
// of polls run at once: 128 vendors serving 4.5 MB each took serve to 414 MB. A body that passes
// `largeBytes` waits here for one of `slots` before reading on (the socket simply stops being read);
// it holds the slot until it is read whole, and never waits again, so slots always come free.
// Small bodies, by far the most common, never wait.

export interface BodyGate {
  /** Bodies up to this many bytes are read without a slot. */
  readonly largeBytes: number;
  /** Waits for a slot; the returned function gives it back. */
  enter(): Promise<() => void>;
}

export function createBodyGate(slots: number, largeBytes: number): BodyGate {
  let free = slots;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };
  return {
    largeBytes,
    enter() {
      if (free > 0) {
        free--;
        return Promise.resolve(once(release));
      }
      return new Promise((resolve) => waiting.push(() => resolve(once(release))));
    },
  };
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (!done) {
      done = true;
      fn();
    }
  };
}

// Splitting a byte stream into lines (newline-delimited JSON). Chunks may end anywhere,
// including inside a multi-byte UTF-8 character, so bytes are decoded in streaming mode
// and the unfinished last line is carried over to the next chunk.

export class LineSplitter {
  private readonly decoder = new TextDecoder('utf-8');
  private partial = '';

  /** The complete, non-empty lines that `chunk` finishes. */
  push(chunk: Uint8Array | string): string[] {
    const text = this.partial + (typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true }));
    const lines: string[] = [];
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      if (end > start) lines.push(text.slice(start, end));
      start = end + 1;
    }
    this.partial = text.slice(start);
    return lines;
  }

  /** What is left after the last newline, if anything but whitespace. */
  flush(): string | undefined {
    const rest = (this.partial + this.decoder.decode()).trim();
    this.partial = '';
    return rest === '' ? undefined : rest;
  }
}

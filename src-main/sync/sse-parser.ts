/** One dispatched Server-Sent Event: its type ("message" unless named) and its data lines joined. */
export type SseEvent = { type: string; data: string };

/** A line longer than this (in characters) is not a stream of ours: a change batch is a few hundred KB. */
export const MAX_SSE_LINE = 16 * 1024 * 1024;

/**
 * An incremental parser for the text/event-stream format (WHATWG HTML, "Server-sent events",
 * interpreting an event stream): feed it text as it arrives, in chunks cut anywhere, and it
 * returns the events completed so far. Lines end with LF, CRLF or CR; a blank line dispatches;
 * comment lines (`: ping`, the server's heartbeat) and blocks without data dispatch nothing.
 * Throws on a line over MAX_SSE_LINE rather than buffer without bound.
 */
export function createSseParser(): { push(text: string): SseEvent[] } {
  let buffer = '';
  let data: string[] = [];
  let type = '';
  const line = (text: string, out: SseEvent[]) => {
    if (text === '') {
      if (data.length > 0) out.push({ type: type || 'message', data: data.join('\n') });
      data = [];
      type = '';
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') type = value;
    // id and retry: the desk resumes from its own checkpoint, not from an event id.
  };
  return {
    push(text) {
      buffer += text;
      const out: SseEvent[] = [];
      for (;;) {
        const m = /\r\n|\n|\r/.exec(buffer);
        // A CR at the very end may be the first half of a CRLF split across chunks: wait for more.
        if (!m || (m[0] === '\r' && m.index === buffer.length - 1)) break;
        line(buffer.slice(0, m.index), out);
        buffer = buffer.slice(m.index + m[0].length);
      }
      if (buffer.length > MAX_SSE_LINE) throw new Error(`event stream line over ${MAX_SSE_LINE} bytes`);
      return out;
    },
  };
}

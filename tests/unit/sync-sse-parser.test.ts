import { describe, expect, it } from 'vitest';
import { createSseParser, MAX_SSE_LINE, type SseEvent } from '../../src-main/sync/sse-parser.js';

/** The live stream's event-stream parser (sse-parser.ts), fed text as a network would cut it. */
const sample = ': ping\n\ndata: "RESYNC"\n\nevent: change\ndata: {"documents":\ndata: []}\nid: 7\n\n: ping\n\ndata\n\n';
const expected: SseEvent[] = [
  { type: 'message', data: '"RESYNC"' },
  { type: 'change', data: '{"documents":\n[]}' },
  { type: 'message', data: '' },
];

const feed = (chunks: string[]) => {
  const parser = createSseParser();
  return chunks.flatMap((c) => parser.push(c));
};

describe('SSE parser', () => {
  it('gives the same events wherever the chunks are cut, one character at a time included', () => {
    expect(feed([sample])).toEqual(expected);
    for (let cut = 1; cut < sample.length; cut++) expect(feed([sample.slice(0, cut), sample.slice(cut)]), `cut at ${cut}`).toEqual(expected);
    expect(feed([...sample])).toEqual(expected);
  });

  it('dispatches an event only at its blank line, and keeps a half-received one for the next chunk', () => {
    const parser = createSseParser();
    expect(parser.push('data: "RES')).toEqual([]);
    expect(parser.push('YNC"\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ type: 'message', data: '"RESYNC"' }]);
  });

  it('comments (the 25 s ping) and blocks without data dispatch nothing', () => {
    expect(feed([': ping\n\n', ': ping\n\n', 'event: change\n\n', 'id: 4\n\n'])).toEqual([]);
  });

  it('reads CRLF and CR line ends, a CRLF cut between its two characters being one line end', () => {
    expect(feed(['data: a\r\ndata: b\r\n\r\n'])).toEqual([{ type: 'message', data: 'a\nb' }]);
    // A CR last in a chunk may be half a CRLF: its line ends when the next chunk comes (here a ping).
    expect(feed(['data: a\rdata: b\r\r'])).toEqual([]);
    expect(feed(['data: a\rdata: b\r\r', ': ping\r'])).toEqual([{ type: 'message', data: 'a\nb' }]);
    expect(feed(['data: a\r', '\ndata: b\r\n\r\n'])).toEqual([{ type: 'message', data: 'a\nb' }]);
  });

  it('refuses a line longer than MAX_SSE_LINE instead of buffering without end', () => {
    const parser = createSseParser();
    const part = 'x'.repeat(1024 * 1024);
    expect(() => {
      for (let i = 0; i <= MAX_SSE_LINE / part.length; i++) parser.push(part);
    }).toThrow(/event stream line over/);
  });
});

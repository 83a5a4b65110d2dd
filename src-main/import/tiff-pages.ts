/**
 * One page of a multi-page TIFF as a TIFF of its own. libvips counts every directory of a TIFF
 * each time it opens one (to know its page count), so reading page i of an n-page file through
 * sharp's `page` option costs O(n): a 1000-page TIFF took 191 s to import, most of it walking
 * directories. Copying out the page's own directory and data (what `tiffcp` does for one page)
 * makes every page cost the same, whatever the page count.
 *
 * Classic TIFF only; a BigTIFF or a directory that does not parse gives null, and the caller
 * reads the page through sharp's `page` option as before (slow, never wrong).
 */

/** Bytes per value of each TIFF field type (TIFF 6.0, section 2). */
const typeSize: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };

/** Strip and tile offsets with their byte counts. */
const dataTags = new Map([
  [273, 279],
  [324, 325],
]);
/**
 * Tags that point at other structures (sub-images, EXIF and GPS directories, an old-style JPEG
 * stream): left out of the copy. The page's pixels, size, colour and resolution stay.
 */
const droppedTags = new Set([330, 513, 514, 34665, 34853, 40965]);

const MAX_ENTRIES = 1000;

type Reader = { u16(at: number): number; u32(at: number): number };

function reader(data: Uint8Array): Reader | null {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (data.length < 8) return null;
  const little = data[0] === 0x49 && data[1] === 0x49;
  if (!little && !(data[0] === 0x4d && data[1] === 0x4d)) return null;
  if (view.getUint16(2, little) !== 42) return null;
  return { u16: (at) => view.getUint16(at, little), u32: (at) => view.getUint32(at, little) };
}

/** The directory offset of every page, in order; null when the chain does not parse. */
export function tiffPageOffsets(data: Uint8Array): number[] | null {
  const r = reader(data);
  if (!r) return null;
  const offsets: number[] = [];
  const seen = new Set<number>();
  let at = r.u32(4);
  while (at !== 0) {
    if (seen.has(at) || at + 2 > data.length) return null;
    seen.add(at);
    const n = r.u16(at);
    if (n === 0 || n > MAX_ENTRIES || at + 2 + n * 12 + 4 > data.length) return null;
    offsets.push(at);
    at = r.u32(at + 2 + n * 12);
  }
  return offsets.length > 0 ? offsets : null;
}

type Entry = { tag: number; type: number; count: number; value: Uint8Array };

/** Values of a SHORT or LONG array entry. */
function numbers(e: Entry, little: boolean): number[] {
  const view = new DataView(e.value.buffer, e.value.byteOffset, e.value.byteLength);
  return Array.from({ length: e.count }, (_, i) => (e.type === 3 ? view.getUint16(i * 2, little) : view.getUint32(i * 4, little)));
}

/** The page whose directory starts at `ifd` as a single-page TIFF (same byte order); null when it does not parse. */
export function tiffSinglePage(data: Uint8Array, ifd: number): Buffer | null {
  const r = reader(data);
  if (!r) return null;
  const little = data[0] === 0x49;
  const n = r.u16(ifd);
  const entries: Entry[] = [];
  for (let i = 0; i < n; i++) {
    const at = ifd + 2 + i * 12;
    const tag = r.u16(at);
    const type = r.u16(at + 2);
    const count = r.u32(at + 4);
    const size = (typeSize[type] ?? 0) * count;
    if (!typeSize[type] || droppedTags.has(tag)) continue;
    const start = size <= 4 ? at + 8 : r.u32(at + 8);
    if (start + size > data.length) return null;
    entries.push({ tag, type, count, value: data.subarray(start, start + size) });
  }
  const byTag = new Map(entries.map((e) => [e.tag, e]));
  // Strip or tile data, copied block by block; a block cut short by the file's end stays short,
  // so the decoder sees the same damage it would have seen in the original file.
  const blocks: { offsetTag: number; parts: Uint8Array[] }[] = [];
  for (const [offsetTag, countTag] of dataTags) {
    const o = byTag.get(offsetTag);
    const c = byTag.get(countTag);
    if (!o || !c || (o.type !== 3 && o.type !== 4) || (c.type !== 3 && c.type !== 4) || o.count !== c.count) continue;
    const starts = numbers(o, little);
    const lengths = numbers(c, little);
    blocks.push({ offsetTag, parts: starts.map((s, i) => data.subarray(Math.min(s, data.length), Math.min(s + lengths[i]!, data.length))) });
  }
  if (blocks.length === 0) return null;

  const kept = entries.filter((e) => !dataTags.has(e.tag)).concat(blocks.map((b) => ({ tag: b.offsetTag, type: 4, count: b.parts.length, value: new Uint8Array(b.parts.length * 4) })));
  kept.sort((a, b) => a.tag - b.tag);
  const ifdSize = 2 + kept.length * 12 + 4;
  const outOfLine = kept.reduce((sum, e) => sum + (e.value.length > 4 ? e.value.length + (e.value.length & 1) : 0), 0);
  const dataSize = blocks.reduce((sum, b) => sum + b.parts.reduce((s, p) => s + p.length, 0), 0);
  const out = Buffer.alloc(8 + ifdSize + outOfLine + dataSize);
  const w16 = (v: number, at: number) => (little ? out.writeUInt16LE(v, at) : out.writeUInt16BE(v, at));
  const w32 = (v: number, at: number) => (little ? out.writeUInt32LE(v, at) : out.writeUInt32BE(v, at));
  out.set(data.subarray(0, 4), 0);
  w32(8, 4);
  w16(kept.length, 8);
  // Block data goes last; each offsets entry gets the new places of its blocks.
  let dataAt = 8 + ifdSize + outOfLine;
  for (const b of blocks) {
    const entry = kept.find((e) => e.tag === b.offsetTag)!;
    const value = Buffer.from(entry.value.buffer, entry.value.byteOffset, entry.value.byteLength);
    b.parts.forEach((p, i) => {
      if (little) value.writeUInt32LE(dataAt, i * 4);
      else value.writeUInt32BE(dataAt, i * 4);
      out.set(p, dataAt);
      dataAt += p.length;
    });
  }
  let valueAt = 8 + ifdSize;
  kept.forEach((e, i) => {
    const at = 10 + i * 12;
    w16(e.tag, at);
    w16(e.type, at + 2);
    w32(e.count, at + 4);
    if (e.value.length <= 4) out.set(e.value, at + 8);
    else {
      w32(valueAt, at + 8);
      out.set(e.value, valueAt);
      valueAt += e.value.length + (e.value.length & 1);
    }
  });
  w32(0, 8 + ifdSize - 4);
  return out;
}

import { ScanError } from '../../src-shared/scan/scan-errors.js';
import { pageSizes, type ColorMode, type ScanSettings, type ScanSource, type ScannerCapabilities } from '../../src-shared/scan/scanner-device.js';
import type { SaneOption } from '../../native-scanner/index.js';

/**
 * Maps our settings onto a SANE device's own option values. Backends name the same thing
 * differently ("Color"/"Colour"/"24bit Color", "ADF"/"Automatic Document Feeder"/"ADF Duplex"),
 * so values are matched by pattern against the option's own list (sane-backends' saneopts.h
 * only standardises the option names: source, mode, resolution, depth, tl-x, tl-y, br-x, br-y).
 */
const sourcePatterns: Record<ScanSource, RegExp> = {
  flatbed: /flatbed|platen|normal/i,
  adf: /adf|feeder|automatic|document/i,
  'adf-duplex': /duplex/i,
};

const modePatterns: Record<ColorMode, RegExp> = {
  color: /colou?r|rgb/i,
  gray: /gr[ae]y/i,
  lineart: /lineart|line art|binary|black|halftone|mono|thresh/i,
};

type Setter = { options(): SaneOption[]; setOption(name: string, value: boolean | number | string): { value: unknown } };

function find(options: SaneOption[], name: string): SaneOption | undefined {
  return options.find((o) => o.name === name && o.active);
}

function stringList(option: SaneOption | undefined): string[] {
  return (option?.list ?? []).filter((v): v is string => typeof v === 'string');
}

export function sourcesOf(options: SaneOption[]): ScanSource[] {
  const values = stringList(find(options, 'source'));
  const duplexOption = options.some((o) => o.name === 'duplex' || o.name === 'adf-mode');
  const out: ScanSource[] = [];
  if (values.length === 0 || values.some((v) => sourcePatterns.flatbed.test(v))) out.push('flatbed');
  const adf = values.filter((v) => sourcePatterns.adf.test(v) && !/duplex|back/i.test(v));
  if (adf.length > 0) out.push('adf');
  if (values.some((v) => sourcePatterns['adf-duplex'].test(v)) || (adf.length > 0 && duplexOption)) out.push('adf-duplex');
  return out;
}

export function capabilitiesOf(options: SaneOption[]): ScannerCapabilities {
  const res = find(options, 'resolution');
  let resolutions: number[] = [];
  if (res?.list) resolutions = res.list.filter((v): v is number => typeof v === 'number');
  else if (res?.range) resolutions = [75, 100, 150, 200, 300, 400, 600].filter((d) => d >= res.range!.min && d <= res.range!.max);
  const modeValues = stringList(find(options, 'mode'));
  const modes = (['color', 'gray', 'lineart'] as const).filter((m) => modeValues.some((v) => modePatterns[m].test(v)));
  // A gray mode with a 1-bit depth is lineart too (SANE's test device works that way).
  const depths = find(options, 'depth')?.list ?? [];
  if (!modes.includes('lineart') && modes.includes('gray') && depths.includes(1)) modes.push('lineart');
  const brX = find(options, 'br-x')?.range;
  const brY = find(options, 'br-y')?.range;
  return { resolutions, modes, ...(brX ? { maxWidthMm: brX.max } : {}), ...(brY ? { maxHeightMm: brY.max } : {}) };
}

function nearestResolution(option: SaneOption, dpi: number): number {
  if (option.list && option.list.length > 0) {
    const values = option.list.filter((v): v is number => typeof v === 'number');
    return values.reduce((best, v) => (Math.abs(v - dpi) < Math.abs(best - dpi) ? v : best), values[0]!);
  }
  if (option.range) {
    const { min, max, quant } = option.range;
    const clamped = Math.min(max, Math.max(min, dpi));
    return quant > 0 ? min + Math.round((clamped - min) / quant) * quant : clamped;
  }
  return dpi;
}

/** Applies settings in the order backends expect (source and mode change other options' ranges). Returns what took effect. */
export function applySaneSettings(device: Setter, settings: ScanSettings): { dpi: number; duplex: boolean } {
  let options = device.options();
  let duplex = false;

  const source = find(options, 'source');
  if (source) {
    const values = stringList(source);
    let pick: string | undefined;
    if (settings.source === 'adf-duplex') {
      pick = values.find((v) => sourcePatterns['adf-duplex'].test(v));
      if (pick) duplex = true;
    }
    if (!pick && settings.source !== 'flatbed') pick = values.find((v) => sourcePatterns.adf.test(v) && !/duplex|back/i.test(v));
    if (!pick && settings.source === 'flatbed') pick = values.find((v) => sourcePatterns.flatbed.test(v)) ?? values[0];
    if (!pick) throw new ScanError('UNSUPPORTED', `source ${settings.source}; device offers ${values.join(', ')}`);
    device.setOption('source', pick);
    options = device.options();
    if (settings.source === 'adf-duplex' && !duplex) {
      // Backends with a separate duplex switch: `duplex` (bool) or `adf-mode` (Simplex|Duplex).
      if (find(options, 'duplex')) {
        device.setOption('duplex', true);
        duplex = true;
      } else if (stringList(find(options, 'adf-mode')).some((v) => /duplex/i.test(v))) {
        device.setOption('adf-mode', stringList(find(options, 'adf-mode')).find((v) => /duplex/i.test(v))!);
        duplex = true;
      } else throw new ScanError('UNSUPPORTED', 'duplex');
      options = device.options();
    }
  } else if (settings.source !== 'flatbed') {
    throw new ScanError('UNSUPPORTED', `source ${settings.source}`);
  }

  const mode = find(options, 'mode');
  const modeValues = stringList(mode);
  const wantDepth = settings.mode === 'lineart' ? 1 : 8;
  let modePick = modeValues.find((v) => modePatterns[settings.mode].test(v));
  if (!modePick && settings.mode === 'lineart') modePick = modeValues.find((v) => modePatterns.gray.test(v));
  if (mode) {
    if (!modePick) throw new ScanError('UNSUPPORTED', `mode ${settings.mode}; device offers ${modeValues.join(', ')}`);
    device.setOption('mode', modePick);
    options = device.options();
  }
  const depth = find(options, 'depth');
  if (depth?.settable && depth.list?.includes(wantDepth)) device.setOption('depth', wantDepth);
  else if (settings.mode === 'lineart' && modePick && modePatterns.gray.test(modePick)) {
    throw new ScanError('UNSUPPORTED', 'black-and-white mode');
  }

  options = device.options();
  const res = find(options, 'resolution');
  let dpi = settings.dpi;
  if (res?.settable) {
    const taken = device.setOption('resolution', nearestResolution(res, settings.dpi)).value;
    if (typeof taken === 'number' && taken > 0) dpi = Math.round(taken);
  }
  // Some backends split resolution in two; keep them equal.
  for (const name of ['x-resolution', 'y-resolution']) {
    const o = find(options, name);
    if (o?.settable) device.setOption(name, nearestResolution(o, dpi));
  }

  options = device.options();
  const tlX = find(options, 'tl-x');
  const tlY = find(options, 'tl-y');
  const brX = find(options, 'br-x');
  const brY = find(options, 'br-y');
  if (tlX?.settable) device.setOption('tl-x', tlX.range?.min ?? 0);
  if (tlY?.settable) device.setOption('tl-y', tlY.range?.min ?? 0);
  const size = settings.pageSize === 'max' ? null : pageSizes[settings.pageSize];
  if (brX?.settable && brX.range) device.setOption('br-x', Math.min(brX.range.max, size ? size.widthMm : brX.range.max));
  if (brY?.settable && brY.range) device.setOption('br-y', Math.min(brY.range.max, size ? size.heightMm : brY.range.max));
  return { dpi, duplex };
}

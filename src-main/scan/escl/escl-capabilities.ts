import { XMLParser } from 'fast-xml-parser';
import { ScanError } from '../../../src-shared/scan/scan-errors.js';
import type { ColorMode, ScanSource, ScannerCapabilities } from '../../../src-shared/scan/scanner-device.js';

/**
 * eSCL ScannerCapabilities (Mopria eSCL Technical Specification 2.x, section 8): the
 * `pwg`/`scan` namespaces are dropped by the parser, so `scan:Platen` is read as `Platen`.
 */
export type EsclCapabilities = {
  makeAndModel: string;
  version: string;
  sources: ScanSource[];
  capabilities: ScannerCapabilities;
  /** eSCL colour mode names per our mode, as the device spells them. */
  colorModes: Partial<Record<ColorMode, string>>;
  formats: string[];
};

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  // Lists that may hold one element must still parse as arrays.
  isArray: (name) => ['SettingProfile', 'ColorMode', 'DiscreteResolution', 'DocumentFormat', 'DocumentFormatExt'].includes(name),
});

type Node = Record<string, unknown>;

function asNode(v: unknown): Node | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : undefined;
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

export function parseXml(xml: string): Node {
  try {
    return parser.parse(xml) as Node;
  } catch (error) {
    throw new ScanError('IO_ERROR', `eSCL: invalid XML (${(error as Error).message})`);
  }
}

/** eSCL sizes are in 1/300 inch. */
const threeHundredthsToMm = (v: number) => Math.round((v / 300) * 25.4);

export function parseCapabilities(xml: string): EsclCapabilities {
  const root = asNode(parseXml(xml).ScannerCapabilities);
  if (!root) throw new ScanError('IO_ERROR', 'eSCL: no ScannerCapabilities element');
  const platen = asNode(asNode(root.Platen)?.PlatenInputCaps);
  const adf = asNode(root.Adf);
  const adfSimplex = asNode(adf?.AdfSimplexInputCaps);
  const adfDuplex = asNode(adf?.AdfDuplexInputCaps);
  const sources: ScanSource[] = [];
  if (platen) sources.push('flatbed');
  if (adfSimplex) sources.push('adf');
  if (adfDuplex || (adfSimplex && arr(asNode(adf?.AdfOptions)?.AdfOption).includes('Duplex'))) sources.push('adf-duplex');

  const colorModes: Partial<Record<ColorMode, string>> = {};
  const resolutions = new Set<number>();
  const formats = new Set<string>();
  let maxWidthMm: number | undefined;
  let maxHeightMm: number | undefined;
  for (const caps of [platen, adfSimplex, adfDuplex]) {
    if (!caps) continue;
    if (caps.MaxWidth) maxWidthMm = Math.max(maxWidthMm ?? 0, threeHundredthsToMm(Number(caps.MaxWidth)));
    if (caps.MaxHeight) maxHeightMm = Math.max(maxHeightMm ?? 0, threeHundredthsToMm(Number(caps.MaxHeight)));
    for (const profile of arr(asNode(caps.SettingProfiles)?.SettingProfile)) {
      const p = asNode(profile);
      for (const mode of arr(asNode(p?.ColorModes)?.ColorMode).map(String)) {
        if (/^RGB/i.test(mode)) colorModes.color ??= mode;
        else if (/^Grayscale/i.test(mode)) colorModes.gray ??= mode;
        else if (/^BlackAndWhite/i.test(mode)) colorModes.lineart ??= mode;
      }
      const discrete = asNode(asNode(p?.SupportedResolutions)?.DiscreteResolutions);
      for (const r of arr(discrete?.DiscreteResolution)) {
        const x = Number(asNode(r)?.XResolution);
        if (x > 0) resolutions.add(x);
      }
      const formatsNode = asNode(p?.DocumentFormats);
      for (const f of [...arr(formatsNode?.DocumentFormat), ...arr(formatsNode?.DocumentFormatExt)]) formats.add(String(f));
    }
  }
  return {
    makeAndModel: String(root.MakeAndModel ?? 'eSCL scanner'),
    version: String(root.Version ?? ''),
    sources,
    colorModes,
    formats: [...formats],
    capabilities: {
      resolutions: [...resolutions].sort((a, b) => a - b),
      modes: (['color', 'gray', 'lineart'] as const).filter((m) => colorModes[m]),
      ...(maxWidthMm ? { maxWidthMm } : {}),
      ...(maxHeightMm ? { maxHeightMm } : {}),
    },
  };
}

export type EsclStatus = { state: string; adfState: string | null; jobs: Array<{ uri: string; state: string }> };

export function parseStatus(xml: string): EsclStatus {
  const root = asNode(parseXml(xml).ScannerStatus);
  if (!root) throw new ScanError('IO_ERROR', 'eSCL: no ScannerStatus element');
  const jobs = arr(asNode(root.Jobs)?.JobInfo).map((j) => ({ uri: String(asNode(j)?.JobUri ?? ''), state: String(asNode(j)?.JobState ?? '') }));
  return { state: String(root.State ?? ''), adfState: root.AdfState === undefined ? null : String(root.AdfState), jobs };
}

import type { ScanSettings, ScannerDevice } from './scanner-device.js';

export type ScanPresetId = 'default' | 'dpi300' | 'gray' | 'bw' | 'id-card';

export type ScanPreset = {
  id: ScanPresetId;
  label: { vi: string; en: string };
  /** Settings for this device: the source depends on what the device has. */
  settings(device: Pick<ScannerDevice, 'sources'>): ScanSettings;
};

/** ADF duplex if the device has it, else simplex ADF, else the flatbed. */
function feederSource(device: Pick<ScannerDevice, 'sources'>): ScanSettings['source'] {
  if (device.sources.includes('adf-duplex')) return 'adf-duplex';
  if (device.sources.includes('adf')) return 'adf';
  return 'flatbed';
}

/**
 * 200 dpi colour by default: the digitisation rules want colour wherever there are seals,
 * photos or ID documents (most dossiers, see shared/DOMAIN.md), and 200 dpi is their minimum.
 */
export const scanPresets: readonly ScanPreset[] = [
  {
    id: 'default',
    label: { vi: 'Mặc định: màu 200 dpi, hai mặt nếu có', en: 'Default: colour 200 dpi, duplex if available' },
    settings: (d) => ({ source: feederSource(d), mode: 'color', dpi: 200, pageSize: 'a4' }),
  },
  {
    id: 'dpi300',
    label: { vi: 'Màu 300 dpi (chữ nhỏ, con dấu mờ)', en: 'Colour 300 dpi (small print, faint seals)' },
    settings: (d) => ({ source: feederSource(d), mode: 'color', dpi: 300, pageSize: 'a4' }),
  },
  {
    id: 'gray',
    label: { vi: 'Thang xám 200 dpi', en: 'Grayscale 200 dpi' },
    settings: (d) => ({ source: feederSource(d), mode: 'gray', dpi: 200, pageSize: 'a4' }),
  },
  {
    id: 'bw',
    label: { vi: 'Đen trắng 300 dpi (văn bản chỉ có chữ)', en: 'Black and white 300 dpi (text only)' },
    settings: (d) => ({ source: feederSource(d), mode: 'lineart', dpi: 300, pageSize: 'a4' }),
  },
  {
    id: 'id-card',
    label: { vi: 'Mặt kính: CCCD, sổ, sách đóng gáy', en: 'Flatbed: ID cards, bound books' },
    settings: () => ({ source: 'flatbed', mode: 'color', dpi: 300, pageSize: 'max' }),
  },
];

export function presetSettings(id: ScanPresetId, device: Pick<ScannerDevice, 'sources'>): ScanSettings {
  const preset = scanPresets.find((p) => p.id === id);
  if (!preset) throw new Error(`unknown scan preset ${id}`);
  return preset.settings(device);
}

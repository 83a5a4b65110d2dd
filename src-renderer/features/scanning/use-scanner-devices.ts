import { useCallback, useEffect, useRef, useState } from 'react';
import type { ScanDevice } from '../../../src-shared/contract/scan-commands.js';
import { errorText, problemText } from '../../i18n/i18n.js';
import type { Client } from '../../ipc/client.js';

/**
 * The scanner list of the scanning desk and the clerk's choice in it. The scanners known without
 * a probe (the demo scanner) are listed at once, the full list follows when the probe answers:
 * a SANE probe can take many seconds, and the panel stays usable meanwhile.
 */
export function useScannerDevices(client: Client) {
  const [devices, setDevices] = useState<ScanDevice[]>([]);
  const [deviceProblems, setDeviceProblems] = useState<string[]>([]);
  const [deviceId, setDeviceId] = useState('');
  const [probing, setProbing] = useState(false);
  // Set once the clerk picks a scanner: a list arriving later no longer changes the choice.
  const deviceChosen = useRef(false);

  const showDevices = useCallback((list: ScanDevice[]) => {
    setDevices(list);
    // Keep the clerk's choice; else prefer a real scanner over the demo one.
    const real = list.find((d) => d.backend !== 'demo');
    setDeviceId((cur) => (list.some((d) => d.id === cur) && (deviceChosen.current || !real) ? cur : ((real ?? list[0])?.id ?? '')));
  }, []);

  const loadDevices = useCallback(async () => {
    const quick = await client.call('scan.devices', { probe: false });
    if (quick.ok) showDevices(quick.value.devices);
    setProbing(true);
    const r = await client.call('scan.devices', { probe: true });
    setProbing(false);
    if (!r.ok) {
      setDeviceProblems([errorText(r.error)]);
      return;
    }
    showDevices(r.value.devices);
    setDeviceProblems(r.value.errors.map((e) => problemText(e.problem) ?? e.message));
  }, [client, showDevices]);

  useEffect(() => {
    void loadDevices();
  }, [loadDevices]);

  const chooseDevice = useCallback((id: string) => {
    deviceChosen.current = true;
    setDeviceId(id);
  }, []);

  return { devices, deviceProblems, deviceId, chooseDevice, probing, loadDevices };
}

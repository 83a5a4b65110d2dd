import { useEffect, useState } from 'react';
import type { DossiersStore, DossierDoc } from '../../data/dossiers-db.js';

/** One dossier's read-model document, live: a page reloads its details when the dossier's review or assignment changes elsewhere. */
export function useDossierDoc(store: DossiersStore | null, dossierId: string): DossierDoc | null {
  const [doc, setDoc] = useState<DossierDoc | null>(null);
  useEffect(() => {
    if (!store) return;
    const sub = store.dossiers.findOne(dossierId).$.subscribe((d) => setDoc(d ? (d.toJSON() as DossierDoc) : null));
    return () => sub.unsubscribe();
  }, [store, dossierId]);
  return doc;
}

/**
 * The first-run wizard is due once, right after first-run setup: the flag lives in this tab's
 * session storage until the admin's first sign-in takes it (a reload in between keeps it).
 */
const key = 'tiepnhan.wizardDue';

export function markWizardDue(): void {
  sessionStorage.setItem(key, '1');
}

/** True once: whether the wizard is due now (the flag is cleared). */
export function takeWizardDue(): boolean {
  const due = sessionStorage.getItem(key) === '1';
  sessionStorage.removeItem(key);
  return due;
}

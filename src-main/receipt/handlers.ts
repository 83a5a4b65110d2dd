import { AppError } from '../../src-shared/contract/errors.js';
import type { Deps } from '../app/deps.js';
import type { Handlers } from '../ipc/handler-types.js';

// PLACEHOLDER: being written (issue 2).
export function receiptHandlers(_deps: Deps): Pick<Handlers, 'dossiers.receiptPdf'> {
  return {
    'dossiers.receiptPdf': () => {
      throw new AppError('INTERNAL', 'not implemented yet');
    },
  };
}

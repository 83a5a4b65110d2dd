import type { receiptCommands } from '../../src-shared/contract/receipt-commands.js';
import type { HandlersOf } from '../ipc/handler-types.js';
import type { ReceiptService } from './receipt-service.js';

export function receiptHandlers(receipt: ReceiptService): HandlersOf<typeof receiptCommands> {
  return {
    'receipt.pdf': ({ id }) => receipt.pdf(id),
  };
}

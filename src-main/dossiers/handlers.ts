import { AppError } from '../../src-shared/contract/errors.js';
import type { Deps } from '../app/deps.js';
import type { Handlers } from '../ipc/handler-types.js';

type DossierHandlers = Pick<
  Handlers,
  | 'catalog.procedures'
  | 'dossiers.create'
  | 'dossiers.update'
  | 'dossiers.receive'
  | 'dossiers.get'
  | 'calendar.holidays'
  | 'calendar.saveHolidays'
  | 'calendar.appointment'
>;

// PLACEHOLDER: being written (issue 2); every command answers INTERNAL until then.
export function dossierHandlers(_deps: Deps): DossierHandlers {
  const todo = () => {
    throw new AppError('INTERNAL', 'not implemented yet');
  };
  return {
    'catalog.procedures': todo,
    'dossiers.create': todo,
    'dossiers.update': todo,
    'dossiers.receive': todo,
    'dossiers.get': todo,
    'calendar.holidays': todo,
    'calendar.saveHolidays': todo,
    'calendar.appointment': todo,
  };
}

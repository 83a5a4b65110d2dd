import { z } from 'zod';
import { anyone, define, empty } from './define.js';
import { Procedure } from './schemas.js';

/** The procedure catalog in force today. */
export const catalogCommands = {
  'catalog.procedures': define(anyone, empty, z.array(Procedure)),
} as const;

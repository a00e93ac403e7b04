/** Every top-level command of `hrm-lcb`, in the order `--help` lists them. */
import type { AnyCommand } from '../define.ts';
import { conformanceCommand } from './conformance.ts';
import { dataCommand } from './data.ts';
import { hrmCommand } from './hrm.ts';
import { sandboxCommand } from './sandbox.ts';

export const commands: readonly AnyCommand[] = [dataCommand, hrmCommand, sandboxCommand, conformanceCommand];

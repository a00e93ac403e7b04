/** Every top-level command of `hrm-lcb`, in the order `--help` lists them. */
import type { AnyCommand } from '../define.ts';

export const commands: readonly AnyCommand[] = [];

/** Every top-level command of `hrm-lcb`, in the order `--help` lists them. */
import type { AnyCommand } from '../define.ts';
import { conformanceCommand } from './conformance.ts';
import { dataCommand } from './data.ts';
import { evaluateCommand } from './evaluate.ts';
import { gradeCommand } from './grade.ts';
import { hrmCommand } from './hrm.ts';
import { mergeCommand } from './merge.ts';
import { reportCommand } from './report.ts';
import { sandboxCommand } from './sandbox.ts';
import { scoresCommand } from './scores.ts';

export const commands: readonly AnyCommand[] = [
  dataCommand,
  hrmCommand,
  sandboxCommand,
  conformanceCommand,
  gradeCommand,
  scoresCommand,
  evaluateCommand,
  reportCommand,
  mergeCommand,
];

/** `hrm-lcb data`: look at LiveCodeBench data sets (the embedded sample or a download). */
import { defineGroup } from '../define.ts';
import { dataInfoCommand } from './data-info.ts';
import { dataShowCommand } from './data-show.ts';
import { dataValidateCommand } from './data-validate.ts';

/** The `data` command group. */
export const dataCommand = defineGroup({
  name: 'data',
  summary: 'inspect LiveCodeBench data: counts, one problem, validation of a download',
  commands: [dataInfoCommand, dataShowCommand, dataValidateCommand],
});

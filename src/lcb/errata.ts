/**
 * LCB's ERRATA.md (docs/lcb.md §2.6): problems known to be un-gradable. Upstream keeps them in the set,
 * and so do we: they are marked (`errata` on the problem) and `--exclude-errata` drops them. ERRATA names
 * some problems by `question_id` (AtCoder ids) and some by title slug (LeetCode), so both are matched.
 */
import type { ErrataCategory, ErrataMark } from '../contracts/lcb-problem.ts';

const NOTES: Record<ErrataCategory, string> = {
  multiple_solutions: 'several outputs are correct but the tests accept only one',
  interactive: 'interactive problem; the harness cannot interact with a judge',
  erroneous_tests: 'the tests contain errors',
};

const ENTRIES: ReadonlyArray<readonly [id: string, category: ErrataCategory, detail?: string]> = [
  ['abc311_c', 'multiple_solutions'],
  ['abc326_d', 'multiple_solutions'],
  ['abc327_b', 'multiple_solutions'],
  ['abc333_e', 'multiple_solutions'],
  ['abc343_e', 'multiple_solutions'],
  ['abc362_c', 'multiple_solutions'],
  ['find-words-containing-character', 'multiple_solutions'],
  ['find-the-peaks', 'multiple_solutions'],
  ['generate-binary-strings-without-adjacent-zeros', 'multiple_solutions'],
  ['arc185_c', 'multiple_solutions'],
  ['abc343_a', 'multiple_solutions'],
  ['abc337_e', 'interactive'],
  ['abc355_e', 'interactive'],
  ['abc350_c', 'erroneous_tests'],
  ['apply-operations-to-make-string-empty', 'erroneous_tests', 'a test has an empty string'],
  ['most-frequent-ids', 'erroneous_tests', 'a test violates the stated constraints'],
  ['arc189_a', 'erroneous_tests', 'one expected output is wrong'],
];

const BY_ID: ReadonlyMap<string, ErrataMark> = new Map(
  ENTRIES.map(([id, category, detail]) => [
    id,
    { id, category, note: detail === undefined ? NOTES[category] : `${NOTES[category]}: ${detail}` },
  ]),
);

/** Every ERRATA entry, in the order ERRATA.md lists them. */
export function errataEntries(): ErrataMark[] {
  return [...BY_ID.values()];
}

/** The ERRATA mark of a problem, matched by its `question_id` or its title slug; `null` when not listed. */
export function findErrata(questionId: string, questionTitle?: string): ErrataMark | null {
  return (
    BY_ID.get(questionId) ?? (questionTitle === undefined ? undefined : BY_ID.get(questionTitle)) ?? null
  );
}

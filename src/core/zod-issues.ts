import type { z } from 'zod';

/** Dotted path of a zod issue, e.g. `public_test_cases[2].testtype`; `(root)` for the value itself. */
export function issuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** The first issue of a failed parse as `{ field, message }`, the form `InputError` wants. */
export function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  if (issue === undefined) return { field: '(root)', message: 'invalid value' };
  return { field: issuePath(issue.path), message: issue.message };
}

/** Every issue of a failed parse, one `field: message` string each. */
export function allIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issuePath(issue.path)}: ${issue.message}`);
}

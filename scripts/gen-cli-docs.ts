/** Regenerates docs/cli.md from the command registry (`npm run docs:cli`). */

import { commands } from '../src/cli/commands/index.ts';
import { renderCliDocs } from '../src/cli/docs.ts';
import { writeFileAtomic } from '../src/core/atomic-write.ts';

await writeFileAtomic(new URL('../docs/cli.md', import.meta.url).pathname, renderCliDocs(commands));

/**
 * The `Sandbox` every caller uses: a pool of slots, each with its own fork-servers, that runs requests
 * one per slot and queues the rest in arrival order.
 */
import { rmSync } from 'node:fs';
import { z } from 'zod';
import { UserError } from '../core/errors.ts';
import { allIssues } from '../core/zod-issues.ts';
import { emptyResult, infrastructureResult, type PreparedRun } from './fork-server.ts';
import type { LaunchSettings } from './launch.ts';
import { resolveLimits } from './limits.ts';
import type { ProbeReport } from './probe.ts';
import { PROFILES } from './profiles.ts';
import { Slot } from './slot.ts';
import { SlotPool } from './slot-pool.ts';
import type { RunRequest, RunResult, Sandbox, SandboxLimits, SandboxMode, SandboxProfile } from './types.ts';

const requestSchema = z.object({
  source: z.string(),
  stdin: z.union([z.string(), z.instanceof(Uint8Array)]).optional(),
  profile: z.enum(PROFILES as [SandboxProfile, ...SandboxProfile[]]).optional(),
});

/** A pool of sandbox slots (the concrete `Sandbox`). */
export class SandboxPool implements Sandbox {
  readonly mode: SandboxMode;
  readonly slots: number;
  private readonly slotList: Slot[];
  private readonly pool: SlotPool<Slot, SandboxProfile>;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly settings: LaunchSettings,
    slots: number,
    /** the limits of a run that does not override them */
    readonly defaults: Readonly<SandboxLimits>,
    /** what the start-up probe found */
    readonly probe: ProbeReport,
  ) {
    this.mode = settings.mode;
    this.slots = slots;
    this.slotList = Array.from({ length: slots }, (_, index) => new Slot(index, settings));
    this.pool = new SlotPool(this.slotList, (slot, profile) => slot.isWarm(profile));
  }

  /**
   * Run one program on the next free slot (see `Sandbox.run`). Rejects with a UserError on a malformed
   * request, and with whatever `onMessage` threw (the run is stopped); everything else is in the result.
   */
  run(request: RunRequest): Promise<RunResult> {
    return this.runWhere(request, () => true);
  }

  /** Run on slot `index` only (the attack suite uses it to aim at one slot while watching another). */
  async runOnSlot(index: number, request: RunRequest): Promise<RunResult> {
    if (!Number.isInteger(index) || index < 0 || index >= this.slots) {
      throw new UserError(`slot ${index} does not exist (this sandbox has ${this.slots})`);
    }
    return this.runWhere(request, (slot) => slot.index === index);
  }

  /** Start every slot's server for `profile` now (benchmarks and long runs avoid a cold first run). */
  async warm(profile: SandboxProfile = 'lcb'): Promise<void> {
    await Promise.all(this.slotList.map((slot) => slot.warm(profile)));
  }

  /** Host pids of every running server process, per slot (tests look for leftovers under them). */
  serverPids(): number[][] {
    return this.slotList.map((slot) => slot.serverPids());
  }

  /** Unsafe mode: the host directory holding the slots' work directories (removed by `close`). */
  get unsafeWorkRoot(): string | undefined {
    return this.settings.unsafeWorkRoot;
  }

  /** Fork-servers replaced so far because they died or hung. */
  get restarts(): number {
    return this.slotList.reduce((sum, slot) => sum + slot.restarts, 0);
  }

  /** Stop every fork-server (each sweeps its slot) and fail queued runs; idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.pool.close('the sandbox was closed');
      await Promise.all(this.slotList.map((slot) => slot.close()));
      if (this.settings.unsafeWorkRoot !== undefined) {
        rmSync(this.settings.unsafeWorkRoot, { recursive: true, force: true });
      }
    })();
    return this.closing;
  }

  private async runWhere(request: RunRequest, only: (slot: Slot) => boolean): Promise<RunResult> {
    const prepared = this.prepare(request);
    const profile = request.profile ?? 'lcb';
    let slot: Slot;
    try {
      slot = await this.pool.acquire(profile, only);
    } catch (error) {
      return infrastructureResult(error instanceof Error ? error.message : String(error));
    }
    try {
      if (prepared.signal?.aborted) return emptyResult('stopped'); // its AbortSignal fired while it waited for a slot
      return await slot.run(profile, prepared);
    } finally {
      this.pool.release(slot);
    }
  }

  private prepare(request: RunRequest): PreparedRun {
    const parsed = requestSchema.safeParse(request);
    if (!parsed.success)
      throw new UserError(`invalid sandbox run request: ${allIssues(parsed.error).join('; ')}`);
    const stdin = request.stdin ?? '';
    return {
      source: Buffer.from(request.source, 'utf8'),
      stdin: typeof stdin === 'string' ? Buffer.from(stdin, 'utf8') : Buffer.from(stdin),
      limits: resolveLimits(this.defaults, request.limits),
      ...(request.onMessage === undefined ? {} : { onMessage: request.onMessage }),
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    };
  }
}

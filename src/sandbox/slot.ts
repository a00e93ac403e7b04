/**
 * One slot: a host identity (its own uid when Node runs as root) and up to one fork-server per profile,
 * started on first use. A server that dies, hangs or asks to be recycled is replaced before the slot's
 * next run; the run during which it failed is reported as an infrastructure error, never as a verdict.
 */
import { ForkServer, infrastructureResult, type PreparedRun } from './fork-server.ts';
import { type LaunchSettings, serverLaunch } from './launch.ts';
import type { RunResult, SandboxProfile } from './types.ts';

/** A slot of the pool; runs one program at a time (the pool guarantees it). */
export class Slot {
  private readonly servers = new Map<SandboxProfile, ForkServer>();
  /** servers that asked to be replaced and are on their way out */
  private readonly exiting = new Set<Promise<void>>();
  /** fork-servers replaced after they died or hung */
  restarts = 0;

  constructor(
    readonly index: number,
    private readonly settings: LaunchSettings,
  ) {}

  /** True when a server for `profile` is up, so a run starts without paying the start-up. */
  isWarm(profile: SandboxProfile): boolean {
    return this.servers.get(profile)?.usable === true;
  }

  /** Host pids of this slot's running server processes (bwrap, or python in unsafe mode). */
  serverPids(): number[] {
    return [...this.servers.values()].flatMap((server) => (server.pid === undefined ? [] : [server.pid]));
  }

  /** Start the server for `profile` now, so that the first run does not pay for it. */
  async warm(profile: SandboxProfile): Promise<void> {
    const started = await this.server(profile);
    if (typeof started === 'string') throw new Error(started);
  }

  /** Run one program on this slot's server for `profile`. */
  async run(profile: SandboxProfile, run: PreparedRun): Promise<RunResult> {
    const server = await this.server(profile);
    if (typeof server === 'string') return infrastructureResult(server);
    const result = await server.run(run);
    if (!server.usable) {
      this.servers.delete(profile);
      if (result.status === 'infrastructure-error') {
        this.restarts++;
        await server.kill();
      } else {
        // it asked to be replaced and exits by itself; the next run need not wait for that
        const exiting = server.quit().finally(() => this.exiting.delete(exiting));
        this.exiting.add(exiting);
      }
    }
    return result;
  }

  /** Stop every server of the slot (each sweeps its runs' processes on the way out). */
  async close(): Promise<void> {
    const servers = [...this.servers.values()];
    this.servers.clear();
    await Promise.all([...servers.map((server) => server.quit()), ...this.exiting]);
  }

  private async server(profile: SandboxProfile): Promise<ForkServer | string> {
    const existing = this.servers.get(profile);
    if (existing?.usable) return existing;
    if (existing !== undefined) await existing.kill();
    const server = new ForkServer(serverLaunch(this.settings, this.index, profile));
    this.servers.set(profile, server);
    try {
      await server.start();
      return server;
    } catch (error) {
      this.servers.delete(profile);
      await server.kill();
      const detail = error instanceof Error ? error.message : String(error);
      return `could not start the ${profile} fork-server of slot ${this.index}: ${detail}`;
    }
  }
}

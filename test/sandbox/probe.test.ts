import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnoseBwrapFailure, probeSandbox, type UsernsSettings } from '../../src/sandbox/probe.ts';

const OPEN: UsernsSettings = {
  apparmorRestrict: undefined,
  maxUserNamespaces: '15000',
  unprivilegedClone: undefined,
  container: false,
};
const BWRAP_SAID = 'bwrap: setting up uid map: Permission denied\n';

describe('probeSandbox', () => {
  it('creates a slot sandbox on this machine and reports the versions it found', async () => {
    const report = await probeSandbox();
    assert.equal(report.ok, true, `${report.problem} / ${report.hint}`);
    assert.equal(report.cause, undefined);
    assert.match(report.bwrapVersion ?? '', /^\d+\.\d+/);
    assert.equal(report.pythonVersion, '3.11.2');
    assert.equal(report.pythonPath, '/usr/bin/python3');
  });

  it('names a missing python3 with the apt-get line', async () => {
    const report = await probeSandbox({ pythonPath: '/nonexistent/python3' });
    assert.equal(report.ok, false);
    assert.equal(report.cause, 'python-missing');
    assert.match(report.problem ?? '', /python3 was not found at \/nonexistent\/python3/);
    assert.match(report.hint ?? '', /apt-get install -y --no-install-recommends python3/);
  });

  it('names a missing bubblewrap with the apt-get line and the unsafe way out', async () => {
    const report = await probeSandbox({ bwrapPath: '/nonexistent/bwrap' });
    assert.equal(report.cause, 'bwrap-missing');
    assert.match(report.hint ?? '', /sudo apt-get install -y --no-install-recommends bubblewrap/);
    assert.match(report.hint ?? '', /--unsafe-no-sandbox/);
  });

  it('reports a bwrap that fails to create the sandbox, with what bwrap said', async () => {
    const report = await probeSandbox({ bwrapPath: '/usr/bin/false' });
    assert.equal(report.cause, 'bwrap-failed');
    assert.match(report.problem ?? '', /bubblewrap could not create the sandbox/);
  });
});

describe('diagnoseBwrapFailure', () => {
  it("explains Ubuntu's AppArmor restriction with both fixes", () => {
    const { problem, hint } = diagnoseBwrapFailure(BWRAP_SAID, { ...OPEN, apparmorRestrict: '1' });
    assert.match(problem, /\(bwrap: setting up uid map: Permission denied\): AppArmor restricts/);
    assert.match(hint, /profile bwrap \/usr\/bin\/bwrap flags=\(unconfined\)/);
    assert.match(hint, /sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0/);
  });

  it('gives the sysctl for disabled user namespaces', () => {
    assert.match(
      diagnoseBwrapFailure(BWRAP_SAID, { ...OPEN, maxUserNamespaces: '0' }).hint,
      /sudo sysctl -w user.max_user_namespaces=15000/,
    );
    assert.match(
      diagnoseBwrapFailure(BWRAP_SAID, { ...OPEN, unprivilegedClone: '0' }).hint,
      /sudo sysctl -w kernel.unprivileged_userns_clone=1/,
    );
  });

  it("points at the container's seccomp profile inside Docker", () => {
    const { problem, hint } = diagnoseBwrapFailure(BWRAP_SAID, { ...OPEN, container: true });
    assert.match(problem, /container/);
    assert.match(hint, /--security-opt seccomp=unconfined --security-opt apparmor=unconfined/);
  });

  it('falls back to a command that checks user namespaces', () => {
    assert.match(diagnoseBwrapFailure('', OPEN).problem, /\(no message\)$/);
    assert.match(diagnoseBwrapFailure('', OPEN).hint, /bwrap --unshare-all/);
  });
});

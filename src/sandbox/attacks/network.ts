/** Network attacks: reach a TCP listener of the host on 127.0.0.1 (loopback only; nothing leaves the box). */
import { type Attack, describeRun, judge, program, reported } from './attack.ts';

const CONNECT = `
import socket
report = {}
for host in ("127.0.0.1", "localhost"):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(2)
    try:
        s.connect((host, P["port"]))
        report[host] = "CONNECTED"
    except OSError as e:
        report[host] = str(e)
    finally:
        s.close()
print(json.dumps(report))
`;

/** Connect to a listener Node runs on the host's loopback. */
export const networkAttack: Attack = {
  name: 'network',
  summary: 'connect to a TCP listener of the host on 127.0.0.1',
  async run(context) {
    const result = await context.sandbox.run({ source: program({ port: context.port }, CONNECT) });
    await new Promise((resolve) => setTimeout(resolve, 100)); // let a connection, if any, be accepted
    const report = reported<Record<string, string>>(result);
    return judge(
      [
        [report !== undefined, `the program did not report: ${describeRun(result)}`],
        [context.connections() === 0, `the host listener accepted ${context.connections()} connection(s)`],
        [!Object.values(report ?? {}).includes('CONNECTED'), 'the program connected to the host listener'],
      ],
      `refused (${report?.['127.0.0.1'] ?? '?'})`,
    );
  },
};

"""The message channel of a sandboxed run: `import hrm_sandbox; hrm_sandbox.emit(data)`.

Each message is written to a private pipe (fd 3 of the run), never to stdout, as a 4-byte big-endian
length followed by the bytes; the caller receives messages in order as they arrive and may stop the run.
Output the program prints therefore cannot corrupt or forge the framing of this channel. The fork-server
installs this module in `sys.modules` before it forks a run; it is not a file on the run's path.
"""

import os

MESSAGE_FD = 3
MAX_MESSAGE_BYTES = (1 << 32) - 1


def emit(data):
    """Send one message (bytes-like) to the caller; blocks while the caller is behind."""
    if isinstance(data, str) or not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError("hrm_sandbox.emit() takes bytes, not %s" % type(data).__name__)
    payload = bytes(data)
    if len(payload) > MAX_MESSAGE_BYTES:
        raise ValueError("hrm_sandbox.emit(): a message is at most 4 GiB")
    view = memoryview(len(payload).to_bytes(4, "big") + payload)
    while view:
        written = os.write(MESSAGE_FD, view)
        view = view[written:]

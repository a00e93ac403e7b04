"""Kernel controls the fork-server and its runs use: prctl, and the seccomp filter of every run.

The filter guards the fork-server, which shares its uid with the runs: prlimit64 on another process
would lower the server's limits, setpriority with another target its priority. Both are refused (EPERM),
as are a few kernel interfaces no Python program needs (bpf, perf events, userfaultfd, io_uring, keys).
In unsafe mode (no pid namespace) signals to the server, to Node and to every process of the uid
(kill(-1)) are refused too. Syscalls of a foreign ABI (x32, i386 via int 0x80) fail with ENOSYS, so
they cannot bypass the table. On an architecture without a table here, runs get no filter.
"""

import ctypes
import os
import platform
import struct

LIBC = ctypes.CDLL(None, use_errno=True)
PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_SET_SECCOMP, PR_SET_CHILD_SUBREAPER, PR_SET_NO_NEW_PRIVS = 1, 4, 22, 36, 38
SECCOMP_MODE_FILTER = 2


def prctl(option, value):
    """prctl(option, value) or OSError."""
    if LIBC.prctl(option, ctypes.c_ulong(value), 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(%d) failed" % option)


SYSCALLS = {
    "x86_64": dict(arch=0xC000003E, prlimit64=302, setpriority=141, kill=62, tkill=200, tgkill=234,
                   rt_sigqueueinfo=129, rt_tgsigqueueinfo=297, pidfd_open=434, pidfd_send_signal=424,
                   bpf=321, perf_event_open=298, userfaultfd=323, io_uring_setup=425, io_uring_enter=426,
                   io_uring_register=427, keyctl=250, add_key=248, request_key=249),
    "aarch64": dict(arch=0xC00000B7, prlimit64=261, setpriority=140, kill=129, tkill=130, tgkill=131,
                    rt_sigqueueinfo=138, rt_tgsigqueueinfo=240, pidfd_open=434, pidfd_send_signal=424,
                    bpf=280, perf_event_open=241, userfaultfd=282, io_uring_setup=425, io_uring_enter=426,
                    io_uring_register=427, keyctl=219, add_key=217, request_key=218),
}
# Kernel interfaces no Python program needs and that have been the way into many kernel exploits;
# Docker's default profile refuses them too.
REFUSED = ("bpf", "perf_event_open", "userfaultfd", "io_uring_setup", "io_uring_enter", "io_uring_register",
           "keyctl", "add_key", "request_key")
LD_ABS, JEQ, JGE, RET = 0x20, 0x15, 0x35, 0x06  # classic BPF: ld [k]; jeq/jge #k; ret #k
ALLOW, EPERM, ENOSYS = 0x7FFF0000, 0x00050000 | 1, 0x00050000 | 38
NR_OFFSET, ARCH_OFFSET = 0, 4  # struct seccomp_data
X32_BIT = 0x40000000
SIGNAL_SYSCALLS = ("kill", "tkill", "tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo", "pidfd_open")


def arg_offset(i):
    """Offset of the low 32 bits of syscall argument i in struct seccomp_data (little-endian)."""
    return 16 + 8 * i


class Program:
    """A classic-BPF program whose forward jumps name labels."""

    def __init__(self):
        self.code, self.labels = [], {}

    def op(self, code, k, jt=None, jf=None):
        self.code.append((code, jt, jf, k))

    def label(self, name):
        self.labels[name] = len(self.code)

    def assemble(self):
        out = bytearray()
        for at, (code, jt, jf, k) in enumerate(self.code):
            def rel(target):
                return 0 if target is None else self.labels[target] - at - 1

            out += struct.pack("<HBBI", code, rel(jt), rel(jf), k & 0xFFFFFFFF)
        return bytes(out)


def seccomp_filter(protected_pids):
    """The filter bytes for this machine, or None on an architecture without a syscall table here."""
    nr = SYSCALLS.get(platform.machine())
    if nr is None:
        return None
    p = Program()
    p.op(LD_ABS, ARCH_OFFSET)
    p.op(JEQ, nr["arch"], None, "enosys")
    p.op(LD_ABS, NR_OFFSET)
    p.op(JGE, X32_BIT, "enosys", None)
    p.op(JEQ, nr["prlimit64"], "own_process_only", None)
    p.op(JEQ, nr["setpriority"], "setpriority", None)
    for name in REFUSED:
        p.op(JEQ, nr[name], "eperm", None)
    if protected_pids:
        for name in SIGNAL_SYSCALLS:
            p.op(JEQ, nr[name], "signal", None)
        p.op(JEQ, nr["pidfd_send_signal"], "eperm", None)
    p.op(RET, ALLOW)
    p.label("own_process_only")  # prlimit64(0, ...) is how glibc's setrlimit reaches the kernel
    p.op(LD_ABS, arg_offset(0))
    p.op(JEQ, 0, "allow", "eperm")
    p.label("setpriority")  # only setpriority(PRIO_PROCESS, 0, ...): this process
    p.op(LD_ABS, arg_offset(0))
    p.op(JEQ, os.PRIO_PROCESS, None, "eperm")
    p.op(LD_ABS, arg_offset(1))
    p.op(JEQ, 0, "allow", "eperm")
    p.label("signal")
    p.op(LD_ABS, arg_offset(0))
    for pid in protected_pids:
        p.op(JEQ, pid, "eperm", None)
    p.op(RET, ALLOW)
    p.label("allow")
    p.op(RET, ALLOW)
    p.label("eperm")
    p.op(RET, EPERM)
    p.label("enosys")
    p.op(RET, ENOSYS)
    return p.assemble()


class SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def prepare_filter(filter_bytes):
    """The `struct sock_fprog` for prctl, built once in the server so that a run pays two prctl calls."""
    buf = ctypes.create_string_buffer(filter_bytes, len(filter_bytes))
    return buf, SockFprog(len(filter_bytes) // 8, ctypes.cast(buf, ctypes.c_void_p))


def install_filter(prepared):
    """Confine the calling process, and everything it forks, to the filter; there is no way back."""
    prctl(PR_SET_NO_NEW_PRIVS, 1)
    if LIBC.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(prepared[1]), 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "installing the seccomp filter failed")

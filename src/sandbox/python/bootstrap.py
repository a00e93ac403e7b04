"""Entry of a fork-server: `python3 -I -B -c <this file> <config json> <sources json>`.

The sources (this directory's modules, read by Node) arrive on the command line, so a slot's uid needs
no access to the project's files. Each becomes a module in sys.modules; then the server starts.
"""
import json
import sys
import types

SOURCES = json.loads(sys.argv[2])
for _name in ("sandbox_kernel", "sandbox_sweep", "sandbox_child", "forkserver"):
    _module = types.ModuleType(_name)
    _module.__file__ = _name + ".py"
    sys.modules[_name] = _module
    exec(compile(SOURCES[_name], _name + ".py", "exec", dont_inherit=True), _module.__dict__)
sys.modules["forkserver"].main(SOURCES)

"""Runs `cli.main` again and again for the fuzz tests, each run in a forked child with a memory
limit and a hang guard, so a bomb or a hang fails one case instead of the machine.

The program is imported once, then every case is a fork: a few milliseconds instead of the
second a fresh interpreter takes. Requests and replies are JSON lines on stdin and stdout:
{"argv": [...], "cwd": ..., "home": ...} -> {"status": ..., "signal": ..., "stdout": ..., ...}.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sys
import tempfile
import traceback

HANG_GUARD = 30  # seconds a case may run
HEADROOM = 1024 * 1024 * 1024  # bytes of address space a case may add to the loaded program


def _address_space() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[0]) * resource.getpagesize()


def run_case(request: dict, limit: int) -> dict:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        pid = os.fork()
        if pid == 0:  # the case
            code = 99
            try:
                os.dup2(out.fileno(), 1)
                os.dup2(err.fileno(), 2)
                resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
                if request.get("umask") is not None:
                    os.umask(request["umask"])
                signal.alarm(request.get("guard", HANG_GUARD))  # SIGALRM ends a hang
                os.chdir(request["cwd"])
                os.environ["FIBRO_ASSESS_HOME"] = request["home"]
                from assessment import cli

                try:
                    if "python" in request:  # the worker's own test: a crash, a hang, a bomb
                        exec(request["python"], {})  # noqa: S102 - test code only
                        code = 0
                    else:
                        code = cli.main(request["argv"])
                except SystemExit as stop:  # argparse's own usage errors
                    code = stop.code if isinstance(stop.code, int) else 2
            except BaseException:  # noqa: BLE001 - anything else is what the fuzzing looks for
                traceback.print_exc()
                code = 99
            finally:
                try:
                    sys.stdout.flush()
                    sys.stderr.flush()
                finally:
                    os._exit(code)
        _, status = os.waitpid(pid, 0)
        out.seek(0)
        err.seek(0)
        return {
            "status": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
            "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
            "stdout": out.read().decode("utf-8", "replace"),
            "stderr": err.read().decode("utf-8", "replace"),
        }


def main() -> None:
    # Everything a case needs, imported before the first fork.
    from assessment import cli  # noqa: F401
    from assessment.core import answers, loader, scoring  # noqa: F401
    from assessment.history import commands, export, store  # noqa: F401

    limit = _address_space() + HEADROOM
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        print(json.dumps(run_case(json.loads(line), limit)), flush=True)


if __name__ == "__main__":
    main()

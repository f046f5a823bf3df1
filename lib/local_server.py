"""Serve one of this project's Streamlit scripts on a free loopback port, and the Chromium that drives it.

Development tooling, never imported by the app: the browser tests (tests/e2e) and the benchmark (bench/)
both start servers and Chromium this way, and neither imports the other.  Every server started here is a
child process of its caller; `Server.stop()` ends exactly that process.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from lib.domain import paths

# Debian's Chromium, driven by Playwright's Python package (Playwright's own browser download does not work
# on these machines); PAPI_CHROMIUM points elsewhere.
CHROMIUM = os.environ.get("PAPI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HEALTH_TIMEOUT_S = 60.0


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def proc_status(pid: int) -> dict[str, int]:
    """Return VmRSS, VmHWM (peak), RssAnon and RssFile of a process in bytes, from /proc (Linux); empty elsewhere.

    RssAnon is the process's own memory (heaps, caches, buffers); RssFile is the part of mapped files held in
    memory, mostly the code of the shared libraries it has run (DuckDB's alone is about 40 MB), which the page
    cache shares with every other process using them.
    """
    values: dict[str, int] = {}
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return values
    for line in text.splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
            values[name] = int(rest.split()[0]) * 1024
    return values


@dataclass
class Server:
    """One `streamlit run <script>` child process with `env` added, its output in `server-<name>.log`."""

    name: str
    script: Path
    env: dict[str, str] = field(default_factory=dict)
    port: int = 0
    proc: subprocess.Popen[bytes] | None = None
    log_path: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, log_dir: Path) -> Server:
        """Start the server and return once it answers its health check (RuntimeError when it never does)."""
        self.port = free_port()
        log_dir.mkdir(parents=True, exist_ok=True)
        self.log_path = log_dir / f"server-{self.name}.log"
        env = {**os.environ, **self.env, "PYTHONUNBUFFERED": "1"}
        cmd = [
            sys.executable, "-m", "streamlit", "run", str(self.script),
            "--server.headless", "true",
            "--server.port", str(self.port),
            "--server.address", "127.0.0.1",
            "--server.fileWatcherType", "none",
            "--server.runOnSave", "false",
            "--browser.gatherUsageStats", "false",
            "--global.developmentMode", "false",
        ]  # fmt: skip
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(cmd, cwd=str(paths.ROOT), env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + HEALTH_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server {self.name} exited early; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as resp:
                    if resp.status == 200:
                        return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"server {self.name} not healthy in {HEALTH_TIMEOUT_S:.0f} s; see {self.log_path}")

    def memory(self) -> dict[str, int]:
        return proc_status(self.proc.pid) if self.proc else {}

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)

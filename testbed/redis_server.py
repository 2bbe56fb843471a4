"""A real Redis for the tests and the bench: Debian's redis-server on 127.0.0.1, on a free
port, its files in a temporary folder, stopped afterwards (never a mock)."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
import time

from testbed.net import free_port

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def redis_available() -> bool:
    return shutil.which("redis-server") is not None


@contextlib.contextmanager
def redis_server():
    """Yields the URL of a redis-server started for the caller (no persistence to disk)."""
    import redis

    folder = tempfile.mkdtemp(prefix="redis-")
    port = free_port()
    proc = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--dir", folder, "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        client = redis.Redis.from_url(url)
        for _ in range(200):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if proc.poll() is not None:
                    raise RuntimeError(f"redis-server exited with {proc.returncode}") from None
                time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        shutil.rmtree(folder, ignore_errors=True)

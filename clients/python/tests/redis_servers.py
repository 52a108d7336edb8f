"""Real Redis for the integration tests: the two given by the environment
(``NAUTILUS_TEST_MARKETDATA_URL``, ``NAUTILUS_TEST_ENGINE_LOGIC_URL``, as the Java runner passes),
else two ``redis-server`` processes of the tests' own on free ports. Each test uses a stream
prefix of its own, so tests sharing a server never see each other's streams."""

import atexit
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid

import redis

_started = []
_urls = None


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(password=None):
    """A redis-server of the tests' own on a free port (``--requirepass`` when a password is given);
    its URL, with the password. Stopped when the tests end."""
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not os.path.exists(binary):
        raise RuntimeError("redis-server is not installed: these tests need a real Redis "
                           "(apt-get install redis-server)")
    last = None
    for _ in range(3):  # another process may take the port between the probe and Redis binding it
        port = _free_port()
        directory = tempfile.mkdtemp(prefix="nautilus-py-redis-")
        command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                   "--dir", directory] + (["--requirepass", password] if password else [])
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        url = "redis://%s127.0.0.1:%d" % (":%s@" % password if password else "", port)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if redis.Redis.from_url(url, socket_timeout=1).ping():
                    _started.append((process, directory))
                    return url
            except redis.ConnectionError as error:
                last = error
            time.sleep(0.02)  # start-up wait only: Redis answers within milliseconds
        process.kill()
        process.wait()
        shutil.rmtree(directory, ignore_errors=True)
    raise RuntimeError("redis-server did not start: %s" % last)


@atexit.register
def _stop():
    for process, directory in _started:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(directory, ignore_errors=True)


def urls():
    """(marketdata_url, engine_logic_url)."""
    global _urls
    if _urls is None:
        given = os.environ.get("NAUTILUS_TEST_MARKETDATA_URL"), os.environ.get("NAUTILUS_TEST_ENGINE_LOGIC_URL")
        _urls = given if all(given) else (start(), start())
    return _urls


def fresh_prefix():
    return "t" + uuid.uuid4().hex[:12]

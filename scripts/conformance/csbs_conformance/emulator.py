"""A `csbs serve --memory --port 0` process and its control API (`/csbs-emulator/v1/`)."""
import json
import os
import re
import select
import shlex
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

CONTROL = "/csbs-emulator/v1"
# Fallback for the AK/SK pair the contract gives the demo account, used when `csbs serve` does not print it.
DEMO_AK = "CSBSDEMOACCESSKEY001"
DEMO_SK = "csbsDemoSecretKey0000000000000000000001"


class Emulator:
    """One emulator process with in-memory state.

    Durations of every simulated operation are set to one second (each `--*-duration` flag that `csbs serve
    --help` lists); `settle()` moves the emulator's clock past them through the control API when it is served,
    and only falls back to real sleeping when it is not.
    """

    STEP_SECONDS = 2
    MAX_DRIFT = 300

    def __init__(self, binary):
        self.binary = binary
        self.process = None
        self.settings = {}
        self.duration_flags = self._duration_flags()
        self._has_control = None
        self.restarts = 0
        # Seconds the clock was moved since the last start. AK/SK signatures carry the real time and the
        # emulator may refuse ones 15 minutes off its clock, so a drifted emulator is restarted, not reset.
        self.advanced = 0
        self.needs_restart = False

    def _duration_flags(self):
        help_text = subprocess.run([self.binary, "serve", "--help"], capture_output=True, text=True).stdout
        return sorted(set(re.findall(r"(--[a-z-]+-duration)\b", help_text)))

    def start(self):
        arguments = [self.binary, "serve", "--memory", "--port", "0"]
        for flag in self.duration_flags:
            arguments += [flag, "1s"]
        self.process = subprocess.Popen(arguments, stdout=subprocess.PIPE, stderr=sys.stderr)
        self.settings = self._read_banner(self.process.stdout.fileno())
        # Keep reading stdout so that a chatty emulator never blocks on a full pipe.
        threading.Thread(target=self.process.stdout.read, daemon=True).start()
        if "OS_REGION_NAME" not in self.settings:
            self.stop()
            raise RuntimeError("csbs serve did not print its settings")
        self.settings.setdefault("HUAWEICLOUD_SDK_AK", DEMO_AK)
        self.settings.setdefault("HUAWEICLOUD_SDK_SK", DEMO_SK)
        self.settings.setdefault("HUAWEICLOUD_SDK_PROJECT_ID", self.settings["OS_PROJECT_ID"])
        self._has_control = None
        self.advanced = 0
        self.needs_restart = False
        return self

    @staticmethod
    def _read_banner(fd):
        """Reads the `export NAME=value` banner; stops at the AK/SK lines or after a short quiet spell."""
        buffer, deadline, quiet_until = b"", time.time() + 60, None
        while time.time() < deadline:
            if b"HUAWEICLOUD_SDK_PROJECT_ID" in buffer and buffer.endswith(b"\n"):
                break
            if quiet_until is None and b"OS_REGION_NAME" in buffer and buffer.endswith(b"\n"):
                quiet_until = time.time() + 0.3
            timeout = 1.0 if quiet_until is None else max(0.0, quiet_until - time.time())
            ready, _, _ = select.select([fd], [], [], timeout)
            if not ready:
                if quiet_until is not None:
                    break
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            buffer += chunk
        settings = {}
        for line in buffer.decode(errors="replace").splitlines():
            if line.startswith("export "):
                for assignment in shlex.split(line[len("export "):]):
                    name, _, value = assignment.partition("=")
                    settings[name] = value
        return settings

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    @property
    def endpoint(self):
        return self.settings["CSBS_ENDPOINT"]

    def control(self, method, path, body=None):
        """Calls the control API; returns (status, parsed JSON or None). 404/405 mean "not served"."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.endpoint + CONTROL + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                raw = response.read()
                return response.status, (json.loads(raw) if raw else None)
        except urllib.error.HTTPError as error:
            raw = error.read()
            try:
                return error.code, json.loads(raw) if raw else None
            except ValueError:
                return error.code, None

    @property
    def has_control(self):
        """Whether this emulator serves the control API (asked once, through `GET /clock`)."""
        if self._has_control is None:
            status, body = self.control("GET", "/clock")
            self._has_control = status == 200 and isinstance(body, dict) and "now" in body
        return self._has_control

    def fresh(self):
        """Brings the emulator back to its seeded state: `POST /reset`, or a restart when that is not served."""
        if self.process is None:
            return self.start()
        if (self.has_control and self.advanced < self.MAX_DRIFT and not self.needs_restart
                and self.control("POST", "/reset")[0] == 204):
            return self
        self.stop()
        self.restarts += 1
        return self.start()

    def settle(self, seconds=None):
        """Lets simulated time pass: advances the emulator clock, or sleeps when there is no clock control."""
        seconds = seconds or self.STEP_SECONDS
        if self.has_control:
            status, _ = self.control("POST", "/clock/advance", {"seconds": seconds})
            if status == 200:
                self.advanced += seconds
                return
        time.sleep(seconds)

    def add_fault(self, rule):
        status, body = self.control("POST", "/faults", rule)
        if status != 200:
            raise RuntimeError("the emulator refused the fault rule (HTTP %d)" % status)
        return body["fault"]["id"]

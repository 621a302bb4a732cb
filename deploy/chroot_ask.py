"""Start the image's filesystem under chroot and ask it a question: `python deploy/chroot_ask.py [TAG]`.

Podman here can build images but cannot start containers (no cgroups). So: create a container (never
started), mount its writable root filesystem, and run the image's own CMD there under chroot with the
image's ENV, WORKDIR and USER; then POST /api/ask through gunicorn and check the answer quotes its
passage verbatim. Prints one summary line; exits non-zero when any step fails.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

QUESTION = "Do councils want fewer partnerships?"


@dataclass(frozen=True)
class ImageConfig:
    """What the image says about how to run it."""

    env: dict[str, str]
    workdir: str
    user: str
    cmd: list[str]


def podman(*args: str) -> str:
    """Run one podman command and return its standard output."""
    return subprocess.run(["podman", *args], check=True, capture_output=True, text=True).stdout.strip()


def image_config(tag: str) -> ImageConfig:
    """Read ENV, WORKDIR, USER and CMD from `podman image inspect`."""
    config = json.loads(podman("image", "inspect", tag))[0]["Config"]
    env = dict(item.split("=", 1) for item in config.get("Env", []))
    return ImageConfig(env, config.get("WorkingDir") or "/", config.get("User") or "0", config["Cmd"])


def ids_of(root: Path, user: str) -> tuple[int, int]:
    """Return (uid, gid) for the image's USER, looked up in the image's own /etc/passwd."""
    name = user.split(":")[0]
    for line in (root / "etc/passwd").read_text().splitlines():
        fields = line.split(":")
        if name in (fields[0], fields[2]):
            return int(fields[2]), int(fields[3])
    return int(name), int(name)


def enter(root: Path, workdir: str, uid: int, gid: int):
    """Return a pre-exec hook: chroot into root, chdir to WORKDIR, drop to the image's user."""

    def hook() -> None:
        os.chroot(root)
        os.chdir(workdir)
        os.setgroups([])
        os.setgid(gid)
        os.setuid(uid)

    return hook


def free_port() -> int:
    """Return a loopback port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(root: Path, config: ImageConfig, port: int) -> subprocess.Popen[bytes]:
    """Start the image's CMD under chroot (the host's network, as a container with --network host)."""
    uid, gid = ids_of(root, config.user)
    # one worker, bound to loopback: the check needs an answer, not throughput, and the host is shared
    env = config.env | {"PORT": str(port), "HOST": "127.0.0.1", "WEB_CONCURRENCY": "1"}
    return subprocess.Popen(
        config.cmd,
        env=env,
        preexec_fn=enter(root, config.workdir, uid, gid),  # a single-threaded script: fork is safe
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_ready(base: str, server: subprocess.Popen[bytes], limit: float = 240) -> None:
    """Poll /readyz until the worker has loaded the model and the index."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited {server.returncode}: {server_log(server)}")
        try:
            with urllib.request.urlopen(f"{base}/readyz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(1)
    raise RuntimeError("gunicorn under chroot did not become ready")


def server_log(server: subprocess.Popen[bytes]) -> str:
    """Return the tail of the server's standard error."""
    assert server.stderr is not None
    return server.stderr.read().decode(errors="replace")[-3000:]


def ask(base: str, question: str) -> dict:
    """POST one question to /api/ask and return the JSON body."""
    request = urllib.request.Request(
        f"{base}/api/ask",
        method="POST",
        data=json.dumps({"question": question}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return dict(json.load(response))


def verified_quotes(body: dict) -> list[str]:
    """Return the citations' quotes that stand verbatim at their offsets in their passages."""
    texts = {passage["id"]: passage["text"] for passage in body["passages"]}
    found = [(c, texts[c["passage_id"]]) for c in body["citations"] if c["quote_start"] is not None]
    return [c["quote"] for c, text in found if text[c["quote_start"] : c["quote_end"]] == c["quote"]]


def ask_image(tag: str, question: str = QUESTION) -> tuple[dict, list[str]]:
    """Run the image's CMD under chroot in a fresh container's root; return the answer and verified quotes."""
    config = image_config(tag)
    container = podman("create", tag)
    server = None
    try:
        root = Path(podman("mount", container))
        port = free_port()
        server = start(root, config, port)
        base = f"http://127.0.0.1:{port}"
        wait_ready(base, server)
        body = ask(base, question)
        return body, verified_quotes(body)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=60)
        podman("unmount", container)
        podman("rm", container)


def main(argv: list[str]) -> int:
    """Ask the image one question; print the answer's first quote and a summary line."""
    tag = argv[0] if argv else "qa-service:latest"
    started = time.monotonic()
    try:
        body, quotes = ask_image(tag)
    except (RuntimeError, subprocess.CalledProcessError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if not (body["covered"] and quotes and len(quotes) == len(body["citations"])):
        print(f"error: no verified answer: {json.dumps(body)[:2000]}", file=sys.stderr)
        return 1
    print(f"{tag} under chroot answered {QUESTION!r} in {time.monotonic() - started:.0f} s")
    print(f"{len(quotes)} verified quote(s), first: {quotes[0]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The README's picture of the progress display: `summarizer brief` run on a pseudo-terminal,
the frame of its display where the model is writing, saved as SVG.

    python scripts/progress_picture.py examples docs/img/progress.svg
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import tempfile
import termios
from pathlib import Path

_REDRAW = re.compile(r"\r(?:\x1b\[2K\x1b\[1A)+\x1b\[2K")  # how rich's live display redraws itself


def capture(day: str) -> str:
    """All the display wrote while briefing `day` (real model, no cache)."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 130, 0, 0))  # rows, columns
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "summarizer", "brief", day, "--no-cache", "--out", out]
        env = {**os.environ, "COLUMNS": "130", "LINES": "30"}
        process = subprocess.Popen(command, stdin=follower, stdout=follower, stderr=follower, env=env)
        os.close(follower)
        chunks = []
        while True:
            try:
                data = os.read(leader, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        process.wait()
    return b"".join(chunks).decode("utf-8", "replace")


def main() -> None:
    day, target = sys.argv[1], Path(sys.argv[2])
    from rich.console import Console
    from rich.text import Text

    frames = [f.replace("\r\n", "\n") for f in _REDRAW.split(capture(day))]
    frames = [f for f in frames if "tokens/s" in f and "summarizing stories" in f.splitlines()[-1]]
    if not frames:
        raise SystemExit("no frame shows the model writing")
    with Path(os.devnull).open("w") as sink:
        console = Console(record=True, width=130, file=sink)
        console.print(Text.from_ansi(frames[-1].rstrip("\r\n")))
    target.parent.mkdir(parents=True, exist_ok=True)
    console.save_svg(str(target), title="summarizer brief examples/")
    print(target)


if __name__ == "__main__":
    main()

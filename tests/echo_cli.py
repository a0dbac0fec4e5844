"""`summarizer` with a stand-in model registered as the `echo` backend, for tests that run the
command line in a process of its own. The stand-in answers with the prompt's first source
sentences; ECHO_DELAY (seconds) makes it slow and ECHO_STARTED (a path) is created when it is
first asked, so a test knows the model stage has begun."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

from summarizer.abstractive import BACKENDS, BackendEntry, GenerationSettings
from summarizer.cli import main
from summarizer.config import AbstractiveConfig
from summarizer.models import ModelInfo


class Echo:
    def info(self) -> ModelInfo:
        return ModelInfo("echo", "echo", "0" * 64)

    def generate(self, system: str, user: str, settings: GenerationSettings) -> str:
        started = os.environ.get("ECHO_STARTED")
        if started:
            Path(started).touch()
        time.sleep(float(os.environ.get("ECHO_DELAY", "0")))
        sentences = [line[2:].strip() for line in user.splitlines() if line.startswith("- ")]
        first = sentences[0] if sentences else "Nothing to report."
        return f"HEADLINE: {' '.join(first.split()[:8])}\nSUMMARY: {' '.join(sentences[:2])}"


def _create(config: AbstractiveConfig, progress: Callable[[str], None]) -> Echo:
    return Echo()


BACKENDS["echo"] = BackendEntry("echo", _create, "stand-in for tests", lambda: None)

if __name__ == "__main__":
    # Ctrl-C interrupts as in a terminal even when the test runner that started this process
    # ignores SIGINT (an ignored signal is inherited, and Python then raises no KeyboardInterrupt)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    main()

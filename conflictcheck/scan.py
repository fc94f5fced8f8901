"""Paths in, a scan result out: find the files, serve what the cache knows, analyse the rest
(analyse_files.py, in parallel), then hide what the user asked not to see (info findings,
baselined findings).

The cache is consulted first, in this process, so a warm rescan never starts a child process
nor loads the language pipeline.
"""

from __future__ import annotations

import fnmatch
import importlib.util
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from conflictcheck.cache import ResultCache, RulebookSummary, context_key, default_cache_dir
from conflictcheck.file_analysis import FileAnalysis
from conflictcheck.file_digests import FileDigests
from conflictcheck.finding_store import FindingStore, json_texts
from conflictcheck.model import Finding, Rule, Severity

if TYPE_CHECKING:
    from conflictcheck.analyse_files import Progress
    from conflictcheck.baseline import Baseline, BaselineOutcome
    from conflictcheck.cache_entry import CacheEntry
    from conflictcheck.rulebook import Rulebook

# Imported where used (analysis, baseline): a warm rescan served from the cache needs neither,
# and start-up time is most of what it costs.

BASE_SUFFIXES = (".docx", ".txt", ".md")
# Hidden folders (.git, .venv) and Word's owner files (~$draft.docx) are never drafts.
DEFAULT_EXCLUDE = (".*", "~$*")


def supported_suffixes() -> tuple[str, ...]:
    if importlib.util.find_spec("pypdf") is not None:
        return (*BASE_SUFFIXES, ".pdf")
    return BASE_SUFFIXES


# --- records ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class InputFile:
    path: Path  # as found (absolute); read from here
    display: str  # posix path relative to the scan root: reports, annotated copies, baseline


@dataclass(frozen=True)
class FileResult:
    file: InputFile
    passages: int = 0
    findings: Sequence[Finding] = ()  # what the reports show (info and baselined ones removed); on disk
    error: str | None = None
    cached: bool = False
    hidden_info: int = 0
    suppressed: int = 0  # findings a baseline accepted
    tally: Counter[tuple[str, Severity]] | None = None  # findings per (rule, severity); counted when not given

    @property
    def display(self) -> str:
        return self.file.display

    def counts(self) -> Counter[tuple[str, Severity]]:
        """Findings per (rule, severity), without reading the findings back when the scan counted them."""
        return self.tally if self.tally is not None else tally(self.findings)

    def json_texts(self) -> list[str] | None:
        """Each finding as the JSON report writes it, when the file's cache entry or the scan made them."""
        return json_texts(self.findings)


def tally(findings: Iterable[Finding]) -> Counter[tuple[str, Severity]]:
    return Counter((f.rule_id, f.severity) for f in findings)


@dataclass(frozen=True)
class RulebookSource:
    """A rulebook not loaded yet: the folders and settings it is built from.

    `digest()` hashes the rule files' bytes and the settings, which is all a cache key needs,
    so a rescan served wholly from the cache never parses the rule files. Entries are written
    only after a successful load under the same digest, so a cache hit also vouches that these
    rule files and settings were valid.
    """

    folders: tuple[Path, ...] = ()
    mode: str = "add"
    enable: tuple[str, ...] | None = None
    disable: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()

    def chosen_folders(self) -> list[Path]:
        from conflictcheck.rulebook import bundled_rules_folder

        if self.mode == "add" or not self.folders:
            return [bundled_rules_folder(), *self.folders]
        return list(self.folders)

    def digest(self) -> str:
        import hashlib

        digest = hashlib.sha256(repr((self.mode, self.enable, self.disable, self.severity)).encode())
        for folder in self.chosen_folders():
            digest.update(str(folder.resolve()).encode())
            for path in sorted(folder.rglob("*.yaml")) if folder.is_dir() else []:
                digest.update(path.relative_to(folder).as_posix().encode())
                digest.update(path.read_bytes())
        return "source:" + digest.hexdigest()

    def load(self) -> Rulebook:
        severity = {k: Severity.parse(v) for k, v in self.severity}
        return build_rulebook(self.chosen_folders(), "replace", self.enable, self.disable, severity)


@dataclass(frozen=True)
class ScanResult:
    files: tuple[FileResult, ...]
    source: Rulebook | RulebookSource  # the rulebook, or how to load it when a report asks
    root: Path
    show_info: bool = False
    baseline: BaselineOutcome | None = None
    analysed: int = 0  # files read and checked (not served from the cache)
    rulebook_summary: RulebookSummary | None = None  # from the cache, when the rulebook was not loaded

    @cached_property
    def rulebook(self) -> Rulebook:
        return self.source.load() if isinstance(self.source, RulebookSource) else self.source

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self.rulebook.rules

    @property
    def rulebook_fingerprint(self) -> str:
        return self._summary.fingerprint

    @property
    def enabled_rule_ids(self) -> tuple[str, ...]:
        return self._summary.enabled_rule_ids

    @property
    def _summary(self) -> RulebookSummary:
        if self.rulebook_summary is not None and isinstance(self.source, RulebookSource):
            return self.rulebook_summary
        return summarise(self.rulebook)

    @property
    def findings(self) -> Iterator[tuple[FileResult, Finding]]:
        for result in self.files:
            for finding in result.findings:
                yield result, finding

    @property
    def unreadable(self) -> tuple[FileResult, ...]:
        return tuple(r for r in self.files if r.error is not None)

    @property
    def passages(self) -> int:
        return sum(r.passages for r in self.files)

    def counts(self) -> Counter[tuple[str, Severity]]:
        total: Counter[tuple[str, Severity]] = Counter()
        for result in self.files:
            total.update(result.counts())
        return total

    @property
    def finding_count(self) -> int:
        return sum(len(result.findings) for result in self.files)


@dataclass(frozen=True)
class ScanOptions:
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    jobs: int | None = None  # None: every core
    show_info: bool = False
    use_cache: bool = True
    cache_dir: Path | None = None  # None: the user's cache folder
    baseline: Baseline | None = None
    root: Path | None = None  # None: the current folder when it holds every input
    extra_cache_key: Mapping[str, object] = field(default_factory=dict)
    # A JSON report will be written: each finding's text is made as its file completes (a parallel
    # scan does it while other processes still read drafts, instead of after the last one).
    json_report: bool = False


# --- exit codes -------------------------------------------------------------------------------

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 3


def exit_code(result: ScanResult, threshold: Severity | None) -> int:
    """3 when any input could not be read (the verdict is incomplete), else 1 when a finding
    reaches `threshold`, else 0. `threshold=None` is --fail-on never."""
    if result.unreadable:
        return EXIT_UNREADABLE
    if threshold is None:
        return EXIT_OK
    for file_result in result.files:
        if any(severity >= threshold for _, severity in file_result.counts()):
            return EXIT_FINDINGS
        if threshold == Severity.INFO and file_result.hidden_info:
            return EXIT_FINDINGS
    return EXIT_OK


# --- finding files ----------------------------------------------------------------------------


def discover_files(
    paths: Iterable[str | Path],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    root: Path | None = None,
    skip: Sequence[Path] = (),
) -> tuple[list[InputFile], Path]:
    """Every file to scan, once each, sorted, with the root their display paths are relative to.

    Folders are walked without following directory links; a file reached twice (through a link
    or named twice) is listed once. `include`/`exclude` are fnmatch globs tried against the path
    relative to the folder named and against the file name. Files named directly skip `include`
    and the extension check (reading them tells the user what is wrong) but not `exclude`.
    Folders in `skip` (where annotated copies go) are never entered.

    Paths are handled as strings and folders read with os.scandir, whose entries know their kind:
    a warm rescan of thousands of drafts spent most of its discovery building pathlib objects
    and asking the system about each file again.
    """
    skipped = {os.path.realpath(s) for s in skip}
    found: list[str] = []
    seen: set[str] = set()
    real_folders: dict[str, str] = {}
    for given in paths:
        for candidate, link in _expand(Path(given), include, exclude, skipped):
            real = _real_path(candidate, link, real_folders)
            if real not in seen:
                seen.add(real)
                found.append(candidate)
    base = root.absolute() if root else _common_root(found)
    files = [InputFile(Path(p), _display(p, os.fspath(base))) for p in found]
    return sorted(files, key=lambda f: f.display), base


def _real_path(path: str, link: bool, real_folders: dict[str, str]) -> str:
    """The path with every link resolved. Folders are resolved once each: resolving every file
    whole costs a system call per path component, a noticeable share of a warm rescan."""
    if link:
        return os.path.realpath(path)
    parent, name = os.path.split(path)
    folder = real_folders.get(parent)
    if folder is None:
        folder = real_folders[parent] = os.path.realpath(parent)
    return os.path.join(folder, name)


def _expand(
    given: Path, include: Sequence[str], exclude: Sequence[str], skipped: set[str]
) -> Iterator[tuple[str, bool]]:
    """The files `given` names or holds, each with whether it is a link itself."""
    given = given.absolute()
    if not given.exists():
        raise FileNotFoundError(f"{given}: no such file or folder")
    if not given.is_dir():
        if not _matches(given.name, given.name, exclude):
            yield os.fspath(given), given.is_symlink()
        return
    suffixes = supported_suffixes()
    yield from _walk(os.fspath(given), "", suffixes, (*DEFAULT_EXCLUDE, *exclude), include, skipped)


def _walk(
    folder: str,
    rel_folder: str,
    suffixes: tuple[str, ...],
    skip: Sequence[str],
    include: Sequence[str],
    skipped: set[str],
) -> Iterator[tuple[str, bool]]:
    """A folder's files (sorted), then its subfolders' in turn, as os.walk(followlinks=False) goes:
    a link to a folder is not entered, a link to a file is a file."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:
        return  # as os.walk: a folder that cannot be listed holds nothing to scan
    folders = []
    for entry in entries:
        name = entry.name
        rel = rel_folder + name
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if not entry.is_symlink() and not _matches(rel, name, skip) and os.path.realpath(entry.path) not in skipped:
                folders.append(entry)
            continue
        if os.path.splitext(name)[1].lower() not in suffixes or _matches(rel, name, skip):
            continue
        if include and not _matches(rel, name, include):
            continue
        try:
            if entry.is_file():
                yield entry.path, entry.is_symlink()
        except OSError:
            continue
    for entry in folders:
        yield from _walk(entry.path, rel_folder + entry.name + "/", suffixes, skip, include, skipped)


def _matches(rel: str, name: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatchcase(rel, p) or fnmatch.fnmatchcase(name, p) for p in patterns)


def _common_root(files: Sequence[str]) -> Path:
    cwd = os.getcwd()
    if all(_within(p, cwd) for p in files):
        return Path(cwd)
    return Path(os.path.commonpath([os.path.dirname(p) for p in files])) if files else Path(cwd)


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder if folder.endswith(os.sep) else folder + os.sep)


def _display(path: str, root: str) -> str:
    """The path relative to `root` when it lies inside it, in posix form."""
    if path != root and _within(path, root):
        path = path[len(root) :].lstrip(os.sep)
    return path.replace(os.sep, "/")


# --- the scan ---------------------------------------------------------------------------------


def _kept(
    analysis: FileAnalysis,
    display: str,
    show_info: bool,
    store: FindingStore,
    render: Callable[[Finding], str] | None,
) -> FileAnalysis:
    """What the scan keeps of a file's analysis until its reports: the findings to show, naming
    the file as the scan does, in the store (with the text `render` gives each, if any)."""
    trimmed = analysis.trimmed(show_info)
    findings = [_relocate(f, display) for f in trimmed.findings]
    return replace(trimmed, findings=store.keep(findings, render), tally=tally(findings))


def _json_render(options: ScanOptions) -> Callable[[Finding], str] | None:
    """How a finding's JSON report text is made as its file completes, when a JSON report will copy it."""
    if not options.json_report or options.baseline is not None:  # a baseline keeps the shown findings anew
        return None
    from conflictcheck.reports.json_report import finding_text

    return finding_text


def _kept_entry(entry: CacheEntry, display: str, show_info: bool, store: FindingStore) -> FileAnalysis:
    """The same, for a file's analysis held as its cache entry: nothing is decoded until used."""
    findings = store.keep_entry(entry, display, show_info)
    return FileAnalysis(entry.passages, findings, None, entry.hidden_info(show_info), entry.tally(show_info))


def scan_paths(
    paths: Iterable[str | Path],
    rulebook: Rulebook | RulebookSource | None = None,
    options: ScanOptions | None = None,
    progress: Progress | None = None,
) -> ScanResult:
    """Scan files and folders; the bundled rulebook when none is given."""
    options = options or ScanOptions()
    if rulebook is None:
        rulebook = RulebookSource()
    files, root = discover_files(paths, options.include, options.exclude, options.root)
    return scan_files(files, root, rulebook, options, progress)


def scan_files(
    files: Sequence[InputFile],
    root: Path,
    rulebook: Rulebook | RulebookSource,
    options: ScanOptions,
    progress: Progress | None = None,
) -> ScanResult:
    """Scan listed files; a RulebookSource is loaded only if some file misses the cache.

    Raises what loading the rulebook raises (RuleFileError, KeyError for unknown rule ids).
    """
    tick = progress or (lambda _n: None)
    key = rulebook.digest() if isinstance(rulebook, RulebookSource) else rulebook.fingerprint
    cache = _open_cache(key, options)
    digests = FileDigests(cache.folder / DIGESTS_FILE) if cache is not None else None
    # Findings wait on disk, not in memory, from the moment a file is done until the reports.
    store = FindingStore()
    answers: dict[InputFile, tuple[FileAnalysis, bool]] = {}
    pending: list[tuple[InputFile, str | None]] = []
    for item in files:
        digest, cached = _lookup(cache, digests, item)
        if cached is not None:
            answers[item] = (_kept_entry(cached, item.display, options.show_info, store), True)
            tick(1)
        else:
            pending.append((item, digest))
    if digests is not None:
        digests.save()
    summary = cache.rulebook_summary() if cache is not None else None
    summary_missing = cache is not None and summary is None
    load_rulebook = _loader(rulebook)
    if pending:
        render = _json_render(options)

        def keep(index: int, analysis: FileAnalysis) -> FileAnalysis:
            # Called as each file completes: cache it whole, keep only what will be reported.
            item, digest = pending[index]
            if cache is not None and digest is not None and analysis.error is None:
                entry = cache.put(digest, analysis.passages, analysis.findings)
                answers[item] = (_kept_entry(entry, item.display, options.show_info, store), False)
            else:
                answers[item] = (_kept(analysis, item.display, options.show_info, store, render), False)
            return answers[item][0]

        from conflictcheck.analyse_files import analyse_all

        paths = [item.path for item, _ in pending]
        analyse_all(paths, load_rulebook, options.jobs, tick, keep)
    # Nothing to scan: load anyway, so that bad rules are still reported. A cache without the
    # rulebook's summary gets it now, so that the next rescan need not load the rules either.
    if pending or not files or summary_missing:
        rulebook = load_rulebook()
    if summary_missing and cache is not None and not isinstance(rulebook, RulebookSource):
        cache.put_rulebook_summary(summarise(rulebook))
    result = _assemble(files, answers, rulebook, root, options, store, analysed=len(pending))
    return replace(result, rulebook_summary=summary)


def _loader(rulebook: Rulebook | RulebookSource) -> Callable[[], Rulebook]:
    """The rulebook, loaded on the first call: by the analysis when there are drafts to read (a
    parallel scan starts reading them first), else by the scan itself."""
    loaded: list[Rulebook] = []

    def load() -> Rulebook:
        if not loaded:
            loaded.append(rulebook.load() if isinstance(rulebook, RulebookSource) else rulebook)
        return loaded[0]

    return load


def summarise(rulebook: Rulebook) -> RulebookSummary:
    return RulebookSummary(rulebook.fingerprint, tuple(r.id for r in rulebook.rules if r.enabled))


DIGESTS_FILE = "digests.json"  # in the cache folder, beside the entries' folders


def _open_cache(rulebook_key: str, options: ScanOptions) -> ResultCache | None:
    if not options.use_cache:
        return None
    settings = {"rulebook": rulebook_key, **options.extra_cache_key}
    return ResultCache(options.cache_dir or default_cache_dir(), context_key(settings))


def _lookup(
    cache: ResultCache | None, digests: FileDigests | None, item: InputFile
) -> tuple[str | None, CacheEntry | None]:
    if cache is None or digests is None:
        return None, None
    try:
        digest = digests.digest(item.path)
    except OSError:
        return None, None  # reading will fail again and say why
    return digest, cache.get(digest)


def _assemble(
    files: Sequence[InputFile],
    answers: Mapping[InputFile, tuple[FileAnalysis, bool]],
    rulebook: Rulebook | RulebookSource,
    root: Path,
    options: ScanOptions,
    store: FindingStore,
    analysed: int,
) -> ScanResult:
    if options.baseline is not None:
        from conflictcheck.baseline import apply_baseline
    seen: set[str] = set()
    results = []
    for item in files:
        analysis, cached = answers[item]
        findings, counts, suppressed = analysis.findings, analysis.tally, 0
        if options.baseline is not None:
            shown, suppressed = apply_baseline(list(findings), options.baseline, seen)
            findings, counts = store.keep(shown), tally(shown)
        results.append(
            FileResult(
                item, analysis.passages, findings, analysis.error, cached, analysis.hidden_info, suppressed, counts
            )
        )
    outcome = None
    if options.baseline is not None:
        from conflictcheck.baseline import BaselineOutcome, unmatched_entries

        total = sum(r.suppressed for r in results)
        outcome = BaselineOutcome(total, unmatched_entries(options.baseline, seen))
    return ScanResult(tuple(results), rulebook, root, options.show_info, outcome, analysed)


def _relocate(finding: Finding, display: str) -> Finding:
    """Name the file as the scan does, so cached results from a moved file read right too."""
    location = finding.passage.location
    if location.file == display:
        return finding
    passage = replace(finding.passage, location=replace(location, file=display))
    return replace(finding, passage=passage)


# --- rulebook from settings -------------------------------------------------------------------


def build_rulebook(
    folders: Sequence[str | Path] = (),
    mode: str = "add",
    enable: Iterable[str] | None = None,
    disable: Iterable[str] = (),
    severity: Mapping[str, Severity] | None = None,
) -> Rulebook:
    """The rulebook a configuration asks for: bundled rules plus `folders`, or `folders` alone.

    Raises RuleFileError for bad rule files and KeyError for unknown rule ids.
    """
    from conflictcheck.rulebook import bundled_rules_folder, load_rulebook

    chosen = [Path(f) for f in folders]
    if mode == "add" or not chosen:
        chosen = [bundled_rules_folder(), *chosen]
    rulebook = load_rulebook(*chosen)
    if enable is None and not disable and not severity:
        return rulebook
    return rulebook.configured(enable=enable, disable=disable, severity_overrides=severity)

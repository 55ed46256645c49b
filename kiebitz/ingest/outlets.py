"""The outlet registry (built-in table + imported State Media Matrix) and the `outlet` component.

An outlet is identified from the URL's domain (subdomains and mirrors), the title suffix
("Headline – RT Russland ..."), branding in boilerplate lines ("Folgen Sie RT weiter") and a
hint given with the input (JSON Lines `outlet`); `Outlet.evidence` says which of them agreed.
"""

from __future__ import annotations

import csv
import os
import re
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from ..model import Article, Outlet
from ..paths import DATA_DIR
from ..pipeline import component
from .matrix import (  # noqa: F401  (re-exported: the outlet API lives here)
    country_alpha3,
    host_of,
    load_matrix,
    matrix_path,
    parse_state_media_matrix,
    save_matrix_rows,
)

BUILTIN_CSV = DATA_DIR / "outlets" / "builtin.csv"

# State Media Monitor typologies whose outlets are editorially controlled by a state ("captured" or
# "state-controlled"); the independent public/state-funded types (IP, ISF, ISM, ISFM) are not.
STATE_AFFILIATED_TYPOLOGIES = frozenset({"SC", "CaPu", "CaPr"})

EVIDENCE_ORDER = ("url", "title", "text", "given")
MAX_SECTION_WORDS = 6


@dataclass
class OutletInfo:
    """One outlet as the registry knows it."""

    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    country: str | None = None
    ownership: str | None = None
    state_affiliated: bool | None = None
    typology: str | None = None
    company: str | None = None
    sources: tuple[str, ...] = ("builtin",)
    _typologies: Counter = field(default_factory=Counter, repr=False)


def _parents(host: str) -> list[str]:
    """host, then each parent domain with at least two labels: de.rt.com, rt.com."""
    labels = host.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]


class Registry:
    """Outlets with indexes by domain and by name/alias."""

    def __init__(self, entries: list[OutletInfo], domain_typology: dict[str, str]) -> None:
        self.entries = entries
        self.domain_typology = domain_typology
        self._domains: dict[str, OutletInfo] = {}
        self._names: dict[str, OutletInfo] = {}
        for entry in entries:
            for domain in entry.domains:
                self._domains.setdefault(domain, entry)
            for name in (entry.name, *entry.aliases):
                self._names.setdefault(name.casefold(), entry)
        brands: dict[str, OutletInfo] = {}
        for entry in entries:
            for name in (entry.name, *entry.aliases, *entry.domains):
                if len(name) >= 2:
                    brands.setdefault(name, entry)
        self._brands = brands
        alternation = "|".join(re.escape(b) for b in sorted(brands, key=len, reverse=True))
        # Case-sensitive: brands are written as branded ("RT", "ZEIT ONLINE"), so "Zeit" is not DIE ZEIT.
        self._prefix = re.compile(rf"(?:{alternation})(?=$|[\s:,|–—-])")
        self._mention = re.compile(rf"(?<![\w.@/-])(?:{alternation})(?![\w]|\.\w)")

    def __len__(self) -> int:
        return len(self.entries)

    def by_domain(self, host: str) -> tuple[OutletInfo, str] | None:
        """The outlet owning `host` or its closest parent domain, with the matched domain."""
        for candidate in _parents(host):
            entry = self._domains.get(candidate)
            if entry is not None:
                return entry, candidate
        return None

    def by_name(self, name: str) -> OutletInfo | None:
        """The outlet called `name` (name, alias or domain; case-insensitive)."""
        entry = self._names.get(name.strip().casefold())
        if entry is None:
            host = host_of(name)
            found = self.by_domain(host) if host else None
            entry = found[0] if found else None
        return entry

    def title_prefix(self, segment: str) -> tuple[OutletInfo, str] | None:
        """If `segment` starts with an outlet name ("RT Russland ..."), the outlet and the rest."""
        match = self._prefix.match(segment)
        if not match:
            return None
        rest = segment[match.end():].lstrip(" :,|–—-")
        if rest and not _looks_like_section(rest):
            return None
        return self._brands[match.group(0)], rest

    def mentions(self, text: str) -> list[OutletInfo]:
        """Outlets whose names, aliases or domains occur in `text`, in order of appearance."""
        out: list[OutletInfo] = []
        for match in self._mention.finditer(text):
            entry = self._brands[match.group(0)]
            if entry not in out:
                out.append(entry)
        return out


def _looks_like_section(text: str) -> bool:
    """A section name ("Russland und ehemalige Sowjetunion", "Ausland"), not the rest of a sentence."""
    words = text.split()
    if not (text[0].isupper() or text[0].isdigit()) or len(words) > MAX_SECTION_WORDS:
        return False
    lower = sum(1 for w in words if w[0].islower())
    return lower * 2 <= len(words)


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split("|") if v.strip())


def _bool(value: str | None) -> bool | None:
    value = (value or "").strip().lower()
    return {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}.get(value)


def load_builtin(path: Path = BUILTIN_CSV) -> list[OutletInfo]:
    """The built-in outlet table."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            OutletInfo(
                name=row["name"].strip(),
                aliases=_split(row.get("aliases")),
                domains=tuple(d.lower() for d in _split(row.get("domains"))),
                country=(row.get("country") or "").strip() or None,
                ownership=(row.get("ownership") or "").strip() or None,
                state_affiliated=_bool(row.get("state_affiliated")),
                typology=(row.get("typology") or "").strip() or None,
            )
            for row in csv.DictReader(fh)
            if (row.get("name") or "").strip()
        ]


def _affiliated(typology: str | None) -> bool | None:
    if not typology:
        return None
    return typology.rstrip("?") in STATE_AFFILIATED_TYPOLOGIES


def _merge(builtin: list[OutletInfo], matrix: list[dict[str, str]]) -> Registry:
    """Attach matrix rows to built-in outlets (by domain or name); the rest become outlets of their own."""
    entries = [replace(e, _typologies=Counter()) for e in builtin]
    by_domain = {d: e for e in entries for d in e.domains}
    by_name = {n.casefold(): e for e in entries for n in (e.name, *e.aliases)}
    own: dict[tuple[str, str], OutletInfo] = {}
    domain_typology: dict[str, str] = {}
    for row in matrix:
        domain, typology = row.get("domain") or "", row.get("typology") or ""
        entry = next((by_domain[p] for p in _parents(domain) if p in by_domain), None) if domain else None
        entry = entry or by_name.get(row["name"].casefold())
        if entry is None:
            key = (row["name"].casefold(), row.get("country") or "")
            entry = own.get(key)
            if entry is None:
                entry = OutletInfo(name=row["name"], country=row.get("country") or None,
                                   company=row.get("company") or None, sources=("matrix",),
                                   _typologies=Counter())
                own[key] = entry
                entries.append(entry)
        else:
            if "matrix" not in entry.sources:
                entry.sources = (*entry.sources, "matrix")
            known = {n.casefold() for n in (entry.name, *entry.aliases)}
            if row["name"].casefold() not in known:  # "RT Deutsch", "Sputnik German" become aliases
                entry.aliases = (*entry.aliases, row["name"])
        entry._typologies[typology] += 1
        entry.company = entry.company or row.get("company") or None
        entry.country = entry.country or row.get("country") or None
        if domain:
            if domain not in entry.domains:
                entry.domains = (*entry.domains, domain)
            domain_typology.setdefault(domain, typology)
    for entry in entries:
        if entry._typologies:
            # The matrix is the authority on typology; the most frequent one among an outlet's rows.
            entry.typology = entry._typologies.most_common(1)[0][0]
            entry.state_affiliated = _affiliated(entry.typology)
    return Registry(entries, domain_typology)


def import_state_media_matrix(csv_path: str | Path) -> int:
    """Import a State Media Matrix CSV into the user's kiebitz folder; returns the number of rows."""
    rows = parse_state_media_matrix(csv_path)
    save_matrix_rows(rows)
    _build.cache_clear()
    _seen.clear()
    return len(rows)


@lru_cache(maxsize=4)
def _build(matrix_file: str, mtime: int | None) -> Registry:
    matrix = load_matrix(Path(matrix_file)) if mtime is not None else []
    return _merge(load_builtin(), matrix)


# Matrix file -> (when it was last looked at, its mtime): asked once per article, the file is
# looked at (one stat; no mkdir of the user's folder) at most once a second, or after an import.
_seen: dict[str, tuple[float, int | None]] = {}
RECHECK_SECONDS = 1.0


# (KIEBITZ_HOME, HOME) -> the matrix file: building the path (pathlib, ~30 µs) once per setting, not per article.
_paths: dict[tuple[str | None, str | None], Path] = {}


def registry() -> Registry:
    """The outlet registry: built-in table plus imported State Media Matrix rows (cached)."""
    env = (os.environ.get("KIEBITZ_HOME"), os.environ.get("HOME"))
    path = _paths.get(env)
    if path is None:
        path = _paths[env] = matrix_path(create=False)
    key, now = str(path), time.monotonic()
    seen = _seen.get(key)
    if seen is None or now - seen[0] >= RECHECK_SECONDS:
        try:
            mtime: int | None = path.stat().st_mtime_ns
        except (FileNotFoundError, NotADirectoryError):
            mtime = None
        seen = _seen[key] = (now, mtime)
    return _build(key, seen[1])


def identify(
    url: str | None = None,
    title_outlet: str | None = None,
    text: str | None = None,
    hint: str | None = None,
    *,
    reg: Registry | None = None,
) -> Outlet:
    """Name the outlet from URL, title suffix, branding text and a given hint; evidence lists the agreeing ones."""
    reg = reg or registry()
    votes: dict[int, set[str]] = {}
    found: dict[int, OutletInfo] = {}

    def vote(entry: OutletInfo | None, kind: str) -> None:
        if entry is not None:
            found[id(entry)] = entry
            votes.setdefault(id(entry), set()).add(kind)

    host = host_of(url) if url else None
    url_match = reg.by_domain(host) if host else None
    vote(url_match[0] if url_match else None, "url")
    if title_outlet:
        vote(reg.by_name(title_outlet), "title")
    if text:
        for entry in reg.mentions(text):
            vote(entry, "text")
    if hint:
        vote(reg.by_name(hint), "given")
    if not votes:
        name = hint or title_outlet
        evidence = tuple(k for k, v in (("title", title_outlet), ("given", hint)) if v)
        return Outlet(name=name, domain=host, evidence=evidence)

    def rank(key: int) -> tuple[int, int]:
        kinds = votes[key]
        # More agreeing evidence wins; then the strongest kind (url > given > title > text).
        strongest = min(("url", "given", "title", "text").index(k) for k in kinds)
        return (-len(kinds), strongest)

    best = min(votes, key=rank)
    entry = found[best]
    typology = entry.typology
    if url_match and url_match[0] is entry and host:
        for domain in _parents(host):
            if domain in reg.domain_typology:
                typology = reg.domain_typology[domain]
                break
    # The URL's host when there is one (an unknown host may be a mirror), else the outlet's main domain.
    domain = host or (entry.domains[0] if entry.domains else None)
    return Outlet(
        name=entry.name,
        domain=domain,
        country=entry.country,
        state_affiliated=_affiliated(typology) if typology else entry.state_affiliated,
        typology=typology,
        evidence=tuple(k for k in EVIDENCE_ORDER if k in votes[best]),
    )


@component("outlet")
def outlet(article: Article) -> Article:
    """Fill `article.outlet` from the source URL, the title suffix, branding lines and a given name."""
    from .clean import brand_reasons

    prior = article.outlet
    title_outlet = prior.name if "title" in prior.evidence else None
    hint = prior.name if "given" in prior.evidence else None
    reasons = brand_reasons()
    branding = "\n".join(r.text for r in article.removed if r.reason in reasons)
    found = identify(article.source.url, title_outlet, branding, hint)
    return article.replace(outlet=found)

"""The State Media Matrix (ASD/GMF, ../shared/data/outlets-state-media): parsing, storing, loading."""

from __future__ import annotations

import csv
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import InputError
from ..paths import DATA_DIR, home

COUNTRY_NAMES_TSV = DATA_DIR / "outlets" / "country-names.tsv"
MATRIX_FILE = "outlets-state-media.csv"

_MATRIX_COLUMNS = ("Country", "Media company", "Main assets", "URL", "Typology")
_STORED_COLUMNS = ("name", "company", "domain", "country", "typology", "region")
_TYPOLOGY = re.compile(r"[A-Za-z]{2,6}\??")
_ASSET_PREFIX = re.compile(r"^(?:[A-Z][a-z]+(?: [a-z]+)?): (?=\S)")  # "News agency: Xinhua"


def host_of(url: str) -> str | None:
    """The lower-case host of a URL or bare domain, without "www." and port."""
    text = url.strip()
    if not text:
        return None
    if "//" not in text:
        text = "//" + text
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def matrix_path(create: bool = True) -> Path:
    """Where the imported State Media Matrix rows are kept (in the user's kiebitz folder; `create` it)."""
    return home(create) / MATRIX_FILE


@lru_cache(maxsize=1)
def _country_overrides() -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for line in COUNTRY_NAMES_TSV.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, code = line.split("\t")
            out[name.strip().casefold()] = None if code.strip() == "-" else code.strip()
    return out


@lru_cache(maxsize=512)
def country_alpha3(name: str) -> str | None:
    """ISO 3166-1 alpha-3 for a country name ("Russia" -> "RUS"), or None."""
    import pycountry

    key = name.strip().casefold()
    if not key:
        return None
    overrides = _country_overrides()
    if key in overrides:
        return overrides[key]
    try:
        return pycountry.countries.lookup(name.strip()).alpha_3
    except LookupError:
        pass
    try:
        return pycountry.countries.search_fuzzy(name.strip())[0].alpha_3
    except LookupError:
        return None


def _clean_asset(name: str) -> str:
    return _ASSET_PREFIX.sub("", name.strip())


def parse_state_media_matrix(csv_path: str | Path) -> list[dict[str, str]]:
    """Rows of a State Media Matrix CSV as {name, company, domain, country, typology, region}."""
    origin = str(csv_path)
    try:
        raw = Path(csv_path).read_bytes()
    except OSError as exc:
        raise InputError(origin, f"cannot read: {exc.strerror or exc}") from None
    from .decode import decode_bytes

    text = decode_bytes(raw, origin)
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in _MATRIX_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(origin, f"not a State Media Matrix CSV: missing column(s) {', '.join(missing)}")
    rows: list[dict[str, str]] = []
    for row in reader:
        values = {k: (v or "").strip() for k, v in row.items() if k is not None}
        if not any(values.values()):
            continue  # the published file ends with an empty row
        line = reader.line_num
        name, typology = values.get("Main assets", ""), values.get("Typology", "")
        if not name or not values.get("Country"):
            raise InputError(origin, "row without 'Main assets' or 'Country'", line)
        if not _TYPOLOGY.fullmatch(typology):
            raise InputError(origin, f"row with an invalid Typology {typology!r} (columns shifted?)", line)
        url = values.get("URL", "")
        rows.append({
            "name": _clean_asset(name),
            "company": values.get("Media company", ""),
            "domain": (host_of(url) or "") if url else "",
            "country": country_alpha3(values["Country"]) or "",
            "typology": typology,
            "region": values.get("Region", ""),
        })
    if not rows:
        raise InputError(origin, "State Media Matrix CSV has no rows")
    return rows


def save_matrix_rows(rows: list[dict[str, str]]) -> Path:
    """Write parsed rows atomically to the user's kiebitz folder (a crash leaves the old import intact)."""
    target = matrix_path()
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".outlets-", suffix=".csv")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=_STORED_COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def load_matrix(path: Path) -> list[dict[str, str]]:
    """The rows saved by the last import."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))

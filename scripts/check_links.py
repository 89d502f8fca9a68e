"""Link check of the built site (_build/html).

    python scripts/check_links.py --internal    offline: every internal link, anchor and
                                                loaded file resolves, nothing loads from
                                                another host (also run by the build and
                                                by `make test`)
    python scripts/check_links.py --external    online: every link to another site
                                                answers (the scheduled CI workflow only;
                                                never part of `make test`)

--report FILE writes the result as Markdown (for the CI job summary or an issue).
Exit code 1 if a link is broken. For external links, only answers that show a link is
gone (404, 410, unknown host) count as broken; 401/403/429, 5xx and timeouts are listed
as uncertain, since many sites refuse automated requests.
"""
from __future__ import annotations

import argparse
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urldefrag

import yaml

from booktools import BUILD, ROOT
from sitetools import external_links, external_resources, internal_link_problems

GONE = {404, 410}
TIMEOUT_S = 20
HEADERS = {"User-Agent": "Mozilla/5.0 (Stratus link check; +https://github.com/)",
           "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


def configured_addresses() -> tuple[list[str], list[str]]:
    """(hub addresses, repository address) from _config.yml. Launch links themselves are
    not fetched (a GET on a Binder launch link starts a build); their hubs are."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    launch = config.get("launch_buttons") or {}
    hubs = [u for u in (launch.get("binderhub_url"), launch.get("jupyterhub_url")) if u]
    repository = [u for u in [(config.get("repository") or {}).get("url")] if u]
    return hubs, repository


def check_url(url: str) -> tuple[str, str]:
    """(verdict, detail) with verdict 'ok', 'broken' or 'uncertain'."""
    import requests

    for method in ("head", "get"):
        try:
            response = requests.request(method, url, headers=HEADERS, timeout=TIMEOUT_S,
                                        allow_redirects=True, stream=True)
            response.close()
        except requests.exceptions.ConnectionError as error:
            if "Name or service not known" in str(error) or "NameResolutionError" in str(error):
                return "broken", "okänd värd"
            detail = f"anslutningsfel: {type(error).__name__}"
            continue
        except requests.exceptions.RequestException as error:
            detail = f"{type(error).__name__}"
            continue
        if response.status_code < 400:
            return "ok", str(response.status_code)
        detail = f"HTTP {response.status_code}"
        if method == "get" and response.status_code in GONE:
            return "broken", detail
    return "uncertain", detail


def external(html_dir: Path, report: Path | None) -> int:
    links = external_links(html_dir)
    pages_by_url: dict[str, set[str]] = {}
    hubs, repository = configured_addresses()
    for url, pages in links.items():
        if any(url.startswith(hub + "/") for hub in hubs):
            continue  # a launch link: its hub is checked instead
        pages_by_url.setdefault(urldefrag(url)[0], set()).update(pages)
    for address in hubs + repository:
        pages_by_url.setdefault(address, set()).add("_config.yml")
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = dict(zip(pages_by_url, pool.map(check_url, pages_by_url)))
    broken = {u: r for u, r in results.items() if r[0] == "broken"}
    uncertain = {u: r for u, r in results.items() if r[0] == "uncertain"}
    lines = [f"# Externa länkar: {len(results)} kontrollerade, {len(broken)} trasiga, {len(uncertain)} osäkra", ""]
    for title, group in (("Trasiga", broken), ("Osäkra (kontrollera för hand)", uncertain)):
        if group:
            lines += [f"## {title}", ""]
            for url, (_, detail) in sorted(group.items()):
                pages = ", ".join(sorted(pages_by_url[url]))
                lines.append(f"- {url} – {detail} – på {pages}")
            lines.append("")
    text = "\n".join(lines)
    print(text)
    if report:
        report.write_text(text, encoding="utf-8")
    return 1 if broken else 0


def internal(html_dir: Path, report: Path | None) -> int:
    problems = [f"trasig intern länk: {p}" for p in internal_link_problems(html_dir)]
    problems += [f"laddar från en annan värd: {p}" for p in external_resources(html_dir)]
    text = ("# Interna länkar: inga fel" if not problems
            else "# Interna länkar: fel\n\n" + "\n".join(f"- {p}" for p in problems))
    print(text)
    if report:
        report.write_text(text + "\n", encoding="utf-8")
    return 1 if problems else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--internal", action="store_true")
    parser.add_argument("--external", action="store_true")
    parser.add_argument("--html", type=Path, default=BUILD / "html")
    parser.add_argument("--report", type=Path)
    args = parser.parse_args(argv)
    if not (args.html / "index.html").is_file():
        print(f"{args.html} saknar index.html: bygg boken först (make book).", file=sys.stderr)
        return 1
    if not (args.internal or args.external):
        parser.error("ange --internal och/eller --external")
    status = 0
    if args.internal:
        status |= internal(args.html, args.report if not args.external else None)
    if args.external:
        status |= external(args.html, args.report)
    return status


if __name__ == "__main__":
    sys.exit(main())

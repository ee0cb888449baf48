"""Article extraction from HTML pages: the hand-written extractor we had against trafilatura.

No public article-extraction benchmark with its pages is available here (the Scrapinghub
benchmark's and trafilatura's own evaluation pages are not shipped by any package the registry
serves, and ../shared/data holds no HTML). So the pages are made: each BASIL article's body
paragraphs (the ground truth) are set in one of four page layouts written for this script, with
the furniture news sites carry (navigation, breadcrumbs, byline, date, photo and caption, inline
"Related" links, share buttons, newsletter box, most-read list, comments, footer), some in
semantic tags (nav, aside, footer, figure) and some only in <div>s with class names. This is a
synthetic benchmark with real article text; its figures are not comparable with published ones.

Measured per page: precision, recall and F1 of the extracted text's word tokens (a bag of
lower-cased words) against the body, averaged over pages (as the Scrapinghub benchmark does).
"ours before" is bot/corpus/html.py at --before (the last commit with the hand-written
extractor); "trafilatura" is bot/corpus/html.py now.

    .venv/bin/python eval/html_extraction.py [--before 5bc8803] [--limit N]
"""

from __future__ import annotations

import argparse
import ast
import html
import json
import random
import re
import subprocess
import sys
import time
import types
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.corpus.html import extract_html  # noqa: E402

BASIL = ROOT.parent / "shared" / "data" / "basil" / "articles"
RESULTS = ROOT / "eval" / "results"

_NAV = ["Home", "World", "U.S.", "Politics", "Business", "Opinion", "Sports", "Video"]
_MOST_READ = ["Five things to know before the markets open", "Weekend weather turns cold",
              "The city council votes on the new budget", "A guide to the season's best films"]
_COMMENTS = ["Great reporting, thanks for this.", "I don't agree with a word of it.",
             "Who paid for this trip anyway?"]


def _paragraphs(record: dict) -> list[str]:
    raw = record.get("body-paragraphs") or "[]"
    nested = ast.literal_eval(raw) if isinstance(raw, str) else raw
    flat = [" ".join(p) if isinstance(p, list) else str(p) for p in nested]
    return [" ".join(p.split()) for p in flat if p.strip()]


def _page(record: dict, paragraphs: list[str], layout: int, rng: random.Random) -> str:
    """An article page in one of four layouts around the body paragraphs."""
    e = html.escape
    title, date = e(record.get("title") or "Untitled"), e(record.get("date") or "")
    site = {"fox": "Fox News", "nyt": "The New York Times", "hpo": "HuffPost"}.get(
        record.get("source", ""), "The Daily")
    nav = " ".join(f"<a href='/{n.lower()}'>{n}</a>" for n in _NAV)
    body = [f"<p>{e(p)}</p>" for p in paragraphs]
    at = rng.randrange(1, max(2, len(body)))
    caption = f"Officials at the meeting on {date}. (Photo: Staff photographer/{site})"
    related = ("Related: <a href='/r1'>" + e(rng.choice(_MOST_READ)) + "</a>")
    share = "Share this: <a>Facebook</a> <a>Twitter</a> <a>Email</a>"
    most = "".join(f"<li><a href='/m{i}'>{e(t)}</a></li>" for i, t in enumerate(_MOST_READ))
    comments = "".join(f"<div class='comment'><b>reader{i}</b> {e(c)}</div>"
                       for i, c in enumerate(_COMMENTS))
    head = (f"<head><meta charset='utf-8'><title>{title} | {site}</title>"
            f"<meta property='og:site_name' content='{site}'>"
            f"<meta property='article:published_time' content='{date}'></head>")
    if layout == 0:  # semantic tags throughout
        body.insert(at, f"<figure><img src='a.jpg'><figcaption>{e(caption)}</figcaption></figure>")
        main = (f"<header><nav>{nav}</nav></header><main><article><h1>{title}</h1>"
                f"<p class='byline'>By Staff Writer</p><time>{date}</time>{''.join(body)}"
                f"<div class='share'>{share}</div></article>"
                f"<aside><h3>Most read</h3><ul>{most}</ul></aside></main>"
                f"<section class='comments'><h3>Comments</h3>{comments}</section>"
                f"<footer>Copyright {site}. All rights reserved.</footer>")
    elif layout == 1:  # <div>s only, class names tell what they are
        body.insert(at, f"<div class='photo'><img src='a.jpg'><div class='caption'>{e(caption)}"
                        "</div></div>")
        body.insert(min(len(body), at + 2), f"<div class='related'>{related}</div>")
        main = (f"<div class='topbar'>{nav}</div><div class='crumbs'><a>Home</a> &gt; "
                f"<a>Politics</a></div><div class='content'><div class='headline'>{title}</div>"
                f"<div class='byline'>By Staff Writer | {date}</div>"
                f"<div class='story-body'>{''.join(body)}</div>"
                f"<div class='social'>{share}</div><div class='newsletter'>Sign up for our "
                f"daily newsletter to get the top stories in your inbox.</div></div>"
                f"<div class='sidebar'><div class='title'>Most read</div><ul>{most}</ul></div>"
                f"<div class='comments'>{comments}</div>"
                f"<div class='bottom'>Copyright {site}. Privacy policy. Terms of use.</div>")
    elif layout == 2:  # a table layout, as older sites have
        body.insert(at, f"<p><img src='a.jpg'><br><i>{e(caption)}</i></p>")
        main = (f"<table><tr><td colspan='2'>{nav}</td></tr><tr><td class='left'>"
                f"<h2>{title}</h2><p>By Staff Writer, {date}</p>{''.join(body)}<p>{share}</p>"
                f"</td><td class='right'><b>Most read</b><ul>{most}</ul></td></tr>"
                f"<tr><td colspan='2'>Copyright {site}.</td></tr></table>")
    else:  # semantic article, furniture in divs
        body.insert(at, f"<div class='inline-related'>{related}</div>")
        body.insert(min(len(body), at + 3),
                    f"<figure><img src='a.jpg'><figcaption>{e(caption)}</figcaption></figure>")
        main = (f"<div id='menu'>{nav}</div><article><h1>{title}</h1>"
                f"<div class='meta'>Published {date}</div>{''.join(body)}</article>"
                f"<div class='share-bar'>{share}</div><div id='trending'><h4>Most read</h4>"
                f"<ul>{most}</ul></div><div id='disqus'>{comments}</div>"
                f"<div id='foot'>Copyright {site}.</div>")
    return f"<!DOCTYPE html><html lang='en'>{head}<body>{main}</body></html>"


def _tokens(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.lower()))


def _scores(found: str, truth: str) -> tuple[float, float, float]:
    got, gold = _tokens(found), _tokens(truth)
    common = sum((got & gold).values())
    precision = common / sum(got.values()) if got else 0.0
    recall = common / sum(gold.values()) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return precision, recall, f1


def _before(revision: str) -> Callable[[str], str]:
    """The extractor of bot/corpus/html.py at `revision`, loaded from git."""
    source = subprocess.run(["git", "show", f"{revision}:bot/corpus/html.py"], cwd=ROOT,
                            check=True, capture_output=True, text=True).stdout
    module = types.ModuleType("html_before")
    sys.modules[module.__name__] = module  # dataclasses look their module up
    exec(compile(source, "html_before.py", "exec"), module.__dict__)
    return lambda markup: "\n".join(module.extract_html(markup).lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", default="5bc8803")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(14)
    pages = []
    for path in sorted(BASIL.glob("*/*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = _paragraphs(record)
        if paragraphs:
            pages.append((path.stem, _page(record, paragraphs, len(pages) % 4, rng),
                          "\n".join(paragraphs)))
    pages = pages[: args.limit] if args.limit else pages
    extractors = {"ours before": _before(args.before),
                  "trafilatura": lambda markup: "\n".join(extract_html(markup).lines)}
    report: dict[str, dict[str, float]] = {}
    for name, extract in extractors.items():
        started = time.perf_counter()
        scores = [_scores(extract(markup), truth) for _, markup, truth in pages]
        seconds = time.perf_counter() - started
        p, r, f = (sum(s[i] for s in scores) / len(scores) for i in range(3))
        layouts = {layout: sum(s[2] for s in scores[layout::4]) / len(scores[layout::4])
                   for layout in range(4)}
        report[name] = {"precision": p, "recall": r, "f1": f,
                        "ms_per_page": 1000 * seconds / len(pages),
                        **{f"f1_layout_{k}": v for k, v in layouts.items()}}
        print(f"{name:12s} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  "
              f"(layouts {' '.join(f'{v:.3f}' for v in layouts.values())})  "
              f"{1000 * seconds / len(pages):.1f} ms/page")
    print(f"{len(pages)} pages")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "html_extraction.json").write_text(json.dumps(
        {"pages": len(pages), "before": args.before, "scores": report}, indent=1))


if __name__ == "__main__":
    main()

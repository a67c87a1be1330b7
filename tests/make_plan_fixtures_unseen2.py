"""Writes the Word and PDF forms of the second set of unseen plans (tests/fixtures/plans-unseen2)
from their texts, with the same writers as the first fixtures (tests/make_plan_fixtures.py):
`python tests/make_plan_fixtures_unseen2.py [plan ...]`. A form feed in a text starts a new PDF page; a plan
listed in RUNNING gets a header and a footer on every page of its PDF, as printed plans have. The
outputs are committed: the tests need neither Chromium nor this script."""

from __future__ import annotations

import html
import subprocess
import sys
import tempfile
from pathlib import Path

from make_plan_fixtures import CHROMIUM, ROOT, html_page, word_document

sys.path.insert(0, str(ROOT))

from formats.plans.reading import words_of  # noqa: E402
from models import load_network  # noqa: E402

HERE = Path(__file__).parent / "fixtures" / "plans-unseen2"

# plan -> (header on every page, footer with {n} of {m})
RUNNING = {
    "izmisljeno-polje-cnr-blocks": (
        "Локални акциони план – Општина Измишљено Поље",
        "Страна {n} од {m}",
    ),
}


def paged_html(text: str, words, running: tuple[str, str] | None) -> str:
    pages = text.split("\f")
    if running is None:
        return html_page(text, words)
    header, footer = running
    parts = []
    for n, page in enumerate(pages, start=1):
        body = html_page(page.strip("\n"), words)
        if n > 1:
            body = body.split("</style>", 1)[1]
        head, _, rest = body.rpartition("</style>") if n == 1 else ("", "", body)
        parts.append(
            (head + "</style>" if n == 1 else "")
            + '<div style="page-break-after:always">'
            + f"<p>{html.escape(header)}</p>"
            + rest
            + f"<p>{html.escape(footer.format(n=n, m=len(pages)))}</p></div>"
        )
    return "\n".join(parts)


def main() -> None:
    words = words_of(load_network(ROOT / "data").vocabulary)
    only = set(sys.argv[1:])  # names of plans to write again; none: every plan
    for text_file in sorted(HERE.glob("*.txt")):
        if only and text_file.stem not in only:
            continue
        text = text_file.read_text(encoding="utf-8")
        word_document(text.replace("\f", ""), words).save(text_file.with_suffix(".docx"))
        with tempfile.TemporaryDirectory() as scratch:
            page = Path(scratch) / "plan.html"
            page.write_text(paged_html(text, words, RUNNING.get(text_file.stem)), encoding="utf-8")
            pdf = text_file.with_suffix(".pdf")
            subprocess.run(
                [*CHROMIUM, f"--user-data-dir={scratch}/profile", f"--print-to-pdf={pdf}", page.as_uri()],
                check=True, capture_output=True, timeout=120,
            )  # fmt: skip
        print(text_file.with_suffix(".docx").name, text_file.with_suffix(".pdf").name)


if __name__ == "__main__":
    main()

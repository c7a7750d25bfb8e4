#!/usr/bin/env python3
"""Makes the sample collection in other formats, for the format tests and the evaluation on them.

Each article of articles/ becomes
  html/NAME.html  a web page of its site: header and menu, cookie banner, share buttons, newsletter form,
                  "Most Read" box, footer and scripts around the article, pretty-printed as sites serve them;
  pdf/NAME.pdf    that page printed by Debian's Chromium (chromium --headless --print-to-pdf, with the
                  browser's own date, title, address and page-number lines on every page);
  docx/, odt/, epub/, rtf/  the article alone (headline, paragraphs, lists), written by pandoc with the headline as
                  the document's title.
The article's own lines go into the page as they are, one paragraph a line, so the text a reader extracts is
the text of articles/. Run from the project root: python3 eval/formats/make.py (needs chromium and pandoc).
"""
import html
import os
import pathlib
import subprocess
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "eval" / "formats"

# Each article's site, and the line that is its headline (the page's h1).
SITES = {
    "000_ee4c0ed1b0960cbf": ("Al Mayadeen English", "https://english.almayadeen.net"),
    "001_3cabf72616562acd": ("Al Mayadeen English", "https://english.almayadeen.net"),
    "002_e3a4d9be1fd088d4": ("Webangah News Hub", "https://webangah.com"),
    "003_f221ba18038d1787": ("Al-Ahed News", "https://english.alahednews.com.lb"),
    "004_8ee1bc03666afbd8": ("Al-Manar TV", "https://english.almanar.com.lb"),
}
MENU = ["News", "Politics", "Economy", "Sports", "Culture", "Opinion", "Videos", "Podcasts"]
MOST_READ = [
    "Lebanese army deploys along the southern border as talks resume",
    "Oil prices climb after OPEC+ extends output cuts into next quarter",
    "UN agencies warn of famine conditions spreading across northern Gaza",
    "Yemen's Sanaa hosts regional conference on maritime security",
]


def headline_index(lines):
    """The first line long enough to be a headline and not a label, menu entry or date."""
    for i, line in enumerate(lines):
        s = line.strip()
        if len(s.split()) >= 5 and not s.startswith("\u2022") and not s.endswith("."):
            return i
    return 0


def body(lines, h, share=True):
    """The article's lines as HTML: the headline as h1, bullets as list items, every other line a paragraph."""
    out, in_list = [], False
    for i, line in enumerate(lines):
        s = line.strip()
        bullet = s.startswith("\u2022")
        if in_list and not bullet:
            out.append("        </ul>")
            in_list = False
        if not s:
            continue
        if i == h:
            out.append(f"        <h1 class=\"headline\">{html.escape(s)}</h1>")
            if not share:
                continue
            out.append("        <div class=\"share-buttons\" aria-label=\"Share this article\">")
            out.append("          <a href=\"#\">Share on Facebook</a> <a href=\"#\">Share on X</a>"
                       " <a href=\"#\">WhatsApp</a> <span class=\"share-count\">1.2k shares</span>")
            out.append("        </div>")
        elif bullet:
            if not in_list:
                out.append("        <ul>")
                in_list = True
            out.append(f"          <li>{html.escape(s.lstrip(chr(0x2022)).strip())}</li>")
        else:
            out.append(f"        <p>{html.escape(s)}</p>")
    if in_list:
        out.append("        </ul>")
    return out


def page(name, lines):
    site, url = SITES[name]
    h = headline_index(lines)
    title = lines[h].strip()
    menu = "\n".join(f"          <li><a href=\"{url}/{m.lower()}\">{m}</a></li>" for m in MENU)
    most = "\n".join(f"          <li><a href=\"{url}/news/{i}\">{html.escape(t)}</a></li>"
                     for i, t in enumerate(MOST_READ))
    parts = [
        "<!DOCTYPE html>",
        "<html lang=\"en\">",
        "  <head>",
        "    <meta charset=\"utf-8\">",
        f"    <title>{html.escape(title)} | {html.escape(site)}</title>",
        f"    <meta property=\"og:title\" content=\"{html.escape(title)}\">",
        f"    <meta property=\"og:site_name\" content=\"{html.escape(site)}\">",
        "    <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        "    <style>body{font-family:serif;max-width:46em;margin:auto} nav ul{display:flex;gap:1em;list-style:none}"
        " .cookie-banner{background:#eee;padding:.5em} aside{border-top:1px solid #999}</style>",
        "    <script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}"
        " gtag('js', new Date());</script>",
        "  </head>",
        "  <body>",
        "    <div id=\"cookie-consent\" class=\"cookie-banner\" role=\"dialog\">",
        "      <p>We use cookies to give you the best experience on our website. By continuing to browse, you agree"
        " to our use of cookies.</p>",
        "      <button>Accept all</button> <button>Manage preferences</button>",
        "    </div>",
        "    <header class=\"site-header\">",
        f"      <a class=\"logo\" href=\"{url}\">{html.escape(site)}</a>",
        "      <nav aria-label=\"Main menu\">",
        "        <ul>",
        menu,
        "        </ul>",
        "      </nav>",
        "      <form class=\"search\" action=\"/search\"><input type=\"search\" name=\"q\" placeholder=\"Search\">"
        "<button>Search</button></form>",
        "    </header>",
        "    <main>",
        "      <article>",
        *body(lines, h),
        "        <footer class=\"article-tags\">Tags: Hamas, Cairo, Gaza, ceasefire</footer>",
        "      </article>",
        "      <section class=\"newsletter\">",
        "        <h2>Sign up for our newsletter</h2>",
        "        <form><input type=\"email\" placeholder=\"Your email address\"><button>Subscribe</button></form>",
        "      </section>",
        "    </main>",
        "    <aside class=\"most-read\">",
        "      <h2>Most Read</h2>",
        "      <ol>",
        most,
        "      </ol>",
        "    </aside>",
        "    <footer class=\"site-footer\">",
        f"      <p>&copy; 2024 {html.escape(site)}. All Rights Reserved.</p>",
        "      <p><a href=\"/privacy\">Privacy Policy</a> | <a href=\"/terms\">Terms of Use</a> |"
        " <a href=\"/contact\">Contact Us</a></p>",
        "    </footer>",
        "    <script src=\"/assets/app.min.js\" async></script>",
        "  </body>",
        "</html>",
    ]
    article_only = "\n".join(["<!DOCTYPE html>", "<html><head><meta charset=\"utf-8\">",
                              f"<title>{html.escape(title)}</title></head><body>", *body(lines, h, share=False),
                              "</body></html>"])
    return "\n".join(parts) + "\n", article_only, title


def main():
    for sub in ("html", "pdf", "docx", "odt", "epub", "rtf"):
        (OUT / sub).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for txt in sorted((ROOT / "articles").glob("*.txt")):
            name = txt.stem
            lines = txt.read_text(encoding="utf-8").splitlines()
            full, article_only, title = page(name, lines)
            page_path = OUT / "html" / f"{name}.html"
            page_path.write_text(full, encoding="utf-8")
            subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                            f"--user-data-dir={tmp}/profile", f"--print-to-pdf={OUT / 'pdf' / (name + '.pdf')}",
                            page_path.as_uri()], check=True, capture_output=True)
            src = pathlib.Path(tmp) / f"{name}.html"
            src.write_text(article_only, encoding="utf-8")
            for fmt in ("docx", "odt", "epub", "rtf"):
                subprocess.run(["pandoc", "--standalone", "--from", "html", "--to", fmt, "--metadata", f"title={title}",
                                "--output", str(OUT / fmt / f"{name}.{fmt}"), str(src)], check=True,
                               env={**os.environ, "SOURCE_DATE_EPOCH": "1714521600"})
            print(name, "done")


if __name__ == "__main__":
    main()

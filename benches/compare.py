#!/usr/bin/env python3
"""Whole-process comparison of baocao, SQLite FTS5 and ripgrep on a generated corpus.

Usage (after `cargo build --release` and generating a corpus with
`cargo run --release --example synth -- --size 1GB --out /tmp/corpus`):

    python3 benches/compare.py --corpus /tmp/corpus --work /tmp/compare \
        [--tools baocao,fts5,rg] [--runs 20] [--baocao target/release/baocao]

For each tool it measures, as whole processes: index time (and MB/s of corpus text),
index size / corpus size, peak RSS while indexing (`/usr/bin/time -v`), the median wall
time of repeated queries (warm cache, after one warm-up run), and recall and precision of
the phrase "giải ngân vốn đầu tư công", typed with and without diacritics, at file level
against the generator's manifest (and on the files where every occurrence of the phrase
is cut by a PDF line wrap or a footnote block). It prints a Markdown table with ratios to
baocao, and writes the raw numbers as JSON (--json-out).

SQLite FTS5 is used the way a user would: one row per file, tokenizer
`unicode61 remove_diacritics 2`, queries through the `sqlite3` command-line shell, top 10
by rank with snippets. ripgrep has no index: each query scans the corpus.
"""

import argparse
import json
import os
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import time

PHRASE = "giải ngân vốn đầu tư công"
FOLDED = "giai ngan von dau tu cong"


def corpus_files(corpus):
    names = sorted(n for n in os.listdir(corpus) if n.endswith(".txt"))
    return [os.path.join(corpus, n) for n in names]


def dir_size(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(root, f))
            except OSError:
                pass
    return total


def timed_rss(cmd, env=None):
    """Runs cmd under /usr/bin/time -v; returns (wall seconds, CPU seconds (user + sys),
    peak RSS bytes, stdout)."""
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True, env=env)
    dt = time.perf_counter() - t0
    if p.returncode != 0:
        sys.stderr.write(p.stderr[-3000:])
        raise SystemExit(f"command failed ({p.returncode}): {' '.join(cmd)}")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    rss = int(m.group(1)) * 1024 if m else None
    cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", p.stderr))
    return dt, cpu, rss, p.stdout


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def median_latency(cmd, runs):
    """Median wall time and median CPU time (seconds) of `runs` runs of cmd, after one
    warm-up run."""
    subprocess.run(cmd, capture_output=True)
    times, cpus = [], []
    for _ in range(runs):
        c0 = children_cpu()
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True)
        times.append(time.perf_counter() - t0)
        cpus.append(children_cpu() - c0)
    return statistics.median(times), statistics.median(cpus)


def query_set(path=None):
    """The fixed query set of benches/queries.tsv: (query, [filter args])."""
    path = path or os.path.join(os.path.dirname(os.path.abspath(__file__)), "queries.tsv")
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            query, _, filters = line.partition("\t")
            args = []
            for part in re.split(r"\s(?=--)", filters.strip()):
                if part:
                    flag, _, value = part.partition(" ")
                    args += [flag, value.strip()]
            out.append((query, args))
    return out


def set_percentiles(r, exe, idx, runs):
    """Whole-process wall and CPU times of every query of the set, `runs` times each after
    a warm-up run: their p50 and p90 over all runs."""
    walls, cpus = [], []
    for query, extra in query_set():
        cmd = baocao_search_cmd(exe, idx, query, extra=extra)
        subprocess.run(cmd, capture_output=True)
        for _ in range(runs):
            c0 = children_cpu()
            t0 = time.perf_counter()
            subprocess.run(cmd, capture_output=True)
            walls.append(time.perf_counter() - t0)
            cpus.append(children_cpu() - c0)
    q = lambda xs, p: sorted(xs)[min(len(xs) - 1, int(p * len(xs)))]
    r["set_p50"], r["set_p90"] = q(walls, 0.5), q(walls, 0.9)
    r["set_p50_cpu"], r["set_p90_cpu"] = q(cpus, 0.5), q(cpus, 0.9)


def set_latency(r, key, cmd, runs):
    r[key], r[key + "_cpu"] = median_latency(cmd, runs)


# --- SQLite FTS5 -------------------------------------------------------------------------

def fts5_index(db, corpus):
    """Builds the FTS5 database (run in its own process so that its RSS is measured)."""
    if os.path.exists(db):
        os.remove(db)
    con = sqlite3.connect(db)
    con.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, body, "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    batch = []
    with con:
        for path in corpus_files(corpus):
            with open(path, encoding="utf-8") as f:
                batch.append((os.path.basename(path), f.read()))
            if len(batch) >= 200:
                con.executemany("INSERT INTO docs(path, body) VALUES (?, ?)", batch)
                batch = []
        if batch:
            con.executemany("INSERT INTO docs(path, body) VALUES (?, ?)", batch)
    con.close()


def sql_quote(s):
    return "'" + s.replace("'", "''") + "'"


def fts5_query_cmd(db, query, limit=10):
    match = sql_quote('"' + query + '"')
    sql = (
        f"SELECT path, snippet(docs, 1, '<b>', '</b>', '…', 16) FROM docs "
        f"WHERE docs MATCH {match} ORDER BY rank LIMIT {limit};"
    )
    return ["sqlite3", "-readonly", db, sql]


def fts5_files(db, query):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = con.execute("SELECT path FROM docs WHERE docs MATCH ?", ('"' + query + '"',))
    out = {r[0] for r in rows}
    con.close()
    return out


# --- raw tantivy (Python bindings) -----------------------------------------------------
#
# The engine's floor for this corpus: one document per paragraph (text split on blank
# lines), one text field analysed by the simple tokenizer + lower case + ASCII folding,
# with positions, stored. No parsing, one analysed form, no facets. Runs in the Python of
# --tantivy-python (a venv with `pip install tantivy==0.27.0`, see benches/README.md).

TANTIVY_TOKENIZER = "simple_fold"


def tantivy_schema(tantivy):
    b = tantivy.SchemaBuilder()
    b.add_text_field("path", stored=True, tokenizer_name="raw", index_option="basic")
    b.add_text_field("body", stored=True, tokenizer_name=TANTIVY_TOKENIZER, index_option="position")
    return b.build()


def tantivy_register(tantivy, index):
    analyzer = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
                .filter(tantivy.Filter.lowercase())
                .filter(tantivy.Filter.ascii_fold())
                .build())
    index.register_tokenizer(TANTIVY_TOKENIZER, analyzer)


PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def tantivy_index(path, corpus):
    """Builds the raw tantivy index (run in its own process so that its RSS is measured).
    Default writer: one thread per core, tantivy's default memory budget."""
    import shutil
    import tantivy
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    index = tantivy.Index(tantivy_schema(tantivy), path=path)
    tantivy_register(tantivy, index)
    writer = index.writer()
    for file in corpus_files(corpus):
        name = os.path.basename(file)
        with open(file, encoding="utf-8") as f:
            text = f.read()
        for para in PARAGRAPH_BREAK.split(text):
            if para.strip():
                writer.add_document(tantivy.Document(path=name, body=para))
    writer.commit()
    writer.wait_merging_threads()


def tantivy_query(path, query, runs):
    """Prints, as JSON, the median wall and CPU seconds of `runs` searches (after one
    warm-up), each opening the index as a fresh process would (Python start-up and import
    excluded), counting every match and rendering the top 10 with snippets; and the median
    of the same search on an already open searcher."""
    import tantivy

    def once(index=None):
        if index is None:
            index = tantivy.Index.open(path)
            tantivy_register(tantivy, index)
        searcher = index.searcher()
        q = index.parse_query(query, ["body"])
        res = searcher.search(q, 10, count=True)
        gen = tantivy.SnippetGenerator.create(searcher, q, index.schema, "body")
        out = []
        for _score, addr in res.hits:
            doc = searcher.doc(addr)
            out.append((doc["path"][0], gen.snippet_from_doc(doc).to_html()))
        return res.count, out

    once()
    walls, cpus = [], []
    for _ in range(runs):
        c0, t0 = time.process_time(), time.perf_counter()
        count, _ = once()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    index = tantivy.Index.open(path)
    tantivy_register(tantivy, index)
    warm = []
    for _ in range(runs):
        t0 = time.perf_counter()
        once(index)
        warm.append(time.perf_counter() - t0)
    print(json.dumps({"wall": statistics.median(walls), "cpu": statistics.median(cpus),
                      "in_process": statistics.median(warm), "count": count}))


def tantivy_files(path, phrase):
    """The files with a paragraph holding `phrase`."""
    import tantivy
    query = '"' + phrase + '"'
    index = tantivy.Index.open(path)
    tantivy_register(tantivy, index)
    searcher = index.searcher()
    q = index.parse_query(query, ["body"])
    n = max(searcher.search(q, 1, count=True).count, 1)
    return {searcher.doc(a)["path"][0] for _s, a in searcher.search(q, n).hits}


# --- ripgrep -----------------------------------------------------------------------------

def rg_cmd(corpus, query, files_only=True):
    cmd = ["rg", "--no-config", "-i", "-F", "-g", "*.txt"]
    cmd += ["-l"] if files_only else ["-m", "10"]
    return cmd + ["--", query, corpus]


def rg_files(corpus, query):
    p = subprocess.run(rg_cmd(corpus, query), capture_output=True, text=True)
    return {os.path.basename(l) for l in p.stdout.splitlines() if l}


# --- baocao ------------------------------------------------------------------------------

def baocao_search_cmd(exe, index, query, limit=10, extra=()):
    return [exe, "--index", index, "--json", "--color", "never", "search", query,
            "--limit", str(limit), *extra]


def baocao_files(exe, index, query):
    p = subprocess.run(baocao_search_cmd(exe, index, '"' + query + '"', limit=1_000_000),
                       capture_output=True, text=True)
    if p.returncode != 0:
        sys.stderr.write(p.stderr)
        return set()
    hits = json.loads(p.stdout).get("hits", [])
    return {os.path.basename(h.get("file", "")) for h in hits}


# --- scoring -----------------------------------------------------------------------------

def score(found, manifest):
    truth = {f["file"] for f in manifest["files"] if f["phrase_occurrences"] > 0}
    cut = {f["file"] for f in manifest["files"]
           if f["phrase_occurrences"] > 0 and f["phrase_one_line"] == 0}
    tp = len(found & truth)
    return {
        "found": len(found),
        "truth": len(truth),
        "recall": tp / len(truth) if truth else None,
        "precision": tp / len(found) if found else None,
        "cut_truth": len(cut),
        "cut_recall": len(found & cut) / len(cut) if cut else None,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus")
    ap.add_argument("--work", help="folder for the indexes")
    ap.add_argument("--tools", default="baocao,tantivy,fts5,rg")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--rg-runs", type=int, default=5, help="ripgrep scans the corpus each time")
    ap.add_argument("--baocao", default="target/release/baocao")
    ap.add_argument("--baseline", metavar="EXE",
                    help="another baocao binary (e.g. main's) measured in the same run")
    ap.add_argument("--baseline-name", default="baocao (main)")
    ap.add_argument("--tantivy-python", default="benches/.venv/bin/python",
                    help="a Python with `pip install tantivy==0.27.0` (raw tantivy peer)")
    ap.add_argument("--json-out")
    ap.add_argument("--skip-index", action="store_true", help="reuse the indexes in --work")
    ap.add_argument("--render", nargs="+", metavar="JSON",
                    help="only print the table of earlier --json-out files (tools merged)")
    args = ap.parse_args()
    if args.render:
        merged = None
        for path in args.render:
            with open(path, encoding="utf-8") as f:
                res = json.load(f)
            if merged is None:
                merged = res
            else:
                merged["tools"].update(res["tools"])
                merged["date"] += ", " + res["date"]
                merged["load_before"] = [max(a, b) for a, b in zip(merged["load_before"], res["load_before"])]
                merged["load_after"] = [max(a, b) for a, b in zip(merged["load_after"], res["load_after"])]
        print(render(merged))
        return

    with open(os.path.join(args.corpus, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    corpus_bytes = sum(os.path.getsize(p) for p in corpus_files(args.corpus))
    os.makedirs(args.work, exist_ok=True)
    tools = args.tools.split(",")
    results = {"corpus_bytes": corpus_bytes, "files": len(manifest["files"]),
               "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
               "load_before": os.getloadavg(), "tools": {}}
    log = lambda *a: print(*a, file=sys.stderr, flush=True)
    log(f"corpus: {len(manifest['files'])} files, {corpus_bytes / 1e6:.1f} MB")

    def run_baocao(name, exe):
        exe = os.path.abspath(exe)
        idx = os.path.join(args.work, re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-") + "-index")
        r = {}
        if not args.skip_index:
            subprocess.run(["rm", "-rf", idx])
            log(f"{name}: indexing …")
            r["index_s"], r["index_cpu"], r["index_rss"], _ = timed_rss([exe, "--index", idx, "index", args.corpus])
        r["index_bytes"] = dir_size(idx)
        log(f"{name}: querying …")
        set_latency(r, "lat_phrase", baocao_search_cmd(exe, idx, '"' + PHRASE + '"'), args.runs)
        set_latency(r, "lat_folded", baocao_search_cmd(exe, idx, '"' + FOLDED + '"'), args.runs)
        set_latency(r, "lat_word", baocao_search_cmd(exe, idx, "ngân sách"), args.runs)
        set_latency(r, "lat_facet",
            baocao_search_cmd(exe, idx, FOLDED, extra=("--year", "2015..2020")), args.runs)
        set_percentiles(r, exe, idx, max(1, args.runs // 4))
        r["phrase"] = score(baocao_files(exe, idx, PHRASE), manifest)
        r["folded"] = score(baocao_files(exe, idx, FOLDED), manifest)
        results["tools"][name] = r

    if "baocao" in tools:
        run_baocao("baocao", args.baocao)
    if args.baseline:
        # An earlier build of baocao (e.g. main before a branch), measured in the same run.
        run_baocao(args.baseline_name, args.baseline)

    if "fts5" in tools:
        db = os.path.join(args.work, "fts5.db")
        r = {}
        if not args.skip_index:
            log("fts5: indexing …")
            r["index_s"], r["index_cpu"], r["index_rss"], _ = timed_rss(
                [sys.executable, os.path.abspath(__file__), "--corpus", args.corpus,
                 "--work", args.work, "--_fts5-index", db])
        r["index_bytes"] = dir_size(db)
        log("fts5: querying …")
        set_latency(r, "lat_phrase", fts5_query_cmd(db, PHRASE), args.runs)
        set_latency(r, "lat_folded", fts5_query_cmd(db, FOLDED), args.runs)
        set_latency(r, "lat_word", 
            ["sqlite3", "-readonly", db,
             "SELECT path, snippet(docs, 1, '<b>', '</b>', '…', 16) FROM docs "
             "WHERE docs MATCH 'ngân sách' ORDER BY rank LIMIT 10;"], args.runs)
        r["phrase"] = score(fts5_files(db, PHRASE), manifest)
        r["folded"] = score(fts5_files(db, FOLDED), manifest)
        results["tools"]["fts5"] = r

    if "tantivy" in tools:
        py = args.tantivy_python
        idx = os.path.join(args.work, "tantivy-index")
        r = {}
        if not args.skip_index:
            log("tantivy: indexing …")
            r["index_s"], r["index_cpu"], r["index_rss"], _ = timed_rss(
                [py, os.path.abspath(__file__), "--corpus", args.corpus, "--_tantivy-index", idx])
        r["index_bytes"] = dir_size(idx)
        log("tantivy: querying …")
        for key, q in [("lat_phrase", '"' + PHRASE + '"'), ("lat_folded", '"' + FOLDED + '"'),
                       ("lat_word", "ngân sách")]:
            p = subprocess.run([py, os.path.abspath(__file__), "--_tantivy-query", idx, q, str(args.runs)],
                               capture_output=True, text=True, check=True)
            m = json.loads(p.stdout)
            r[key], r[key + "_cpu"], r[key + "_inproc"] = m["wall"], m["cpu"], m["in_process"]
        p = subprocess.run([py, os.path.abspath(__file__), "--_tantivy-files", idx, PHRASE],
                           capture_output=True, text=True, check=True)
        r["phrase"] = score(set(json.loads(p.stdout)), manifest)
        p = subprocess.run([py, os.path.abspath(__file__), "--_tantivy-files", idx, FOLDED],
                           capture_output=True, text=True, check=True)
        r["folded"] = score(set(json.loads(p.stdout)), manifest)
        results["tools"]["tantivy"] = r

    if "rg" in tools:
        r = {"index_s": 0.0, "index_cpu": 0.0, "index_rss": 0, "index_bytes": 0}
        log("rg: querying …")
        set_latency(r, "lat_phrase", rg_cmd(args.corpus, PHRASE, files_only=False), args.rg_runs)
        set_latency(r, "lat_folded", rg_cmd(args.corpus, FOLDED, files_only=False), args.rg_runs)
        r["phrase"] = score(rg_files(args.corpus, PHRASE), manifest)
        r["folded"] = score(rg_files(args.corpus, FOLDED), manifest)
        results["tools"]["rg"] = r

    results["load_after"] = os.getloadavg()
    if args.json_out:
        with open(args.json_out, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1, ensure_ascii=False)
    print(render(results))


def render(res):
    mb = res["corpus_bytes"] / 1e6
    tools = res["tools"]
    base = tools.get("baocao")

    def fmt_s(v):
        if v is None:
            return "–"
        return f"{v * 1000:.1f} ms" if v < 1 else f"{v:.1f} s"

    def ratio(key, name):
        if not base or name == "baocao" or not base.get(key) or tools[name].get(key) is None:
            return ""
        x = tools[name][key] / base[key]
        return f" ({x:.2f}×)" if x < 1 else f" ({x:.1f}×)"

    def pct(v):
        return "–" if v is None else f"{v * 100:.1f}%"

    rows = [
        ("index time (wall)", lambda n, r: "none" if n == "rg" else (fmt_s(r.get("index_s")) + ratio("index_s", n)) if r.get("index_s") is not None else "–"),
        ("index CPU time (user + sys)", lambda n, r: "none" if n == "rg" else (fmt_s(r.get("index_cpu")) + ratio("index_cpu", n)) if r.get("index_cpu") else "–"),
        ("indexing MB/s (wall)", lambda n, r: "–" if n == "rg" or not r.get("index_s") else f"{mb / r['index_s']:.1f}"),
        ("indexing MB per CPU-second", lambda n, r: "–" if n == "rg" or not r.get("index_cpu") else f"{mb / r['index_cpu']:.1f}"),
        ("index size / corpus", lambda n, r: "0" if n == "rg" else f"{r['index_bytes'] / res['corpus_bytes']:.2f}"),
        ("peak RSS indexing", lambda n, r: "–" if not r.get("index_rss") else f"{r['index_rss'] / 2**20:.0f} MiB" + ratio("index_rss", n)),
        ("query `\"giải ngân vốn đầu tư công\"`: median wall", lambda n, r: fmt_s(r.get("lat_phrase")) + ratio("lat_phrase", n)),
        ("… median CPU time", lambda n, r: fmt_s(r.get("lat_phrase_cpu")) + ratio("lat_phrase_cpu", n)),
        ("query `\"giai ngan von dau tu cong\"`: median wall", lambda n, r: fmt_s(r.get("lat_folded")) + ratio("lat_folded", n)),
        ("… median CPU time", lambda n, r: fmt_s(r.get("lat_folded_cpu")) + ratio("lat_folded_cpu", n)),
        ("query `ngân sách`: median wall", lambda n, r: fmt_s(r.get("lat_word")) + ratio("lat_word", n) if r.get("lat_word") else "–"),
        ("… median CPU time", lambda n, r: fmt_s(r.get("lat_word_cpu")) + ratio("lat_word_cpu", n) if r.get("lat_word_cpu") is not None else "–"),
        ("query `giai ngan von dau tu cong --year 2015..2020`: median wall", lambda n, r: fmt_s(r.get("lat_facet")) if r.get("lat_facet") else "–"),
        ("20 queries of benches/queries.tsv: p50 / p90 wall", lambda n, r: f"{fmt_s(r['set_p50'])} / {fmt_s(r['set_p90'])}" if r.get("set_p50") else "–"),
        ("… p50 / p90 CPU time", lambda n, r: f"{fmt_s(r['set_p50_cpu'])} / {fmt_s(r['set_p90_cpu'])}" if r.get("set_p50_cpu") else "–"),
        ("same query on an open index (in process)", lambda n, r: fmt_s(r.get("lat_phrase_inproc")) if r.get("lat_phrase_inproc") else "–"),
        ("recall, phrase with diacritics", lambda n, r: pct(r["phrase"]["recall"])),
        ("recall, phrase without diacritics", lambda n, r: pct(r["folded"]["recall"])),
        ("recall, phrase cut by line wraps (with diacritics)", lambda n, r: pct(r["phrase"]["cut_recall"])),
        ("precision, phrase with diacritics", lambda n, r: pct(r["phrase"]["precision"])),
    ]
    names = list(tools)
    out = [f"Corpus: {res['files']} files, {mb:.0f} MB; {res['date']}; load avg before "
           f"{res['load_before'][0]:.2f}, after {res['load_after'][0]:.2f}", "",
           "| | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for label, f in rows:
        out.append(f"| {label} | " + " | ".join(f(n, tools[n]) for n in names) + " |")
    truth = next(iter(tools.values()))["phrase"] if tools else None
    if truth:
        out.append("")
        out.append(f"Ground truth: {truth['truth']} files contain the phrase; in {truth['cut_truth']} of "
                   f"them every occurrence is cut by a line wrap or a page-bottom footnote block.")
    return "\n".join(out)


if __name__ == "__main__":
    if "--_fts5-index" in sys.argv:
        i = sys.argv.index("--_fts5-index")
        corpus = sys.argv[sys.argv.index("--corpus") + 1]
        fts5_index(sys.argv[i + 1], corpus)
    elif "--_tantivy-index" in sys.argv:
        i = sys.argv.index("--_tantivy-index")
        corpus = sys.argv[sys.argv.index("--corpus") + 1]
        tantivy_index(sys.argv[i + 1], corpus)
    elif "--_tantivy-query" in sys.argv:
        i = sys.argv.index("--_tantivy-query")
        tantivy_query(sys.argv[i + 1], sys.argv[i + 2], int(sys.argv[i + 3]))
    elif "--_tantivy-files" in sys.argv:
        i = sys.argv.index("--_tantivy-files")
        print(json.dumps(sorted(tantivy_files(sys.argv[i + 1], sys.argv[i + 2]))))
    else:
        main()

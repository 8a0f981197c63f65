//! `baocao serve` over HTTP: a client against a server started on a free port. Every
//! endpoint, the API's equality with `--json`, escaping of document text, bad parameters,
//! a missing and a damaged index, and Ctrl-C.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::common::{
    copy_corpus, hit_ids, index_folder, json_on_shared_index, largest_file, run_in,
    scramble_middle, shared_index,
};
use super::serve_support::{enc, request, Server};

const QUERY: &str = "giai ngan von dau tu cong";

fn shared_server() -> Server {
    Server::start(Path::new(env!("CARGO_MANIFEST_DIR")), shared_index())
}

#[test]
fn the_api_gives_the_documents_of_the_command_line() {
    let server = shared_server();
    let q = enc(QUERY);

    let api = server.json(&format!("/api/search?q={q}&limit=20"));
    let cli = json_on_shared_index(&["search", QUERY, "--limit", "20"]);
    assert!(api["total"].as_u64().unwrap() > 0);
    assert_eq!(api, cli, "search");

    let api = server.json(&format!(
        "/api/search?q={q}&year=2023&type=bao-cao&limit=5&offset=2"
    ));
    let cli = json_on_shared_index(&[
        "search", QUERY, "--year", "2023", "--type", "bao-cao", "--limit", "5", "--offset", "2",
    ]);
    assert_eq!(api, cli, "search with filters and window");

    let api = server.json(&format!("/api/facets?q={q}"));
    assert_eq!(api, json_on_shared_index(&["facets", QUERY]), "facets");
    let api = server.json(&format!("/api/facets?q={q}&field=sector"));
    assert_eq!(
        api,
        json_on_shared_index(&["facets", QUERY, "--field", "sector"]),
        "facets of one field"
    );
    let all = server.json("/api/facets");
    assert_eq!(
        all,
        json_on_shared_index(&["facets"]),
        "facets of everything"
    );

    let api = server.json(&format!("/api/figures?q={q}&limit=30"));
    let cli = json_on_shared_index(&["figures", QUERY, "--limit", "30"]);
    assert!(!api["figures"].as_array().unwrap().is_empty());
    assert_eq!(api, cli, "figures");

    let mut stats = server.json("/api/stats");
    let mut cli = json_on_shared_index(&["stats"]);
    // The index may have been compacted between the two reads only in size; counts match.
    stats.as_object_mut().unwrap().remove("index_bytes");
    cli.as_object_mut().unwrap().remove("index_bytes");
    assert_eq!(stats, cli, "stats");

    let first = hit_ids(&server.json(&format!("/api/search?q={q}")))[0].clone();
    let api = server.json(&format!("/api/show?id={}", enc(&first)));
    assert_eq!(api, json_on_shared_index(&["show", &first]), "show section");
    let doc = api["report"]["doc_id"].as_str().unwrap().to_string();
    let api = server.json(&format!("/api/show?id={}", enc(&doc)));
    assert_eq!(api, json_on_shared_index(&["show", &doc]), "show outline");
    assert!(!api["sections"].as_array().unwrap().is_empty());

    // The timeline, by year and by another facet, with filters.
    let api = server.json(&format!("/api/timeline?q={q}"));
    assert!(!api["buckets"].as_array().unwrap().is_empty());
    assert_eq!(api, json_on_shared_index(&["timeline", QUERY]), "timeline");
    let api = server.json(&format!("/api/timeline?q={q}&by=period&type=bao-cao"));
    assert_eq!(
        api,
        json_on_shared_index(&["timeline", QUERY, "--by", "period", "--type", "bao-cao"]),
        "timeline by period"
    );
    assert_eq!(
        server.json(&format!("/api/timeline?q={q}&by=province")),
        json_on_shared_index(&["timeline", QUERY, "--by", "province"]),
        "timeline by province"
    );
    // Without a query (the command needs one), the timeline of every unit.
    let all = server.json("/api/timeline");
    assert_eq!(all["units"], server.json("/api/facets")["total"]);
}

/// The query strings of the API and the arguments of the command that give the same
/// document, over every endpoint and option the API takes.
fn api_and_cli() -> Vec<(String, Vec<&'static str>)> {
    let q = enc(QUERY);
    vec![
        (format!("/api/search?q={q}"), vec!["search", QUERY]),
        (
            format!("/api/search?q={q}&group=report&limit=2&offset=1"),
            vec![
                "search", QUERY, "--group", "report", "--limit", "2", "--offset", "1",
            ],
        ),
        (
            format!(
                "/api/search?q={}&kind=footnote&sector=kinh-te",
                enc("giải ngân")
            ),
            vec![
                "search",
                "giải ngân",
                "--kind",
                "footnote",
                "--sector",
                "kinh-te",
            ],
        ),
        (
            format!("/api/search?q={q}&period=2024-Q3"),
            vec!["search", QUERY, "--period", "2024-Q3"],
        ),
        (
            format!("/api/facets?q={q}&count=reports&limit=2"),
            vec!["facets", QUERY, "--count", "reports", "--limit", "2"],
        ),
        (
            format!("/api/facets?q={q}&field=period&role=nhiem-vu"),
            vec!["facets", QUERY, "--field", "period", "--role", "nhiem-vu"],
        ),
        (
            format!("/api/timeline?q={q}&by=type&year=2024"),
            vec!["timeline", QUERY, "--by", "type", "--year", "2024"],
        ),
        (
            format!("/api/figures?q={q}&limit=5&offset=3"),
            vec!["figures", QUERY, "--limit", "5", "--offset", "3"],
        ),
        (
            format!("/api/show?id={}", enc("000_15b6f46b6783cbe2.txt:152")),
            vec!["show", "000_15b6f46b6783cbe2.txt:152"],
        ),
    ]
}

#[test]
fn every_endpoint_and_option_gives_the_cli_document_with_its_schema() {
    let server = shared_server();
    for (path, args) in api_and_cli() {
        let api = server.json(&path);
        assert_eq!(api, json_on_shared_index(&args), "{path} = {args:?}");
        assert_eq!(api["schema"], 1, "{path}: the schema key");
    }
    assert_eq!(server.json("/api/stats")["schema"], 1);
}

#[test]
fn the_pages_show_results_facets_timeline_section_and_figures() {
    let server = shared_server();
    let q = enc(QUERY);
    let cli = json_on_shared_index(&["search", QUERY]);

    // Home: overview with the reports and the facets.
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert!(home
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    let html = home.text();
    assert!(html.contains("<html lang=\"vi\">"), "{html}");
    assert!(html.contains("Báo cáo trong chỉ mục"));
    assert!(html.contains("<svg class=\"timeline\""));

    // Search: results in rank order with title, period, path and file:line; facets; SVG.
    let page = server.get(&format!("/?q={q}"));
    assert_eq!(page.status, 200);
    let html = page.text();
    for hit in cli["hits"].as_array().unwrap() {
        assert!(html.contains(&format!("data-id=\"{}\"", hit["id"].as_str().unwrap())));
        assert!(html.contains(&format!(
            "{}:{}",
            hit["file"].as_str().unwrap(),
            hit["match_line"]
        )));
    }
    let first = cli["hits"][0]["id"].as_str().unwrap();
    let second = cli["hits"][1]["id"].as_str().unwrap();
    assert!(
        html.find(&format!("data-id=\"{first}\"")) < html.find(&format!("data-id=\"{second}\"")),
        "rank order"
    );
    assert!(html.contains("<mark>"), "highlighted snippets");
    assert!(html.contains(&format!("data-total=\"{}\"", cli["total"])));
    for facet in ["year", "period", "type", "sector", "role", "province"] {
        assert!(
            html.contains(&format!("data-facet=\"{facet}\"")),
            "facet {facet}"
        );
    }
    assert!(html.contains("<svg class=\"timeline\""), "timeline");
    assert!(html.contains("rel=\"next\""), "pages");

    // A year facet link filters, shows itself active, and keeps the query in the URL.
    let year = "2023";
    let filtered = server.get(&format!("/?q={q}&year={year}"));
    assert_eq!(filtered.status, 200);
    let html = filtered.text();
    assert!(html.contains(&format!(
        "class=\"active\" aria-current=\"true\" data-facet=\"year\" data-value=\"{year}\""
    )));
    assert!(html.contains("data-filter=\"year\""), "active filter chip");
    let cli_year = json_on_shared_index(&["search", QUERY, "--year", year]);
    assert!(html.contains(&format!("data-total=\"{}\"", cli_year["total"])));
    for hit in cli_year["hits"].as_array().unwrap() {
        assert!(hit["years"]
            .as_array()
            .unwrap()
            .contains(&Value::from(2023)));
    }
    // Page 2 is the CLI's offset 10.
    let page2 = server.get(&format!("/?q={q}&page=2")).text();
    let cli2 = json_on_shared_index(&["search", QUERY, "--offset", "10"]);
    assert!(page2.contains(&format!(
        "data-id=\"{}\"",
        cli2["hits"][0]["id"].as_str().unwrap()
    )));

    // Section view: full text, footnotes, outline with the section marked.
    let with_notes = cli["hits"]
        .as_array()
        .unwrap()
        .iter()
        .chain(
            json_on_shared_index(&["search", "giải ngân", "--limit", "100"])["hits"]
                .as_array()
                .unwrap(),
        )
        .find(|h| h["kind"] == "section" && !h["footnote_refs"].as_array().unwrap().is_empty())
        .expect("a hit with footnotes")
        .clone();
    let id = with_notes["id"].as_str().unwrap();
    let show = server.get(&format!("/show?id={}&q={q}", enc(id)));
    assert_eq!(show.status, 200);
    let html = show.text();
    let unit = json_on_shared_index(&["show", id]);
    let first_para = unit["unit"]["text"]
        .as_str()
        .unwrap()
        .split('\n')
        .find(|p| !p.trim().is_empty())
        .unwrap();
    assert!(html.contains(&escape(first_para)), "full text");
    for f in unit["footnotes"].as_array().unwrap() {
        assert!(
            html.contains(&format!("id=\"fn-{}\"", f["number"])),
            "footnote"
        );
    }
    assert!(html.contains("Mục lục báo cáo"));
    assert!(
        html.contains(&format!(
            "href=\"/show?id={}\" aria-current=\"page\"",
            enc(id)
        )),
        "the section is marked in the outline"
    );

    // Outline of a report.
    let doc = unit["report"]["doc_id"].as_str().unwrap();
    let outline = server.get(&format!("/show?id={}", enc(doc)));
    assert_eq!(outline.status, 200);
    assert!(outline.text().contains("Mục lục"));

    // Figures table and its CSV (the CSV of `figures --csv` over the same units).
    let figures = server.get(&format!("/figures?q={q}"));
    assert_eq!(figures.status, 200);
    let html = figures.text();
    assert!(html.contains("<table class=\"figures\""));
    assert!(html.contains("/figures.csv?q="));
    // The first page is the CLI's first 50 figures, with their file:line.
    let cli_figures = json_on_shared_index(&["figures", QUERY, "--limit", "50"]);
    assert!(html.contains(&format!("data-total=\"{}\"", cli_figures["total"])));
    let rows = cli_figures["figures"].as_array().unwrap();
    assert!(!rows.is_empty());
    assert_eq!(html.matches("<td class=\"num\">").count(), rows.len());
    for r in rows {
        assert!(html.contains(&format!("{}:{}", r["file"].as_str().unwrap(), r["line"])));
    }
    if cli_figures["total"].as_u64().unwrap() > 50 {
        assert!(html.contains("rel=\"next\""), "figures pages");
    }
    let csv = server.get(&format!("/figures.csv?q={q}"));
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    assert!(csv
        .header("content-disposition")
        .unwrap()
        .contains("attachment"));
    let out = super::common::on_shared_index(&["figures", QUERY, "--csv", "--limit", "10000"]);
    assert_eq!(csv.text(), String::from_utf8_lossy(&out.stdout));
    assert!(csv.text().starts_with("value,unit,raw,sentence"));

    // Assets are embedded; nothing is loaded from elsewhere.
    for (path, ty) in [
        ("/assets/style.css", "text/css"),
        ("/assets/app.js", "text/javascript"),
        ("/favicon.svg", "image/svg+xml"),
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert!(r.header("content-type").unwrap().starts_with(ty), "{path}");
    }
    for page in [&home, &page, &filtered, &show, &figures] {
        let html = page.text();
        for remote in [
            "src=\"http",
            "href=\"http",
            "src=\"//",
            "href=\"//",
            "url(http",
        ] {
            assert!(!html.contains(remote), "remote asset: {remote}");
        }
        assert!(page
            .header("content-security-policy")
            .unwrap()
            .contains("default-src 'none'"));
    }
}

/// What maud makes of text.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A report whose text tries to inject markup everywhere.
const HOSTILE: &str = "UBND TỈNH LẠNG SƠN\n\
Số: 99/BC-UBND\n\
\n\
BÁO CÁO\n\
Tình hình kinh tế - xã hội tháng 3 năm 2024 <script>alert('title')</script>\n\
\n\
I. ĐẦU TƯ CÔNG <script>alert('heading')</script>\n\
\n\
Giải ngân vốn đầu tư công đạt 400 tỷ đồng <script>alert('text')</script> & \"trích\" <img src=x onerror=alert(1)>.\n\
\n\
II. NHIỆM VỤ </textarea><b>đậm</b>\n\
\n\
Tiếp tục đẩy nhanh giải ngân vốn đầu tư công, phấn đấu đạt 95% kế hoạch <iframe src=\"javascript:alert(2)\">.\n";

#[test]
fn document_text_is_escaped_everywhere() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    fs::create_dir_all(&docs).unwrap();
    fs::write(docs.join("hostile.txt"), HOSTILE).unwrap();
    let index = tmp.path().join("index");
    index_folder(tmp.path(), &docs, &index);
    let server = Server::start(tmp.path(), &index);
    let q = enc("giải ngân vốn đầu tư công");
    let search = json_of(&server, &format!("/api/search?q={q}"));
    assert!(search["total"].as_u64().unwrap() >= 1, "{search}");
    let id = search["hits"][0]["id"].as_str().unwrap().to_string();
    let doc = search["hits"][0]["doc_id"].as_str().unwrap().to_string();
    for path in [
        "/".to_string(),
        format!("/?q={q}"),
        format!("/?q={}", enc("<script>alert('q')</script> giải ngân")),
        format!("/show?id={}&q={q}", enc(&id)),
        format!("/show?id={}", enc(&doc)),
        format!("/figures?q={q}"),
        format!("/show?id={}", enc("<script>alert('id')</script>")),
    ] {
        let r = server.get(&path);
        assert!(r.status == 200 || r.status == 404, "{path}: {}", r.status);
        let html = r.text();
        for bad in ["<script>alert", "<img src=x", "<iframe", "</textarea><b>"] {
            assert!(!html.contains(bad), "{path}: {bad} unescaped in\n{html}");
        }
        assert_eq!(
            html.matches("<script").count(),
            1,
            "{path}: only our own script"
        );
    }
    // The text is shown, as text.
    let section = server.get(&format!("/show?id={}", enc(&id))).text();
    assert!(
        section.contains(
            "&lt;script&gt;alert('text')&lt;/script&gt; &amp; &quot;trích&quot; \
             &lt;img src=x onerror=alert(1)&gt;"
        ),
        "{section}"
    );
    let results = server.get(&format!("/?q={q}")).text();
    assert!(results.contains("ĐẦU TƯ CÔNG &lt;script&gt;alert('heading')&lt;/script&gt;"));
    assert!(results.contains("<mark>Giải ngân vốn đầu tư công</mark>"));
}

fn json_of(server: &Server, path: &str) -> Value {
    server.json(path)
}

#[test]
fn bad_parameters_are_400_with_one_line_json() {
    let server = shared_server();
    let q = enc(QUERY);
    for path in [
        "/api/search".to_string(),
        "/api/search?q=".to_string(),
        format!("/api/search?q={}", enc("\"giải ngân")),
        format!("/api/search?q={}", enc("AND (")),
        format!("/api/search?q={q}&year=20x4"),
        format!("/api/search?q={q}&year=2019..2017"),
        format!("/api/search?q={q}&limit=101"),
        format!("/api/search?q={q}&limit=ten"),
        format!("/api/search?q={q}&offset=-1"),
        format!("/api/search?q={q}&offset=9995&limit=10"),
        format!("/api/search?q={q}&kind=table"),
        format!("/api/search?q={q}&q=again"),
        format!("/api/search?q={q}&sort=date"),
        format!("/api/search?q={}", "a".repeat(600)),
        format!("/api/facets?q={q}&field=colour"),
        format!("/api/facets?q={q}&count=pages"),
        format!("/api/facets?q={q}&limit=0"),
        format!("/api/search?q={q}&group=year"),
        format!("/api/timeline?q={q}&by=colour"),
        format!("/api/search?q={q}&type=bao-cao-lạ"),
        format!("/api/timeline?q={q}&year=x"),
        "/api/figures".to_string(),
        "/api/show".to_string(),
        "/api/stats?verbose=1".to_string(),
        format!("/figures.csv?q={}", enc("(")),
    ] {
        let r = server.get(&path);
        assert_eq!(r.status, 400, "{path}: {}", r.text());
        assert!(
            r.header("content-type")
                .unwrap()
                .starts_with("application/json"),
            "{path}"
        );
        let text = r.text();
        assert_eq!(text.lines().count(), 1, "{path}: {text}");
        let v: Value = serde_json::from_str(&text).unwrap();
        assert!(!v["error"].as_str().unwrap().is_empty(), "{path}");
    }
    // The pages say it in a page, with the same status.
    for path in [
        format!("/?q={}", enc("\"giải ngân")),
        format!("/?q={q}&page=0"),
        format!("/?q={q}&year=abc"),
        format!("/?q={q}&unknown=1"),
        "/show".to_string(),
        "/figures".to_string(),
        format!("/figures?q={q}&page=0"),
    ] {
        let r = server.get(&path);
        assert_eq!(r.status, 400, "{path}");
        assert!(r.header("content-type").unwrap().starts_with("text/html"));
        assert!(r.text().contains("role=\"alert\""), "{path}");
    }
    // The typed query stays in the box after an error.
    let r = server.get(&format!("/?q={}", enc("\"giải ngân")));
    assert!(r.text().contains("value=\"&quot;giải ngân\""));
    // Unknown ids are 404; unknown paths 404; writing methods 405.
    assert_eq!(server.get("/api/show?id=nothing-here").status, 404);
    assert_eq!(server.get("/show?id=nothing-here").status, 404);
    assert_eq!(server.get("/api/nothing").status, 404);
    assert_eq!(server.get("/nothing").status, 404);
    for method in ["POST", "PUT", "DELETE"] {
        let r = request(
            &server.addr,
            method,
            "/api/search?q=x",
            &[("Content-Length", "0")],
        );
        assert_eq!(r.status, 405, "{method}");
    }
    // An overlong query string, and a foreign Host (DNS rebinding) are refused.
    let long = format!("/api/search?q={}", "a".repeat(9000));
    assert_eq!(server.get(&long).status, 400);
    let r = request(
        &server.addr,
        "GET",
        "/api/stats",
        &[("Host", "evil.example:8080")],
    );
    assert_eq!(r.status, 400);
    let r = request(
        &server.addr,
        "GET",
        "/api/stats",
        &[("Host", "localhost:1")],
    );
    assert_eq!(r.status, 200);
}

/// GET until the status is `want` (the server looks at the index again every 2 s).
fn wait_for_status(server: &Server, path: &str, want: u16) -> super::serve_support::Reply {
    let start = Instant::now();
    loop {
        let r = server.get(path);
        if r.status == want || start.elapsed() > Duration::from_secs(30) {
            return r;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn a_missing_index_is_a_clear_page_until_it_is_built() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    // No index and no corpus/ to build it from.
    let mut server = Server::start(tmp.path(), &index);
    let page = server.get("/?q=giai+ngan");
    assert_eq!(page.status, 503);
    let html = page.text();
    assert!(html.contains("Chưa đọc được chỉ mục"), "{html}");
    assert!(html.contains("baocao index"), "{html}");
    let api = server.get("/api/search?q=giai+ngan");
    assert_eq!(api.status, 503);
    let v: Value = serde_json::from_slice(&api.body).unwrap();
    assert!(v["error"].as_str().unwrap().contains("no index"), "{v}");
    assert!(server.alive());
    // Once the index is built, the server reads it without a restart.
    let docs = tmp.path().join("docs");
    copy_corpus(&docs);
    index_folder(tmp.path(), &docs, &index);
    let r = wait_for_status(&server, "/api/search?q=giai+ngan", 200);
    assert_eq!(r.status, 200, "{}", r.text());
    let (code, _) = server.interrupt(Duration::from_secs(10));
    assert_eq!(code, Some(0));
}

fn built_index(tmp: &Path) -> std::path::PathBuf {
    let docs = tmp.join("docs");
    copy_corpus(&docs);
    let index = tmp.join("index");
    index_folder(tmp, &docs, &index);
    index
}

#[test]
fn a_damaged_index_is_a_clear_page_not_a_panic() {
    // meta.json gone: the index cannot be opened.
    let tmp = tempfile::tempdir().unwrap();
    let index = built_index(tmp.path());
    fs::remove_file(index.join("meta.json")).unwrap();
    let mut server = Server::start(tmp.path(), &index);
    for path in ["/", "/?q=giai+ngan", "/show?id=x", "/figures?q=giai+ngan"] {
        let r = server.get(path);
        assert_eq!(r.status, 503, "{path}");
        let html = r.text();
        assert!(html.contains("Chưa đọc được chỉ mục"), "{path}: {html}");
        assert!(html.contains("--rebuild"), "{path}");
    }
    for path in ["/api/search?q=giai+ngan", "/api/stats", "/api/facets"] {
        let r = server.get(path);
        assert_eq!(r.status, 503, "{path}");
        let v: Value = serde_json::from_slice(&r.body).unwrap();
        assert!(v["error"].as_str().unwrap().contains("meta.json"), "{v}");
    }
    assert!(server.alive());
    drop(server);

    // Segment files damaged: opening may work, reading fails; every answer is a page or
    // a JSON error with a status, and the server keeps serving.
    for ext in ["store", "idx", "term"] {
        let tmp = tempfile::tempdir().unwrap();
        let index = built_index(tmp.path());
        scramble_middle(&largest_file(&index, ext));
        let mut server = Server::start(tmp.path(), &index);
        for path in [
            "/?q=giai+ngan+von+dau+tu+cong",
            "/api/search?q=giai+ngan",
            "/figures?q=giai+ngan",
            "/api/stats",
        ] {
            let r = server.get(path);
            assert!(
                [200, 500, 503].contains(&r.status),
                "{ext} {path}: {}",
                r.status
            );
            if r.status != 200 {
                let text = r.text();
                assert!(text.contains("--rebuild"), "{ext} {path}: {text}");
            }
        }
        assert!(server.alive(), "{ext}: the server survived");
        assert_eq!(server.get("/assets/style.css").status, 200);
        let (code, _) = server.interrupt(Duration::from_secs(10));
        assert_eq!(code, Some(0), "{ext}");
    }
}

#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let mut server = shared_server();
    assert!(
        server.addr.starts_with("127.0.0.1:"),
        "loopback unless told otherwise: {}",
        server.addr
    );
    assert_eq!(server.get("/api/stats").status, 200);
    let (code, stderr) = server.interrupt(Duration::from_secs(10));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// The `href` of the facet link `data-facet="{facet}" data-value="{value}"` of a page
/// (`&amp;` decoded).
fn facet_href(html: &str, facet: &str, value: &str) -> String {
    let marker = format!("data-facet=\"{facet}\" data-value=\"{}\"", escape(value));
    let at = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no link {marker}"));
    let start = html[..at].rfind("href=\"").expect("href") + "href=\"".len();
    let end = start + html[start..].find('"').unwrap();
    html[start..end].replace("&amp;", "&")
}

#[test]
fn the_issuer_is_a_facet_and_a_filter_of_the_page_and_the_api() {
    let server = shared_server();
    let q = enc(QUERY);
    let cli = json_on_shared_index(&["facets", QUERY, "--field", "issuer"]);
    let issuers: Vec<(String, u64)> = cli["facets"]["issuer"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
        .collect();
    assert!(issuers.len() >= 2, "the sample has two issuers: {cli}");

    // The page lists every issuer with its count, under its Vietnamese label.
    let html = server.get(&format!("/?q={q}")).text();
    assert!(html.contains("<h2>Cơ quan ban hành</h2>"), "label");
    for (name, n) in &issuers {
        let marker = format!("data-facet=\"issuer\" data-value=\"{}\"", escape(name));
        let at = html.find(&marker).unwrap_or_else(|| panic!("{marker}"));
        let link = &html[at..at + html[at..].find("</a>").unwrap()];
        assert!(
            link.contains(&format!("<span class=\"n\">{n}</span>")),
            "{link}"
        );
    }

    // A click filters: the URL holds `issuer=`, the value is active, the results are the
    // command line's `--issuer`, the other issuers stay listed to switch to.
    let (name, _) = &issuers[0];
    let href = facet_href(&html, "issuer", name);
    assert!(
        href.starts_with("/?q=") && href.contains("&issuer="),
        "{href}"
    );
    let page = server.get(&href);
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(html.contains(&format!(
        "class=\"active\" aria-current=\"true\" data-facet=\"issuer\" data-value=\"{}\"",
        escape(name)
    )));
    assert!(
        html.contains("data-filter=\"issuer\""),
        "active filter chip"
    );
    let cli_hits = json_on_shared_index(&["search", QUERY, "--issuer", name]);
    assert!(cli_hits["total"].as_u64().unwrap() > 0);
    assert!(html.contains(&format!("data-total=\"{}\"", cli_hits["total"])));
    for hit in cli_hits["hits"].as_array().unwrap() {
        assert!(html.contains(&format!("data-id=\"{}\"", hit["id"].as_str().unwrap())));
    }
    for (other, _) in &issuers[1..] {
        assert!(html.contains(&format!(
            "data-facet=\"issuer\" data-value=\"{}\"",
            escape(other)
        )));
    }
    // Unticking it goes back to the unfiltered page.
    assert_eq!(facet_href(&html, "issuer", name), format!("/?q={q}"));

    // Every API endpoint that takes filters takes `issuer` as the command line does,
    // written as listed or folded.
    let folded = "ubnd tinh lang son";
    for value in [name.as_str(), folded] {
        let i = enc(value);
        for (path, args) in [
            (
                format!("/api/search?q={q}&issuer={i}&limit=20"),
                vec!["search", QUERY, "--issuer", value, "--limit", "20"],
            ),
            (
                format!("/api/facets?q={q}&issuer={i}"),
                vec!["facets", QUERY, "--issuer", value],
            ),
            (
                format!("/api/facets?issuer={i}&field=issuer"),
                vec!["facets", "--issuer", value, "--field", "issuer"],
            ),
            (
                format!("/api/timeline?q={q}&issuer={i}"),
                vec!["timeline", QUERY, "--issuer", value],
            ),
            (
                format!("/api/figures?q={q}&issuer={i}&limit=20"),
                vec!["figures", QUERY, "--issuer", value, "--limit", "20"],
            ),
        ] {
            assert_eq!(server.json(&path), json_on_shared_index(&args), "{path}");
        }
    }
    let only = server.json(&format!("/api/search?q={q}&issuer={}&limit=100", enc(name)));
    for hit in only["hits"].as_array().unwrap() {
        assert_eq!(hit["issuer"].as_str(), Some(name.as_str()), "{hit}");
    }
    let folded_total = server.json(&format!("/api/search?q={q}&issuer={}", enc(folded)))["total"]
        .as_u64()
        .unwrap();
    assert!(folded_total > 0, "a folded issuer filters too");
    // A repeated issuer is a 400, like any single-valued filter.
    let r = server.get(&format!("/api/search?q={q}&issuer=a&issuer=b"));
    assert_eq!(r.status, 400);
}

/// Sections per generated report, and reports: more matching units than
/// `baocao::figures::MAX_FIGURE_UNITS` (1000), each with one figure.
const SECTIONS_PER_REPORT: usize = 100;
const REPORTS: usize = 12;

#[test]
fn figures_read_only_the_best_ranked_units() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    fs::create_dir(&docs).unwrap();
    for r in 0..REPORTS {
        let mut text = format!(
            "UBND TỈNH LẠNG SƠN\nSố: {}/BC-UBND\n\nBÁO CÁO\nTình hình đầu tư tháng 3 năm 2024\n\nI. ĐẦU TƯ CÔNG\n\n",
            r + 1
        );
        for s in 1..=SECTIONS_PER_REPORT {
            text.push_str(&format!(
                "{s}. Công trình số {s}\n\nGiải ngân vốn đầu tư công đạt {s} tỷ đồng.\n\n"
            ));
        }
        fs::write(docs.join(format!("r{r:02}.txt")), text).unwrap();
    }
    let index = tmp.path().join("index");
    index_folder(tmp.path(), &docs, &index);
    let ix = index.to_str().unwrap();
    let cli = |args: &[&str]| {
        let mut all = vec!["--index", ix];
        all.extend_from_slice(args);
        let out = run_in(tmp.path(), &all);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let json: Value =
        serde_json::from_slice(&cli(&["--json", "figures", "giai ngan", "--limit", "5"])).unwrap();
    let units = json["units"].as_u64().unwrap();
    assert!(units > 1100, "{units}");
    // Only the best 1000 units are read: their figures are counted, not the others'.
    assert_eq!(json["units_read"], 1000);
    let total = json["total"].as_u64().unwrap();
    assert!(total <= 1000 && total >= 1000 - REPORTS as u64, "{total}");
    // The first figures are those of the best ranked units (the search's order).
    let search: Value =
        serde_json::from_slice(&cli(&["--json", "search", "giai ngan", "--limit", "1000"]))
            .unwrap();
    let ranked: Vec<&str> = search["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    for f in json["figures"].as_array().unwrap() {
        assert!(ranked.contains(&f["section_id"].as_str().unwrap()), "{f}");
    }
    // The text says so.
    let text = String::from_utf8(cli(&["figures", "giai ngan", "--limit", "5"])).unwrap();
    assert!(
        text.contains(&format!("in the best 1000 of {units} matching units")),
        "{text}"
    );
    // The server answers the same bounded document, and its page says it.
    let server = Server::start(tmp.path(), &index);
    assert_eq!(server.json("/api/figures?q=giai+ngan&limit=5"), json);
    let html = server.get("/figures?q=giai+ngan").text();
    assert!(html.contains("1.000 mục khớp nhất"), "{html}");
    // The last page reachable is within the window.
    let last = server.get("/figures?q=giai+ngan&page=20");
    assert_eq!(last.status, 200);
}

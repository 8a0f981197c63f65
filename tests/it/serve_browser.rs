//! `baocao serve` in a real browser: headless Chromium, driven over the DevTools protocol
//! (on a pipe, `--remote-debugging-pipe`: fd 3 in, fd 4 out, NUL-separated JSON), types a
//! query with the keyboard, clicks a year facet with the mouse, and checks the results
//! and the URL through the DOM. Screenshots go under `target/` for people to look at.
//!
//! Skipped, with a message, where Chromium is not installed (`.ci/run` installs the
//! Debian package `chromium`).

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::io::FromRawFd;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::common::{json_on_shared_index, shared_index};
use super::serve_support::Server;

const QUERY: &str = "giai ngan von dau tu cong";
/// Longest wait for one protocol answer or page load (a loaded CI machine is slow).
const WAIT: Duration = Duration::from_secs(60);

/// The Chromium binary, if installed.
fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .filter_map(|name| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|dir| dir.join(name))
                    .find(|p| p.is_file())
            })
        })
        .next()
}

/// A headless Chromium driven over the DevTools protocol pipe, attached to one page.
struct Browser {
    child: Child,
    to: File,
    from: Receiver<Value>,
    next_id: u64,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn launch(binary: &Path) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        // Two pipes: ours → chromium's fd 3, chromium's fd 4 → ours.
        let mut a = [0; 2];
        let mut b = [0; 2];
        // SAFETY: pipe2 fills the two-element arrays with new descriptors.
        unsafe {
            assert_eq!(libc::pipe2(a.as_mut_ptr(), libc::O_CLOEXEC), 0);
            assert_eq!(libc::pipe2(b.as_mut_ptr(), libc::O_CLOEXEC), 0);
        }
        let (child_in, ours_out, ours_in, child_out) = (a[0], a[1], b[0], b[1]);
        let mut command = Command::new(binary);
        command
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--remote-debugging-pipe",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // SAFETY: only async-signal-safe calls (fcntl, dup2) between fork and exec. The
        // descriptors are first copied above 10 so that dup2 onto 3 and 4 never hits the
        // same number (which would keep close-on-exec).
        unsafe {
            command.pre_exec(move || {
                let i = libc::fcntl(child_in, libc::F_DUPFD, 10);
                let o = libc::fcntl(child_out, libc::F_DUPFD, 10);
                if i < 0 || o < 0 || libc::dup2(i, 3) < 0 || libc::dup2(o, 4) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = command.spawn().expect("start chromium");
        // SAFETY: the descriptors are ours; each is wrapped (and closed) exactly once.
        let (to, from) = unsafe {
            libc::close(child_in);
            libc::close(child_out);
            (File::from_raw_fd(ours_out), File::from_raw_fd(ours_in))
        };
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(from);
            loop {
                let mut buf = Vec::new();
                match reader.read_until(0, &mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        buf.pop();
                        if let Ok(v) = serde_json::from_slice::<Value>(&buf) {
                            if tx.send(v).is_err() {
                                break;
                            }
                        }
                    }
                }
            }
        });
        let mut browser = Browser {
            child,
            to,
            from: rx,
            next_id: 0,
            session: String::new(),
            _profile: profile,
        };
        let target = browser.call_browser("Target.createTarget", json!({"url": "about:blank"}));
        let target_id = target["targetId"].as_str().expect("target id").to_string();
        let attached = browser.call_browser(
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
        );
        browser.session = attached["sessionId"].as_str().expect("session").to_string();
        browser.call("Page.enable", json!({}));
        browser
    }

    fn send(&mut self, method: &str, params: Value, session: bool) -> u64 {
        self.next_id += 1;
        let mut message = json!({"id": self.next_id, "method": method, "params": params});
        if session {
            message["sessionId"] = Value::from(self.session.clone());
        }
        let mut bytes = serde_json::to_vec(&message).unwrap();
        bytes.push(0);
        self.to.write_all(&bytes).expect("write to chromium");
        self.next_id
    }

    /// Waits for the answer to `id`, or for an event `method`; returns it.
    fn wait(&mut self, what: impl Fn(&Value) -> bool, context: &str) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.from.recv_timeout(left) {
                Ok(v) if what(&v) => return v,
                Ok(_) => {}
                Err(_) => panic!("chromium did not answer in time: {context}"),
            }
        }
    }

    fn answer(&mut self, id: u64, context: &str) -> Value {
        let v = self.wait(|v| v["id"] == id, context);
        assert!(v.get("error").is_none(), "{context}: {v}");
        v["result"].clone()
    }

    fn call_browser(&mut self, method: &str, params: Value) -> Value {
        let id = self.send(method, params, false);
        self.answer(id, method)
    }

    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.send(method, params, true);
        self.answer(id, method)
    }

    /// The value of a JavaScript expression in the page.
    fn eval(&mut self, expression: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true}),
        );
        assert!(r.get("exceptionDetails").is_none(), "{expression}: {r}");
        r["result"]["value"].clone()
    }

    /// Runs `action` and waits for the page load it causes.
    fn loading(&mut self, context: &str, action: impl FnOnce(&mut Browser)) {
        action(self);
        self.wait(|v| v["method"] == "Page.loadEventFired", context);
    }

    fn navigate(&mut self, url: &str) {
        self.loading(url, |b| {
            b.call("Page.navigate", json!({"url": url}));
        });
    }

    fn key(&mut self, key: &str, code: &str, key_code: u32, text: Option<&str>) {
        let mut down = json!({"type": "keyDown", "key": key, "code": code,
            "windowsVirtualKeyCode": key_code, "nativeVirtualKeyCode": key_code});
        if let Some(t) = text {
            down["text"] = Value::from(t);
        }
        self.call("Input.dispatchKeyEvent", down);
        self.call(
            "Input.dispatchKeyEvent",
            json!({"type": "keyUp", "key": key, "code": code,
                "windowsVirtualKeyCode": key_code, "nativeVirtualKeyCode": key_code}),
        );
    }

    fn click_at(&mut self, x: f64, y: f64) {
        for kind in ["mouseMoved", "mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            );
        }
    }

    fn viewport(&mut self, width: u32, height: u32) {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}),
        );
    }

    fn screenshot(&mut self, to: &Path) {
        let shot = self.call("Page.captureScreenshot", json!({"format": "png"}));
        let png = base64_decode(shot["data"].as_str().expect("png data"));
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        std::fs::write(to, png).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Standard base64 (the protocol's screenshot encoding).
fn base64_decode(s: &str) -> Vec<u8> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for v in s.bytes().filter_map(value) {
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

#[test]
fn base64_decodes() {
    assert_eq!(base64_decode("aGVsbG8="), b"hello");
    assert_eq!(base64_decode("iVBORw=="), b"\x89PNG");
}

#[test]
fn a_person_searches_and_filters_by_year_in_chromium() {
    let Some(binary) = chromium() else {
        eprintln!(
            "skipped: chromium is not installed (apt-get install chromium; .ci/run installs it)"
        );
        return;
    };
    let server = Server::start(Path::new(env!("CARGO_MANIFEST_DIR")), shared_index());
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("..");
    let mut b = Browser::launch(&binary);
    b.viewport(1280, 900);

    // The home page: the search box has the focus; type the query and press Enter.
    b.navigate(&server.url("/"));
    assert_eq!(b.eval("document.documentElement.lang"), "vi");
    assert_eq!(
        b.eval("document.activeElement && document.activeElement.id"),
        "q"
    );
    b.call("Input.insertText", json!({"text": QUERY}));
    b.loading("submit the search", |b| {
        b.key("Enter", "Enter", 13, Some("\r"))
    });

    let cli = json_on_shared_index(&["search", QUERY]);
    let search = b.eval("location.search").as_str().unwrap().to_string();
    assert!(
        search.contains("q=giai+ngan+von+dau+tu+cong"),
        "the URL holds the query: {search}"
    );
    assert_eq!(b.eval("document.getElementById('q').value"), QUERY);
    let ids = b.eval("Array.from(document.querySelectorAll('li.hit')).map(e => e.dataset.id)");
    let expected: Vec<Value> = cli["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].clone())
        .collect();
    assert_eq!(ids.as_array().unwrap(), &expected, "the CLI's first page");
    assert_eq!(
        b.eval("document.querySelector('.total').dataset.total"),
        cli["total"].to_string()
    );
    assert!(
        b.eval("document.querySelectorAll('li.hit mark').length")
            .as_u64()
            .unwrap()
            > 0
    );
    assert_eq!(
        b.eval("document.querySelectorAll('svg.timeline rect').length > 0"),
        true
    );

    // The keyboard: `/` brings the focus back to the search box.
    b.eval("document.activeElement.blur()");
    b.key("/", "Slash", 191, Some("/"));
    assert_eq!(b.eval("document.activeElement.id"), "q");
    assert_eq!(
        b.eval("document.getElementById('q').value"),
        QUERY,
        "no slash typed"
    );
    b.key("Escape", "Escape", 27, None);
    assert_ne!(
        b.eval("document.activeElement.id"),
        "q",
        "Escape leaves the box"
    );
    // `j` and `k` move from result to result (focusing each result's link).
    b.key("j", "KeyJ", 74, Some("j"));
    b.key("j", "KeyJ", 74, Some("j"));
    let second = "document.querySelectorAll('li.hit h3 a')[1] === document.activeElement";
    assert_eq!(b.eval(second), true, "j j: the second result");
    b.key("k", "KeyK", 75, Some("k"));
    let first = "document.querySelectorAll('li.hit h3 a')[0] === document.activeElement";
    assert_eq!(b.eval(first), true, "k: back to the first");
    // Every result and facet link is reachable with Tab (none taken out of the order).
    assert_eq!(
        b.eval("document.querySelectorAll('[tabindex=\"-1\"] , a:not([href])').length"),
        0
    );

    // Click (with the mouse) the year facet value with the most matches.
    let (year, x, y) = {
        let v = b.eval(
            "(() => { const links = Array.from(document.querySelectorAll('a[data-facet=year]'));
               links.sort((a, b) => b.querySelector('.n').textContent.replace(/\\./g, '')
                                  - a.querySelector('.n').textContent.replace(/\\./g, ''));
               const a = links[0]; a.scrollIntoView({block: 'center'});
               const r = a.getBoundingClientRect();
               return [a.dataset.value, r.x + r.width / 2, r.y + r.height / 2]; })()",
        );
        (
            v[0].as_str().unwrap().to_string(),
            v[1].as_f64().unwrap(),
            v[2].as_f64().unwrap(),
        )
    };
    b.loading("click a year", |b| b.click_at(x, y));
    let search = b.eval("location.search").as_str().unwrap().to_string();
    assert!(search.contains(&format!("year={year}")), "{search}");
    assert!(search.contains("q=giai+ngan"), "{search}");
    let cli_year = json_on_shared_index(&["search", QUERY, "--year", &year]);
    assert_eq!(
        b.eval("document.querySelector('.total').dataset.total"),
        cli_year["total"].to_string()
    );
    let years = b.eval("Array.from(document.querySelectorAll('li.hit')).map(e => e.dataset.years)");
    assert!(!years.as_array().unwrap().is_empty());
    for y in years.as_array().unwrap() {
        assert!(y.as_str().unwrap().split(' ').any(|v| v == year), "{y}");
    }
    assert_eq!(
        b.eval(&format!(
            "document.querySelector('a[data-facet=year][data-value=\"{year}\"]').getAttribute('aria-current')"
        )),
        "true",
        "the active year is shown"
    );
    assert_eq!(
        b.eval("document.querySelectorAll('[data-filter=year]').length"),
        1,
        "the active filter chip"
    );
    b.eval("window.scrollTo(0, 0)");
    b.screenshot(&shots.join("serve-search.png"));

    // A narrow window: one column, nothing wider than the window.
    b.viewport(390, 844);
    b.navigate(&server.url(&format!("/?q={}&year={year}", QUERY.replace(' ', "+"))));
    assert_eq!(
        b.eval("document.documentElement.scrollWidth <= window.innerWidth"),
        true,
        "no horizontal scrolling on a narrow window"
    );
    b.screenshot(&shots.join("serve-search-narrow.png"));

    // The section view of the first result.
    b.viewport(1280, 900);
    b.navigate(&server.url(&format!("/?q={}", QUERY.replace(' ', "+"))));
    b.loading("open the first result", |b| {
        b.eval("document.querySelector('li.hit h3 a').click()");
    });
    assert!(b
        .eval("location.pathname + location.search")
        .as_str()
        .unwrap()
        .starts_with("/show?id="));
    assert_eq!(
        b.eval("!!document.querySelector('aside.outline [aria-current=page]')"),
        true
    );
    b.screenshot(&shots.join("serve-section.png"));
    eprintln!("screenshots in {}", shots.display());
}

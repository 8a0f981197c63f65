//! Load on `baocao serve`: search pages (results, facets, timeline) on the bundled corpus
//! under concurrent clients, against 127.0.0.1 only, bounded in time.
//!
//! `cargo bench --bench serve_load` builds an index of `corpus/` in a temporary folder,
//! starts the real binary on a free loopback port, then runs a closed loop of
//! `BAOCAO_LOAD_CLIENTS` clients (default 20, keep-alive connections) for
//! `BAOCAO_LOAD_SECONDS` seconds (default 10, at most 120) after a 2 s warm-up, and prints
//! p50/p90/p99/max latency and requests per second, next to a single client measured the
//! same way just before (the peer to compare with on a noisy machine), and the machine's
//! load average before and after, and the server's CPU time (user + sys, from
//! `/proc/PID/stat`) per request, which the machine's load disturbs far less than latency.
//! `BAOCAO_LOAD_BIN` measures another `baocao` binary (a peer, e.g. main's) instead of
//! this build's.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Search pages asked in turn: with and without diacritics, phrases, filters, pages.
const PAGES: &[&str] = &[
    "/?q=giai+ngan+von+dau+tu+cong",
    "/?q=gi%E1%BA%A3i+ng%C3%A2n+v%E1%BB%91n+%C4%91%E1%BA%A7u+t%C6%B0+c%C3%B4ng",
    "/?q=giai+ngan+von+dau+tu+cong&year=2023",
    "/?q=giai+ngan+von+dau+tu+cong&page=2",
    "/?q=%22thu+ngan+sach%22",
    "/?q=nong+thon+moi&sector=kinh-te",
    "/?q=du+lich+-covid",
    "/?q=ha+tang+giao+thong&type=bao-cao",
    "/?q=giao+duc+OR+y+te&role=han-che",
    "/?q=dau+tu+cong&year=2024&province=lang+son",
];

/// Hard cap on the measured time, whatever the environment says.
const MAX_SECONDS: u64 = 120;
/// Warm-up before each measurement (caches, lazy loads).
const WARM_UP: Duration = Duration::from_secs(2);

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// CPU time (user + sys) the process `pid` has used so far, in seconds (Linux only).
fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces) in parentheses.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    (hz > 0).then(|| ticks / hz as f64)
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".to_string())
}

/// One keep-alive connection.
struct Client {
    reader: BufReader<TcpStream>,
    addr: String,
}

impl Client {
    fn connect(addr: &str) -> Client {
        let stream = TcpStream::connect(addr).expect("connect");
        stream.set_nodelay(true).ok();
        stream.set_read_timeout(Some(Duration::from_secs(30))).ok();
        Client {
            reader: BufReader::new(stream),
            addr: addr.to_string(),
        }
    }

    /// GETs `path`; returns the status (the body is read and dropped).
    fn get(&mut self, path: &str) -> u16 {
        let head = format!("GET {path} HTTP/1.1\r\nHost: {}\r\n\r\n", self.addr);
        self.reader
            .get_mut()
            .write_all(head.as_bytes())
            .expect("send");
        let mut line = String::new();
        self.reader.read_line(&mut line).expect("status line");
        let status = line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let mut length = 0usize;
        loop {
            line.clear();
            self.reader.read_line(&mut line).expect("header");
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((n, v)) = l.split_once(':') {
                if n.eq_ignore_ascii_case("content-length") {
                    length = v.trim().parse().expect("content-length");
                }
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).expect("body");
        status
    }
}

/// Runs `clients` closed-loop clients for `seconds` (after the warm-up); returns every
/// latency and the wall time measured.
fn run(addr: &str, clients: usize, seconds: u64, pid: u32) -> (Vec<Duration>, Duration, f64) {
    let stop = Arc::new(AtomicBool::new(false));
    let measuring = Arc::new(AtomicBool::new(false));
    let threads: Vec<_> = (0..clients)
        .map(|c| {
            let addr = addr.to_string();
            let stop = stop.clone();
            let measuring = measuring.clone();
            std::thread::spawn(move || {
                let mut client = Client::connect(&addr);
                let mut latencies = Vec::new();
                let mut i = c;
                while !stop.load(Ordering::Relaxed) {
                    let page = PAGES[i % PAGES.len()];
                    i += 1;
                    let start = Instant::now();
                    let status = client.get(page);
                    let took = start.elapsed();
                    assert_eq!(status, 200, "{page}");
                    if measuring.load(Ordering::Relaxed) {
                        latencies.push(took);
                    }
                }
                latencies
            })
        })
        .collect();
    std::thread::sleep(WARM_UP);
    measuring.store(true, Ordering::Relaxed);
    let cpu_before = cpu_seconds(pid);
    let start = Instant::now();
    std::thread::sleep(Duration::from_secs(seconds));
    measuring.store(false, Ordering::Relaxed);
    let wall = start.elapsed();
    let cpu = cpu_seconds(pid).zip(cpu_before).map(|(a, b)| a - b);
    stop.store(true, Ordering::Relaxed);
    let mut all = Vec::new();
    for t in threads {
        all.extend(t.join().expect("client thread"));
    }
    all.sort();
    // Requests finished while measuring; those in flight at the edges add noise of at
    // most `clients` requests.
    let cpu_ms = cpu.map_or(f64::NAN, |c| c * 1000.0 / all.len().max(1) as f64);
    (all, wall, cpu_ms)
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn report(label: &str, latencies: &[Duration], wall: Duration, cpu_ms: f64) {
    println!(
        "{label:<12} requests {:>6}  {:>7.1} req/s  p50 {:>6.2} ms  p90 {:>6.2} ms  p99 {:>6.2} ms  max {:>7.2} ms  server CPU {cpu_ms:>5.2} ms/request",
        latencies.len(),
        latencies.len() as f64 / wall.as_secs_f64(),
        percentile(latencies, 0.50),
        percentile(latencies, 0.90),
        percentile(latencies, 0.99),
        latencies.last().map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0),
    );
}

fn main() {
    // `cargo bench` passes `--bench`; a filter that is not ours means another bench was
    // asked for.
    if std::env::args()
        .skip(1)
        .any(|a| !a.starts_with('-') && !"serve_load".contains(a.as_str()))
    {
        return;
    }
    let clients = env_number("BAOCAO_LOAD_CLIENTS", 20).clamp(1, 256) as usize;
    let seconds = env_number("BAOCAO_LOAD_SECONDS", 10).clamp(1, MAX_SECONDS);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().expect("tempdir");
    let index = tmp.path().join("index");
    let bin = std::env::var("BAOCAO_LOAD_BIN")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_baocao").to_string());
    let bin = bin.as_str();
    let out = Command::new(bin)
        .arg("--index")
        .arg(&index)
        .arg("index")
        .arg(root.join("corpus"))
        .output()
        .expect("baocao index");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut server = Command::new(bin)
        .arg("--index")
        .arg(&index)
        .args(["serve", "--port", "0", "--bind", "127.0.0.1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("baocao serve");
    let mut line = String::new();
    BufReader::new(server.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("URL line");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .expect("URL")
        .to_string();
    assert!(addr.starts_with("127.0.0.1:"), "loopback only: {addr}");

    let pid = server.id();
    println!(
        "baocao serve ({bin}), search pages on corpus/ ({} pages in turn), {seconds} s each",
        PAGES.len()
    );
    println!("load average before: {}", load_average());
    let (one, wall, cpu) = run(&addr, 1, seconds, pid);
    report("1 client", &one, wall, cpu);
    let (many, wall, cpu) = run(&addr, clients, seconds, pid);
    report(&format!("{clients} clients"), &many, wall, cpu);
    println!("load average after:  {}", load_average());
    println!(
        "p50 ratio {clients} clients / 1 client: {:.2}",
        percentile(&many, 0.5) / percentile(&one, 0.5)
    );
    let _ = server.kill();
    let _ = server.wait();
}

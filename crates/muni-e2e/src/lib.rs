//! Test harness for the browser tests in `tests/e2e/`: a static file server on 127.0.0.1, a
//! chromedriver process, and a minimal blocking WebDriver client (std only, JSON over HTTP/1.1).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The top of the workspace.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Copies the folder `from` to `to`, recursively (a test's own site or data folder).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}

/// The built dashboard, `dist/` at the top of the workspace.
pub fn dist() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dist")
}

/// Whether the browser tests can run: `dist/` is built and chromedriver is installed. Without
/// them a test says SKIPPED and returns, except under CI, where it fails.
pub fn ready() -> bool {
    let have_dist = dist().join("index.html").exists();
    let have_driver = Command::new("chromedriver")
        .arg("--version")
        .output()
        .is_ok();
    if have_dist && have_driver {
        return true;
    }
    let why = format!("dist/ built: {have_dist}, chromedriver found: {have_driver}");
    if std::env::var_os("CI").is_some() {
        panic!("browser tests cannot run under CI: {why}");
    }
    eprintln!("SKIPPED: {why}; run scripts/test.sh, which builds and installs both");
    false
}

/// Serves `root` on 127.0.0.1 (GET and HEAD) until the process ends; returns the base URL.
pub fn serve(root: &Path) -> String {
    serve_switchable(root).0
}

/// Like [`serve`], with a switch: while it is on, every connection is closed unanswered, as
/// when the network is gone (the offline tests).
pub fn serve_switchable(root: &Path) -> (String, std::sync::Arc<std::sync::atomic::AtomicBool>) {
    use std::sync::atomic::{AtomicBool, Ordering};
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
    let addr = listener.local_addr().expect("local address");
    let root = root.to_owned();
    let down = std::sync::Arc::new(AtomicBool::new(false));
    let switch = down.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            if down.load(Ordering::SeqCst) {
                drop(stream);
                continue;
            }
            let root = root.clone();
            std::thread::spawn(move || {
                let _ = handle(stream, &root);
            });
        }
    });
    (format!("http://{addr}/"), switch)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("csv") => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn handle(mut stream: TcpStream, root: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    let mut gzip = false;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
        let lower = line.to_ascii_lowercase();
        if lower.starts_with("accept-encoding:") && lower.contains("gzip") {
            gzip = true;
        }
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split('?').next().unwrap_or("/");
    let rel = path.trim_start_matches('/');
    let mut file: PathBuf = root.join(if rel.is_empty() { "index.html" } else { rel });
    if rel.split('/').any(|part| part == "..") {
        file = root.join("does-not-exist");
    } else if file.is_dir() {
        // As a static host serves a folder: its index.html.
        file = file.join("index.html");
    }
    match std::fs::read(&file) {
        // Compressed, as any static host serves a site (the budgets measure what a user
        // downloads); level 6, as a web server's default.
        Ok(body) if gzip => {
            let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
            z.write_all(&body)?;
            let body = z.finish()?;
            write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Encoding: gzip\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                content_type(&file),
                body.len()
            )?;
            stream.write_all(&body)
        }
        Ok(body) => {
            write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                content_type(&file),
                body.len()
            )?;
            stream.write_all(&body)
        }
        Err(_) => stream
            .write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
    }
}

/// A chromedriver process and one headless Chromium session, ended on drop.
pub struct Browser {
    driver: Child,
    port: u16,
    session: String,
    profile: PathBuf,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .map_err(|e| e.to_string())?;
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    write!(stream, "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len())
        .map_err(|e| e.to_string())?;
    // Read the head, then exactly the body: chromedriver may keep the connection open.
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).map_err(|e| e.to_string())? == 0 || line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    let lower = head.to_ascii_lowercase();
    let body = if lower.contains("transfer-encoding: chunked") {
        let mut out = Vec::new();
        loop {
            let mut size = String::new();
            reader.read_line(&mut size).map_err(|e| e.to_string())?;
            let n = usize::from_str_radix(size.trim(), 16).map_err(|e| e.to_string())?;
            if n == 0 {
                break;
            }
            let mut chunk = vec![0; n + 2];
            reader.read_exact(&mut chunk).map_err(|e| e.to_string())?;
            out.extend_from_slice(&chunk[..n]);
        }
        String::from_utf8_lossy(&out).into_owned()
    } else {
        let len = lower
            .lines()
            .find_map(|l| {
                l.strip_prefix("content-length:")
                    .and_then(|v| v.trim().parse::<usize>().ok())
            })
            .ok_or("no Content-Length")?;
        let mut buf = vec![0; len];
        reader.read_exact(&mut buf).map_err(|e| e.to_string())?;
        String::from_utf8_lossy(&buf).into_owned()
    };
    let v: Value = serde_json::from_str(&body).map_err(|e| format!("{e}: {body}"))?;
    if let Some(err) = v["value"].get("error") {
        return Err(format!("{err}: {}", v["value"]["message"]));
    }
    Ok(v["value"].clone())
}

impl Browser {
    /// Starts chromedriver and a headless Chromium (`/usr/bin/chromium`), window `w`×`h`.
    pub fn start(w: u32, h: u32) -> Result<Browser, String> {
        // A free port may be taken by another test's driver before this one binds it, and a
        // loaded machine starts slowly: up to three tries, each on a fresh port.
        let mut started = None;
        for _ in 0..3 {
            let port = free_port();
            let mut driver = Command::new("chromedriver")
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .map_err(|e| format!("chromedriver: {e} (install Debian's chromium-driver)"))?;
            let deadline = Instant::now() + Duration::from_secs(30);
            let mut up = false;
            while Instant::now() < deadline {
                if http(port, "GET", "/status", None).is_ok() {
                    up = true;
                    break;
                }
                if driver.try_wait().ok().flatten().is_some() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            if up {
                started = Some((driver, port));
                break;
            }
            let _ = driver.kill();
            let _ = driver.wait();
        }
        let (driver, port) = started.ok_or("chromedriver did not start (three tries)")?;
        let profile =
            std::env::temp_dir().join(format!("muni-e2e-chromium-{}-{port}", std::process::id()));
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--no-first-run", "--disable-quic", format!("--window-size={w},{h}"),
                         format!("--user-data-dir={}", profile.display())]
            }
        }}});
        let mut b = Browser {
            driver,
            port,
            session: String::new(),
            profile,
        };
        let v = http(port, "POST", "/session", Some(&caps))?;
        b.session = v["sessionId"].as_str().ok_or("no session id")?.to_owned();
        Ok(b)
    }

    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        http(
            self.port,
            method,
            &format!("/session/{}{path}", self.session),
            body.as_ref(),
        )
    }

    pub fn goto(&self, url: &str) -> Result<(), String> {
        self.cmd("POST", "/url", Some(json!({ "url": url })))
            .map(|_| ())
    }

    pub fn url(&self) -> Result<String, String> {
        Ok(self
            .cmd("GET", "/url", None)?
            .as_str()
            .unwrap_or_default()
            .to_owned())
    }

    pub fn refresh(&self) -> Result<(), String> {
        self.cmd("POST", "/refresh", Some(json!({}))).map(|_| ())
    }

    /// Runs `script` (a function body) with `args`; returns its value.
    pub fn js(&self, script: &str, args: Value) -> Result<Value, String> {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Waits until `css` matches an element of the app (up to 15 s): the first screen
    /// prerendered into the page (`#prerendered`) is gone, so the app has taken over.
    pub fn wait_for(&self, css: &str) -> Result<(), String> {
        self.wait_until(
            &format!(
                "return document.querySelector({css:?}) !== null && !document.getElementById('prerendered')"
            ),
            &format!("an element matching {css}"),
        )
    }

    /// A Chrome DevTools Protocol command (`Network.emulateNetworkConditions`, …), through
    /// chromedriver.
    pub fn cdp(&self, cmd: &str, params: Value) -> Result<Value, String> {
        self.cmd(
            "POST",
            "/goog/cdp/execute",
            Some(json!({ "cmd": cmd, "params": params })),
        )
    }

    /// Waits until the JavaScript expression `script` returns true (up to 15 s).
    pub fn wait_until(&self, script: &str, what: &str) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if self.js(script, json!([]))?.as_bool() == Some(true) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("timed out waiting for {what}"));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The text content of the first element matching `css`.
    pub fn text(&self, css: &str) -> Result<String, String> {
        let v = self.js(
            "const e = document.querySelector(arguments[0]); return e ? e.textContent : null",
            json!([css]),
        )?;
        v.as_str()
            .map(str::to_owned)
            .ok_or_else(|| format!("no element {css}"))
    }

    /// The WebDriver id of the first element matching `css`.
    fn element(&self, css: &str) -> Result<String, String> {
        let e = self.cmd(
            "POST",
            "/element",
            Some(json!({ "using": "css selector", "value": css })),
        )?;
        e.as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| format!("no element {css}"))
    }

    pub fn click(&self, css: &str) -> Result<(), String> {
        let id = self.element(css)?;
        self.cmd("POST", &format!("/element/{id}/click"), Some(json!({})))
            .map(|_| ())
    }

    pub fn type_into(&self, css: &str, text: &str) -> Result<(), String> {
        let id = self.element(css)?;
        self.cmd(
            "POST",
            &format!("/element/{id}/value"),
            Some(json!({ "text": text })),
        )
        .map(|_| ())
    }

    /// Types `text` into whatever has the focus, as key presses (WebDriver key codes work:
    /// `\u{E004}` Tab, `\u{E007}` Enter).
    pub fn keys(&self, text: &str) -> Result<(), String> {
        let actions: Vec<Value> = text
            .chars()
            .flat_map(|c| {
                let k = c.to_string();
                [
                    json!({"type": "keyDown", "value": k}),
                    json!({"type": "keyUp", "value": k}),
                ]
            })
            .collect();
        self.cmd(
            "POST",
            "/actions",
            Some(json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})),
        )
        .map(|_| ())
    }

    /// Selects `value` in the `<select>` matching `css` and fires `change`, as a user would.
    pub fn select(&self, css: &str, value: &str) -> Result<(), String> {
        self.js(
            "const s = document.querySelector(arguments[0]); s.value = arguments[1]; s.dispatchEvent(new Event('change', {bubbles: true})); return s.value",
            json!([css, value]),
        )
        .map(|_| ())
    }

    /// Sets the window's size (a full screen may have changed it).
    pub fn set_window(&self, w: u32, h: u32) -> Result<(), String> {
        self.cmd(
            "POST",
            "/window/rect",
            Some(json!({ "width": w, "height": h })),
        )
        .map(|_| ())
    }

    /// Moves the commands into the page's `n`-th frame (an iframe), or back to the top page
    /// with `None`.
    pub fn frame(&self, n: Option<u32>) -> Result<(), String> {
        match n {
            Some(n) => self.cmd("POST", "/frame", Some(json!({ "id": n }))),
            None => self.cmd("POST", "/frame", Some(json!({ "id": null }))),
        }
        .map(|_| ())
    }

    /// Saves a PNG screenshot of the viewport.
    pub fn screenshot(&self, path: &Path) -> Result<(), String> {
        let b64 = self.cmd("GET", "/screenshot", None)?;
        let bytes = base64_decode(b64.as_str().unwrap_or_default());
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        std::fs::write(path, bytes).map_err(|e| e.to_string())
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = http(
            self.port,
            "DELETE",
            &format!("/session/{}", self.session),
            None,
        );
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for v in s.bytes().filter_map(val) {
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64() {
        assert_eq!(
            base64_decode("SGVsbG8sIMOWc3RoYW1tYXI="),
            "Hello, Östhammar".as_bytes()
        );
    }

    #[test]
    fn static_server_serves_files_and_refuses_escapes() {
        let dir = std::env::temp_dir().join(format!("muni-e2e-serve-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("data")).unwrap();
        std::fs::write(dir.join("index.html"), "<p>hej</p>").unwrap();
        std::fs::write(dir.join("data/x.json"), "{}").unwrap();
        let base = serve(&dir);
        let get = |path: &str| {
            let addr = base.trim_start_matches("http://").trim_end_matches('/');
            let mut s = TcpStream::connect(addr).unwrap();
            write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
            let mut out = String::new();
            s.read_to_string(&mut out).unwrap();
            out
        };
        assert!(get("/?v=ranking").contains("<p>hej</p>"));
        assert!(get("/data/x.json").contains("application/json"));
        assert!(get("/../etc/passwd").starts_with("HTTP/1.1 404"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

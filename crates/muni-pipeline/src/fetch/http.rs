//! A polite HTTP client for the open APIs: at most `max_calls` calls per `window` (SCB: 10 per
//! 10 s), retries of 429 and 5xx with exponential backoff and jitter that honour `Retry-After`,
//! timeouts for stalled connections, and a `User-Agent` that says who is calling.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

pub const USER_AGENT: &str = concat!(
    "industrikommuner/",
    env!("CARGO_PKG_VERSION"),
    " (statistics dashboard of Sweden's industrial municipalities)"
);

#[derive(Debug, Clone)]
pub struct Politeness {
    pub max_calls: usize,
    pub window: Duration,
    pub attempts: u32,
    pub backoff: Duration,
    pub timeout: Duration,
}

impl Default for Politeness {
    fn default() -> Self {
        Politeness {
            max_calls: 10,
            window: Duration::from_secs(10),
            attempts: 5,
            backoff: Duration::from_millis(500),
            timeout: Duration::from_secs(60),
        }
    }
}

pub struct Client {
    http: reqwest::blocking::Client,
    p: Politeness,
    calls: VecDeque<Instant>,
    seed: u64,
    /// What the client did, for the user: retries and waits.
    pub log: Vec<String>,
}

impl Client {
    pub fn new(p: Politeness) -> Result<Client, String> {
        let http = reqwest::blocking::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(Duration::from_secs(10))
            .timeout(p.timeout)
            .build()
            .map_err(|e| format!("HTTP client: {e}"))?;
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64 | 1);
        Ok(Client {
            http,
            p,
            calls: VecDeque::new(),
            seed,
            log: Vec::new(),
        })
    }

    /// Waits until one more call fits in the window.
    fn throttle(&mut self) {
        loop {
            let now = Instant::now();
            while self
                .calls
                .front()
                .is_some_and(|t| now.duration_since(*t) >= self.p.window)
            {
                self.calls.pop_front();
            }
            if self.calls.len() < self.p.max_calls {
                self.calls.push_back(now);
                return;
            }
            let oldest = *self.calls.front().expect("a full window has calls");
            std::thread::sleep(self.p.window.saturating_sub(now.duration_since(oldest)));
        }
    }

    fn jitter(&mut self) -> f64 {
        // xorshift: enough to spread retries, no dependency.
        self.seed ^= self.seed << 13;
        self.seed ^= self.seed >> 7;
        self.seed ^= self.seed << 17;
        (self.seed % 1000) as f64 / 1000.0
    }

    /// POSTs `body` as JSON (or GETs when `body` is `None`) and returns the response body.
    pub fn send(
        &mut self,
        url: &str,
        body: Option<&serde_json::Value>,
    ) -> Result<Vec<u8>, super::error::HttpError> {
        let mut last = String::new();
        for attempt in 1..=self.p.attempts {
            self.throttle();
            let req = match body {
                Some(b) => self.http.post(url).json(b),
                None => self.http.get(url),
            };
            let wait = match req.send() {
                Ok(resp) => {
                    let status = resp.status();
                    let retry_after = resp
                        .headers()
                        .get(reqwest::header::RETRY_AFTER)
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| v.trim().parse::<u64>().ok())
                        .map(Duration::from_secs);
                    if status.is_success() {
                        match resp.bytes() {
                            Ok(b) => return Ok(b.to_vec()),
                            Err(e) => {
                                last = format!("{url}: the body broke off ({e})");
                                None
                            }
                        }
                    } else if status.as_u16() == 429 || status.is_server_error() {
                        last = format!("{url}: HTTP {status}");
                        retry_after
                    } else {
                        let text = resp.text().unwrap_or_default();
                        return Err(super::error::HttpError::Refused(format!(
                            "{url}: HTTP {status}: {}",
                            text.chars().take(300).collect::<String>()
                        )));
                    }
                }
                Err(e) => {
                    last = if e.is_timeout() {
                        format!("{url}: no answer within {:?}", self.p.timeout)
                    } else {
                        format!("{url}: {e}")
                    };
                    None
                }
            };
            if attempt == self.p.attempts {
                break;
            }
            let backoff = self
                .p
                .backoff
                .mul_f64(2f64.powi(attempt as i32 - 1) * (1.0 + self.jitter()));
            let wait = wait.unwrap_or(backoff).min(Duration::from_secs(120));
            self.log.push(format!(
                "{last}; retry {attempt} in {:.1} s",
                wait.as_secs_f64()
            ));
            std::thread::sleep(wait);
        }
        Err(super::error::HttpError::Unreachable(format!(
            "{last} (gave up after {} attempts)",
            self.p.attempts
        )))
    }
}

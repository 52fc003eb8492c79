//! What can stop a fetch, by whose fault: the network (try again), the service refusing the
//! request, an answer the fetcher does not understand (the table or dataset has changed: the
//! fetcher needs updating, trying again will not help), or this machine (files, the rebuild).
//! Every variant names the table or dataset and the request; the message names the row and
//! value where there is one.

/// Why a fetch stopped. Nothing in `data/normalised/` or `public/data/` was changed.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// No usable answer after every retry: no connection, a timeout, a body that broke off,
    /// 429 or 5xx to the end.
    #[error("{source_name}: {message}")]
    Unreachable {
        source_name: String,
        request: String,
        message: String,
    },
    /// The service refused the request (HTTP 4xx other than 429).
    #[error("{source_name}: the service refused the request ({request}): {message}")]
    Refused {
        source_name: String,
        request: String,
        message: String,
    },
    /// An answer that is not what the fetcher knows: a changed table, column, category or
    /// value, or figures that fail a check.
    #[error(
        "{source_name}: the answer to {request} is not understood: {message}. The table or dataset may have changed; the fetcher needs updating"
    )]
    Answer {
        source_name: String,
        request: String,
        message: String,
    },
    /// The options, the files here, or the rebuild.
    #[error("{0}")]
    Local(String),
}

impl FetchError {
    /// Whether trying again later may help (the network or the service's load).
    pub fn is_network(&self) -> bool {
        matches!(self, FetchError::Unreachable { .. })
    }

    /// An answer not understood, from `source_name` (a table or dataset) for `request`.
    pub fn answer(
        source_name: impl Into<String>,
        request: impl Into<String>,
        message: impl Into<String>,
    ) -> FetchError {
        FetchError::Answer {
            source_name: source_name.into(),
            request: request.into(),
            message: message.into(),
        }
    }
}

impl From<String> for FetchError {
    fn from(s: String) -> Self {
        FetchError::Local(s)
    }
}

impl From<crate::PipelineError> for FetchError {
    fn from(e: crate::PipelineError) -> Self {
        FetchError::Local(e.to_string())
    }
}

/// What the HTTP client says when it gives up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HttpError {
    /// Gave up after retries (network, timeouts, 429, 5xx).
    Unreachable(String),
    /// A 4xx answer other than 429, with the start of its body.
    Refused(String),
}

impl HttpError {
    /// As a fetch error of `source_name` for `request`.
    pub fn into_fetch(self, source_name: &str, request: &str) -> FetchError {
        match self {
            HttpError::Unreachable(message) => FetchError::Unreachable {
                source_name: source_name.into(),
                request: request.into(),
                message,
            },
            HttpError::Refused(message) => FetchError::Refused {
                source_name: source_name.into(),
                request: request.into(),
                message,
            },
        }
    }
}

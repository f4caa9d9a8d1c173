//! A minimal HTTP/1.1 client for the JSON provider: one GET per connection over plain TCP.
//!
//! Small on purpose: the workspace's hyper is built without its client half, and turning
//! that on would rebuild the whole web stack for one GET. Enough for a provider behind a
//! local TLS-terminating proxy or sidecar; a bureau reachable only over TLS needs a real
//! client here (see the module's report).

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Largest response body accepted; a provider's answer is a few hundred bytes.
const MAX_RESPONSE: u64 = 256 * 1024;

/// Where the provider lives: `http://host[:port][/prefix]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct BaseUrl {
    host: String,
    port: u16,
    prefix: String,
}

impl BaseUrl {
    /// Parses an `http://` base URL; `None` for anything else (https is not supported).
    pub(super) fn parse(url: &str) -> Option<BaseUrl> {
        let rest = url.strip_prefix("http://")?;
        let (authority, prefix) = match rest.find('/') {
            Some(i) => (&rest[..i], rest[i..].trim_end_matches('/')),
            None => (rest, ""),
        };
        let (host, port) = match authority.rsplit_once(':') {
            Some((h, p)) => (h, p.parse().ok()?),
            None => (authority, 80),
        };
        if host.is_empty() {
            return None;
        }
        Some(BaseUrl {
            host: host.to_string(),
            port,
            prefix: prefix.to_string(),
        })
    }
}

/// A response read whole.
#[derive(Debug)]
pub(super) struct Response {
    pub(super) status: u16,
    pub(super) body: Vec<u8>,
}

/// Why no response was had. Messages never include the path (it holds the national id).
#[derive(Debug, thiserror::Error)]
pub(super) enum ClientError {
    /// Connecting, writing or reading failed.
    #[error("connection failed: {0}")]
    Io(#[from] std::io::Error),
    /// The bytes were not an HTTP/1.x response we understand.
    #[error("malformed response: {0}")]
    Malformed(&'static str),
}

/// Percent-encodes one path segment (everything but RFC 3986 unreserved characters).
pub(super) fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// GETs `base` + `path` (already encoded) asking for JSON; reads until the server closes.
pub(super) async fn get(base: &BaseUrl, path: &str) -> Result<Response, ClientError> {
    let mut stream = TcpStream::connect((base.host.as_str(), base.port)).await?;
    let request = format!(
        "GET {}{} HTTP/1.1\r\nHost: {}:{}\r\nAccept: application/json\r\n\
         User-Agent: kreditor\r\nConnection: close\r\n\r\n",
        base.prefix, path, base.host, base.port
    );
    stream.write_all(request.as_bytes()).await?;
    let mut raw = Vec::new();
    (&mut stream)
        .take(MAX_RESPONSE)
        .read_to_end(&mut raw)
        .await?;
    parse_response(&raw)
}

/// Splits status, headers and body; decodes a chunked body.
fn parse_response(raw: &[u8]) -> Result<Response, ClientError> {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or(ClientError::Malformed("no end of headers"))?;
    let head = std::str::from_utf8(&raw[..split])
        .map_err(|_| ClientError::Malformed("headers not text"))?;
    let body = &raw[split + 4..];
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let mut parts = status_line.split(' ');
    let version = parts.next().unwrap_or_default();
    if !version.starts_with("HTTP/1.") {
        return Err(ClientError::Malformed("not HTTP/1.x"));
    }
    let status: u16 = parts
        .next()
        .and_then(|s| s.parse().ok())
        .ok_or(ClientError::Malformed("no status code"))?;
    let mut chunked = false;
    let mut length: Option<usize> = None;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = value.to_ascii_lowercase().contains("chunked");
        } else if name.eq_ignore_ascii_case("content-length") {
            length = value.parse().ok();
        }
    }
    let body = if chunked {
        decode_chunked(body)?
    } else if let Some(n) = length {
        body.get(..n)
            .ok_or(ClientError::Malformed("body shorter than content-length"))?
            .to_vec()
    } else {
        body.to_vec()
    };
    Ok(Response { status, body })
}

fn decode_chunked(mut rest: &[u8]) -> Result<Vec<u8>, ClientError> {
    let mut out = Vec::new();
    loop {
        let end = rest
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or(ClientError::Malformed("chunk size line"))?;
        let size_text =
            std::str::from_utf8(&rest[..end]).map_err(|_| ClientError::Malformed("chunk size"))?;
        let size_text = size_text.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_text, 16)
            .map_err(|_| ClientError::Malformed("chunk size"))?;
        rest = &rest[end + 2..];
        if size == 0 {
            return Ok(out);
        }
        let chunk = rest
            .get(..size)
            .ok_or(ClientError::Malformed("chunk shorter than its size"))?;
        out.extend_from_slice(chunk);
        rest = rest.get(size + 2..).unwrap_or_default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_forms() {
        let b = BaseUrl::parse("http://127.0.0.1:8080/api/").unwrap();
        assert_eq!(
            (b.host.as_str(), b.port, b.prefix.as_str()),
            ("127.0.0.1", 8080, "/api")
        );
        let b = BaseUrl::parse("http://bureau.local").unwrap();
        assert_eq!((b.port, b.prefix.as_str()), (80, ""));
        assert!(BaseUrl::parse("https://bureau.example").is_none());
        assert!(BaseUrl::parse("http://:80").is_none());
    }

    #[test]
    fn segments_are_encoded() {
        assert_eq!(encode_segment("131052-308T"), "131052-308T");
        assert_eq!(encode_segment("010100+123A"), "010100%2B123A");
        assert_eq!(encode_segment("a/b"), "a%2Fb");
    }

    #[test]
    fn parses_length_and_chunked_bodies() {
        let r = parse_response(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}").unwrap();
        assert_eq!((r.status, r.body.as_slice()), (200, b"{}".as_slice()));
        let r = parse_response(
            b"HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
        )
        .unwrap();
        assert_eq!((r.status, r.body.as_slice()), (404, b"abcde".as_slice()));
        assert!(parse_response(b"garbage").is_err());
    }
}

//! The XML layer under the camt.054 reader: a pull cursor over quick-xml events that keeps the
//! path of open elements (with 1-based indices) and hands the reader either a *container* it
//! walks into element by element (`Ntfctn`, `Ntry`, `NtryDtls`, …) or a small captured subtree
//! (`GrpHdr`, `Acct`, one `TxDtls`), so memory stays bounded by the largest single transaction,
//! not by the file, however many entries a notification holds.
//!
//! What it refuses on its own: bytes that are not UTF-8, a declared encoding other than UTF-8,
//! a DTD (`<!DOCTYPE`, never needed in ISO 20022 and the door to entity tricks), undefined
//! entities, nesting deeper than [`MAX_DEPTH`], mismatched or missing end tags, and anything
//! after the root element. Every error carries the path of the element it happened in.

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;

use crate::payments::bank_file::model::{FileError, Position};

/// Deepest element nesting accepted. A real camt.054 nests about 12 levels
/// (`Document/…/TxDtls/RltdPties/Dbtr/Pty/PstlAdr/AdrLine`); 64 leaves room for bank
/// extensions and refuses files built to exhaust the stack or the path buffer.
pub const MAX_DEPTH: usize = 64;

/// Elements the schemas let repeat: their path segments carry a 1-based index
/// (`Ntry[3]`), the others are written bare (`Amt`), as in the model's `Position` doc.
const REPEATABLE: &[&str] = &[
    "Ntfctn",
    "Ntry",
    "NtryDtls",
    "TxDtls",
    "Strd",
    "Ustrd",
    "RfrdDocInf",
    "AdrLine",
    "Othr",
];

/// The path segment of element `name`, the `index`-th of its name under its parent.
pub fn segment(name: &str, index: u32) -> String {
    if REPEATABLE.contains(&name) {
        format!("{name}[{index}]")
    } else {
        name.to_string()
    }
}

/// A captured element: its local name, index among same-named siblings, the `Ccy` attribute
/// (the only attribute camt.054 data carries), its text and its child elements.
#[derive(Debug, Clone, Default)]
pub struct Node {
    pub name: String,
    pub index: u32,
    pub ccy: Option<String>,
    pub text: String,
    pub children: Vec<Node>,
}

impl Node {
    /// The first child named `name`.
    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    /// All children named `name`, in file order.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The first descendant along `path` (first match at every step).
    pub fn get(&self, path: &[&str]) -> Option<&Node> {
        let mut node = self;
        for name in path {
            node = node.child(name)?;
        }
        Some(node)
    }

    /// The trimmed text of the descendant along `path`, `None` when absent or blank.
    pub fn text_at(&self, path: &[&str]) -> Option<&str> {
        self.get(path).and_then(Node::value)
    }

    /// This element's trimmed text, `None` when blank.
    pub fn value(&self) -> Option<&str> {
        let t = self.text.trim();
        (!t.is_empty()).then_some(t)
    }
}

/// How the reader wants a child element of the current container handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Walk into it: its children are returned one by one, then [`Item::Close`].
    Container,
    /// Return it whole as a [`Node`].
    Capture,
    /// Not needed: skip it and everything inside.
    Skip,
}

/// What the cursor returns.
#[derive(Debug)]
pub enum Item {
    /// A container element opened; `namespace` is the namespace its name is in.
    Open {
        name: String,
        namespace: Option<String>,
    },
    /// The innermost open container closed.
    Close,
    /// A captured child element of the innermost open container.
    Leaf(Node),
    /// The end of the document, after the root element closed.
    End,
}

struct Open {
    segment: String,
    counts: Vec<(String, u32)>,
}

/// The pull cursor.
pub struct Cursor<'a> {
    text: &'a str,
    reader: Reader<&'a [u8]>,
    open: Vec<Open>,
    /// Indices counted at the top (there is one root; a second one is an error).
    root_seen: bool,
    /// An empty container element (`<Ntry/>`) was returned as Open; its Close is due next.
    pending_close: bool,
}

impl<'a> Cursor<'a> {
    /// A cursor over `text` (already checked to be UTF-8).
    pub fn new(text: &'a str) -> Cursor<'a> {
        let mut reader = Reader::from_str(text);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.check_comments = true;
        config.allow_unmatched_ends = false;
        Cursor {
            text,
            reader,
            open: Vec::new(),
            root_seen: false,
            pending_close: false,
        }
    }

    /// The path of the innermost open container (`/Document/…/Ntry[3]`).
    pub fn path(&self) -> String {
        let mut out = String::new();
        for o in &self.open {
            out.push('/');
            out.push_str(&o.segment);
        }
        out
    }

    /// An error at the current container's path.
    pub fn error(&self, field: &str, message: impl Into<String>) -> FileError {
        FileError {
            position: Position::Path(if self.open.is_empty() {
                "/".to_string()
            } else {
                self.path()
            }),
            field: field.to_string(),
            message: message.into(),
        }
    }

    fn syntax_error(&self, inner: &str, message: impl std::fmt::Display) -> FileError {
        let offset = usize::try_from(self.reader.error_position())
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        let line = self.text.as_bytes()[..offset]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        let mut path = if self.open.is_empty() {
            String::new()
        } else {
            self.path()
        };
        path.push_str(inner);
        FileError {
            position: Position::Path(if path.is_empty() { "/".into() } else { path }),
            field: "XML".to_string(),
            message: format!("not well-formed XML at byte {offset} (line {line}): {message}"),
        }
    }

    /// The next item below the innermost open container; `classify` says how to treat a
    /// child element by its local name.
    pub fn next(&mut self, classify: impl Fn(&str) -> Kind) -> Result<Item, FileError> {
        if self.pending_close {
            self.pending_close = false;
            self.open.pop();
            return Ok(Item::Close);
        }
        loop {
            let event = self
                .reader
                .read_event()
                .map_err(|e| self.syntax_error("", e))?;
            match event {
                Event::Start(start) => {
                    if let Some(item) = self.element(&start, false, &classify)? {
                        return Ok(item);
                    }
                }
                Event::Empty(start) => {
                    if let Some(item) = self.element(&start, true, &classify)? {
                        return Ok(item);
                    }
                }
                Event::End(_) => {
                    if self.open.pop().is_none() {
                        return Err(self.syntax_error("", "end tag without a start tag"));
                    }
                    return Ok(Item::Close);
                }
                Event::Text(t) => {
                    if self.open.is_empty() && !t.xml10_content().trim().is_empty() {
                        return Err(self.syntax_error("", "text outside the root element"));
                    }
                }
                Event::GeneralRef(r) => {
                    resolve_ref(&r).map_err(|m| self.syntax_error("", m))?;
                    if self.open.is_empty() {
                        return Err(self.syntax_error("", "text outside the root element"));
                    }
                }
                Event::CData(_) | Event::Comment(_) | Event::PI(_) => {}
                Event::Decl(decl) => {
                    if let Some(enc) = decl.encoding() {
                        let enc = enc.map_err(|e| self.syntax_error("", e))?;
                        if !enc.eq_ignore_ascii_case("utf-8") && !enc.eq_ignore_ascii_case("utf8") {
                            return Err(self.error(
                                "encoding",
                                format!(
                                    "the file declares encoding {enc}; camt.054 files are read \
                                     in UTF-8 only"
                                ),
                            ));
                        }
                    }
                }
                Event::DocType(_) => {
                    return Err(self.error(
                        "DOCTYPE",
                        "a document type declaration is not allowed in a camt.054 file",
                    ))
                }
                Event::Eof => {
                    if let Some(o) = self.open.last() {
                        return Err(self.error(
                            &o.segment,
                            "the file ends before this element is closed (truncated file?)",
                        ));
                    }
                    if !self.root_seen {
                        return Err(self.error("Document", "the file holds no XML element"));
                    }
                    return Ok(Item::End);
                }
            }
        }
    }

    /// Counts `name` under the innermost open container and returns its 1-based index.
    fn count(&mut self, name: &str) -> u32 {
        let Some(parent) = self.open.last_mut() else {
            return 1;
        };
        if let Some((_, n)) = parent.counts.iter_mut().find(|(k, _)| k == name) {
            *n = n.saturating_add(1);
            *n
        } else {
            parent.counts.push((name.to_string(), 1));
            1
        }
    }

    /// Handles a start tag: `None` when the element was skipped.
    fn element(
        &mut self,
        start: &BytesStart<'_>,
        empty: bool,
        classify: &dyn Fn(&str) -> Kind,
    ) -> Result<Option<Item>, FileError> {
        let name = local_name(start);
        if self.open.is_empty() {
            if self.root_seen {
                return Err(self.syntax_error("", "a second root element"));
            }
            self.root_seen = true;
        }
        if self.open.len() >= MAX_DEPTH {
            return Err(self.error(&name, format!("elements nested deeper than {MAX_DEPTH}")));
        }
        let index = self.count(&name);
        let kind = if self.open.is_empty() {
            Kind::Container
        } else {
            classify(&name)
        };
        match kind {
            Kind::Container => {
                let namespace = namespace_of(start).map_err(|m| self.syntax_error("", m))?;
                self.open.push(Open {
                    segment: segment(&name, index),
                    counts: Vec::new(),
                });
                self.pending_close = empty;
                Ok(Some(Item::Open { name, namespace }))
            }
            Kind::Capture => {
                let mut root =
                    new_node(start, name, index).map_err(|m| self.syntax_error("", m))?;
                if !empty {
                    self.capture(&mut root)?;
                }
                Ok(Some(Item::Leaf(root)))
            }
            Kind::Skip => {
                if !empty {
                    self.skip(&segment(&name, index))?;
                }
                Ok(None)
            }
        }
    }

    /// Reads the content of `root` (whose start tag was just read) up to its end tag.
    fn capture(&mut self, root: &mut Node) -> Result<(), FileError> {
        // The chain of open nodes below `root`; each is moved into its parent when it ends.
        let mut stack: Vec<Node> = Vec::new();
        loop {
            let event = match self.reader.read_event() {
                Ok(e) => e,
                Err(e) => {
                    let inner = capture_path(root, &stack);
                    return Err(self.syntax_error(&inner, e));
                }
            };
            match event {
                Event::Start(start) => self.capture_child(root, &mut stack, &start, false)?,
                Event::Empty(start) => self.capture_child(root, &mut stack, &start, true)?,
                Event::End(_) => match stack.pop() {
                    Some(done) => stack.last_mut().unwrap_or(&mut *root).children.push(done),
                    None => return Ok(()),
                },
                Event::Text(t) => {
                    let current = stack.last_mut().unwrap_or(&mut *root);
                    current.text.push_str(&t.xml10_content());
                }
                Event::CData(c) => {
                    let current = stack.last_mut().unwrap_or(&mut *root);
                    current.text.push_str(&c.xml10_content());
                }
                Event::GeneralRef(r) => match resolve_ref(&r) {
                    Ok(ch) => stack.last_mut().unwrap_or(&mut *root).text.push(ch),
                    Err(m) => {
                        let inner = capture_path(root, &stack);
                        return Err(self.syntax_error(&inner, m));
                    }
                },
                Event::Comment(_) | Event::PI(_) => {}
                Event::Decl(_) | Event::DocType(_) => {
                    let inner = capture_path(root, &stack);
                    return Err(self.syntax_error(&inner, "declaration inside an element"));
                }
                Event::Eof => {
                    let inner = capture_path(root, &stack);
                    let mut e = self.error(
                        &root.name,
                        "the file ends before this element is closed (truncated file?)",
                    );
                    e.position = Position::Path(format!("{}{inner}", self.path()));
                    return Err(e);
                }
            }
        }
    }

    /// Adds the element whose start tag was just read to the capture under way: onto the
    /// stack of open nodes, or straight into its parent when it is empty (`<a/>`).
    fn capture_child(
        &self,
        root: &mut Node,
        stack: &mut Vec<Node>,
        start: &BytesStart<'_>,
        empty: bool,
    ) -> Result<(), FileError> {
        let name = local_name(start);
        let parent = stack.last().unwrap_or(root);
        let index = parent.children.iter().filter(|c| c.name == name).count();
        let index = u32::try_from(index.saturating_add(1)).unwrap_or(u32::MAX);
        if self.open.len() + stack.len() + 2 > MAX_DEPTH {
            let inner = capture_path(root, stack);
            let mut e = self.error(&name, format!("elements nested deeper than {MAX_DEPTH}"));
            e.position = Position::Path(format!("{}{inner}", self.path()));
            return Err(e);
        }
        let node = new_node(start, name, index).map_err(|m| {
            let inner = capture_path(root, stack);
            self.syntax_error(&inner, m)
        })?;
        if empty {
            stack.last_mut().unwrap_or(root).children.push(node);
        } else {
            stack.push(node);
        }
        Ok(())
    }

    /// Skips the content of an element whose start tag was just read.
    fn skip(&mut self, seg: &str) -> Result<(), FileError> {
        let mut depth: usize = 0;
        loop {
            let event = self
                .reader
                .read_event()
                .map_err(|e| self.syntax_error(&format!("/{seg}"), e))?;
            match event {
                Event::Start(_) => {
                    depth += 1;
                    if self.open.len() + 1 + depth > MAX_DEPTH {
                        return Err(
                            self.error(seg, format!("elements nested deeper than {MAX_DEPTH}"))
                        );
                    }
                }
                Event::End(_) => {
                    if depth == 0 {
                        return Ok(());
                    }
                    depth -= 1;
                }
                Event::GeneralRef(r) => {
                    resolve_ref(&r).map_err(|m| self.syntax_error(&format!("/{seg}"), m))?;
                }
                Event::Decl(_) | Event::DocType(_) => {
                    return Err(
                        self.syntax_error(&format!("/{seg}"), "declaration inside an element")
                    )
                }
                Event::Eof => {
                    let mut e = self.error(
                        seg,
                        "the file ends before this element is closed (truncated file?)",
                    );
                    e.position = Position::Path(format!("{}/{seg}", self.path()));
                    return Err(e);
                }
                _ => {}
            }
        }
    }
}

/// The relative path (`/Refs/AcctSvcrRef`) of the innermost node being captured.
fn capture_path(root: &Node, stack: &[Node]) -> String {
    let mut out = format!("/{}", segment(&root.name, root.index));
    for n in stack {
        out.push('/');
        out.push_str(&segment(&n.name, n.index));
    }
    out
}

/// The element's name without its namespace prefix.
fn local_name(start: &BytesStart<'_>) -> String {
    start.local_name().as_ref().to_string()
}

fn new_node(start: &BytesStart<'_>, name: String, index: u32) -> Result<Node, String> {
    let mut ccy = None;
    for attr in start.attributes() {
        let attr = attr.map_err(|e| e.to_string())?;
        if attr.key.local_name().as_ref() == "Ccy" {
            ccy = Some(attr_value(&attr)?);
        }
    }
    Ok(Node {
        name,
        index,
        ccy,
        text: String::new(),
        children: Vec::new(),
    })
}

/// The namespace the element's own name is in: the value of `xmlns` (no prefix) or of
/// `xmlns:p` for a name `p:Document`.
fn namespace_of(start: &BytesStart<'_>) -> Result<Option<String>, String> {
    let qname = start.name();
    let prefix = qname.prefix().map(|p| p.as_ref().to_string());
    for attr in start.attributes() {
        let attr = attr.map_err(|e| e.to_string())?;
        let key: &str = attr.key.as_ref();
        let matches = match &prefix {
            None => key == "xmlns",
            Some(p) => key.strip_prefix("xmlns:") == Some(p.as_str()),
        };
        if matches {
            return Ok(Some(attr_value(&attr)?));
        }
    }
    Ok(None)
}

/// An attribute's value with references resolved and white space trimmed.
fn attr_value(attr: &quick_xml::events::attributes::Attribute<'_>) -> Result<String, String> {
    Ok(attr
        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .map_err(|e| e.to_string())?
        .trim()
        .to_string())
}

/// The character an entity or character reference stands for; only XML's five predefined
/// entities exist without a DTD.
fn resolve_ref(r: &BytesRef<'_>) -> Result<char, String> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => return Ok(c),
        Ok(None) => {}
        Err(e) => return Err(e.to_string()),
    }
    let name = r.xml10_content();
    match name.as_ref() {
        "lt" => Ok('<'),
        "gt" => Ok('>'),
        "amp" => Ok('&'),
        "apos" => Ok('\''),
        "quot" => Ok('"'),
        other => Err(format!("undefined entity &{other};")),
    }
}

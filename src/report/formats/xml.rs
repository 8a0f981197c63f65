//! A small element tree over quick-xml, enough for WordprocessingML and poppler's XHTML.

use quick_xml::events::Event;
use quick_xml::Reader;

/// An XML element: local name (prefix dropped), attributes by local name, children.
#[derive(Debug, Clone, Default)]
pub(crate) struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

/// A child of an element.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// The value of attribute `name` (local name).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// Child elements named `name`.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.elements().filter(move |e| e.name == name)
    }

    /// `w:val` of the child element `name`, e.g. `<w:ilvl w:val="0"/>`.
    pub fn child_val(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(|c| c.attr("val"))
    }

    /// All text below this element, in order.
    pub fn text(&self) -> String {
        let mut s = String::new();
        self.collect_text(&mut s);
        s
    }

    fn collect_text(&self, out: &mut String) {
        for n in &self.children {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => e.collect_text(out),
            }
        }
    }
}

fn local(name: &[u8]) -> String {
    let s = String::from_utf8_lossy(name);
    match s.rsplit_once(':') {
        Some((_, l)) => l.to_string(),
        None => s.into_owned(),
    }
}

fn start(e: &quick_xml::events::BytesStart<'_>) -> Result<Element, String> {
    let mut el = Element {
        name: local(e.name().as_ref()),
        ..Element::default()
    };
    for a in e.attributes().with_checks(false) {
        let a = a.map_err(|e| e.to_string())?;
        let v = a
            .normalized_value(quick_xml::XmlVersion::default())
            .map_err(|e| e.to_string())?;
        el.attrs.push((local(a.key.as_ref()), v.into_owned()));
    }
    Ok(el)
}

/// Deepest element nesting accepted. Word documents nest about 10 levels (tables in
/// tables a few more); the readers walk the tree recursively, so a file nesting 100,000
/// levels deep would overflow the stack: it is refused with "nesting too deep".
pub(crate) const MAX_DEPTH: usize = 512;

/// Most elements accepted in one XML part. A 1,000-page Word report has about 400,000;
/// each element costs about 150 bytes in the tree, so this bounds one part near 150 MB
/// whatever its compressed size (32 million empty paragraphs would need 5 GB).
pub(crate) const MAX_ELEMENTS: usize = 1_000_000;

/// Why an XML document was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum XmlError {
    /// Past [`MAX_DEPTH`] or [`MAX_ELEMENTS`].
    Limit(String),
    /// Not well-formed.
    Malformed(String),
}

impl std::fmt::Display for XmlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            XmlError::Limit(m) | XmlError::Malformed(m) => f.write_str(m),
        }
    }
}

impl From<String> for XmlError {
    fn from(m: String) -> Self {
        XmlError::Malformed(m)
    }
}

/// Parses a whole XML document into its root element, refusing documents nested deeper
/// than [`MAX_DEPTH`] or holding more than [`MAX_ELEMENTS`] elements.
pub(crate) fn parse(xml: &str) -> Result<Element, XmlError> {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<Element> = vec![Element::default()];
    let mut elements = 0usize;
    let mut count = || {
        elements += 1;
        if elements > MAX_ELEMENTS {
            Err(XmlError::Limit(format!(
                "too many elements (more than {MAX_ELEMENTS})"
            )))
        } else {
            Ok(())
        }
    };
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        match event {
            Event::Start(e) => {
                count()?;
                if stack.len() > MAX_DEPTH {
                    return Err(XmlError::Limit(format!(
                        "nesting too deep (more than {MAX_DEPTH} levels of elements)"
                    )));
                }
                stack.push(start(&e)?);
            }
            Event::Empty(e) => {
                count()?;
                let el = start(&e)?;
                push(&mut stack, Node::Element(el));
            }
            Event::End(_) if stack.len() > 1 => {
                let el = stack.pop().expect("non-empty stack");
                push(&mut stack, Node::Element(el));
            }
            Event::Text(t) => {
                let s = t.xml10_content().map_err(|e| e.to_string())?;
                push_text(&mut stack, &s);
            }
            Event::CData(t) => {
                let s = t.decode().map_err(|e| e.to_string())?;
                push_text(&mut stack, &s);
            }
            Event::GeneralRef(r) => {
                let s = match r.resolve_char_ref().map_err(|e| e.to_string())? {
                    Some(c) => c.to_string(),
                    None => match r.decode().map_err(|e| e.to_string())?.as_ref() {
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "amp" => "&".into(),
                        "apos" => "'".into(),
                        "quot" => "\"".into(),
                        "nbsp" => "\u{a0}".into(),
                        _ => String::new(),
                    },
                };
                push_text(&mut stack, &s);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    while stack.len() > 1 {
        let el = stack.pop().expect("non-empty stack");
        push(&mut stack, Node::Element(el));
    }
    let mut root = stack.pop().expect("root");
    match root
        .children
        .iter()
        .position(|n| matches!(n, Node::Element(_)))
    {
        Some(i) => match root.children.swap_remove(i) {
            Node::Element(e) => Ok(e),
            Node::Text(_) => unreachable!(),
        },
        None => Err(XmlError::Malformed("no root element".to_string())),
    }
}

fn push(stack: &mut [Element], node: Node) {
    if let Some(top) = stack.last_mut() {
        top.children.push(node);
    }
}

fn push_text(stack: &mut [Element], s: &str) {
    if let Some(top) = stack.last_mut() {
        if let Some(Node::Text(t)) = top.children.last_mut() {
            t.push_str(s);
        } else {
            top.children.push(Node::Text(s.to_string()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entities_and_prefixes() {
        let root = parse(r#"<?xml version="1.0"?><w:doc xmlns:w="x"><w:t a:b="1 &amp; 2">A &lt; B&#x1EA1;</w:t><w:br/></w:doc>"#).unwrap();
        assert_eq!(root.name, "doc");
        let t = root.child("t").unwrap();
        assert_eq!(t.attr("b"), Some("1 & 2"));
        assert_eq!(root.text(), "A < Bạ");
        assert!(root.child("br").is_some());
    }

    #[test]
    fn depth_and_size_are_bounded() {
        let ok = format!(
            "<a>{}{}</a>",
            "<b>".repeat(MAX_DEPTH - 1),
            "</b>".repeat(MAX_DEPTH - 1)
        );
        assert!(parse(&ok).is_ok());
        let deep = format!("<a>{}{}</a>", "<b>".repeat(100_000), "</b>".repeat(100_000));
        let e = parse(&deep).unwrap_err();
        assert!(
            matches!(&e, XmlError::Limit(m) if m.contains("nesting too deep")),
            "{e}"
        );
        // Unclosed: refused before the end is seen.
        let e = parse(&"<b>".repeat(1_000_000)).unwrap_err();
        assert!(e.to_string().contains("nesting too deep"), "{e}");
        let wide = format!("<a>{}</a>", "<p/>".repeat(MAX_ELEMENTS + 1));
        let e = parse(&wide).unwrap_err();
        assert!(
            matches!(&e, XmlError::Limit(m) if m.contains("too many elements")),
            "{e}"
        );
    }
}

//! A native reader of Word 97–2003 `.doc` files ([MS-DOC]), so that a `.doc` gives the
//! same report text as the `.docx` reader gives: paragraphs in order, Word's automatic
//! list numbers resolved to their visible labels, real footnotes attached where their
//! reference sits, tables as rows of cells, field results (not codes), both 8-bit and
//! UTF-16 text, legacy Vietnamese fonts converted.
//!
//! | module | reads |
//! |---|---|
//! | `container` | the OLE2 compound file (through the `cfb` crate) |
//! | `fib` | the File Information Block: version, flags, subdocument sizes, table-stream index |
//! | `pieces` | the piece table: which bytes hold which characters |
//! | `sprm` | property modifiers |
//! | `props` | paragraph and character property pages, the style sheet, the font table |
//! | `lists` | list definitions, list instances and their counters |
//! | `notes` | footnote references and texts |
//! | `tables` | table rows and cells out of marked paragraphs |
//! | `walk` | characters → paragraphs |
//!
//! Every count, offset and size comes from an untrusted file: each read is bounds-checked
//! (`bytes`), counts are checked against the bytes that would hold them before anything
//! is allocated, and every loop is bounded by the input's size. A file this reader cannot
//! read (Word 6/95, encrypted, damaged) gives an [`MsDocError`] and the caller may fall
//! back to an external converter.

mod bytes;
mod container;
mod fib;
mod lists;
mod notes;
mod pieces;
mod props;
mod sprm;
mod tables;
mod walk;

use super::blocks::Document;
use fib::{entry, Fib};

/// Why the native reader could not read a `.doc` file.
#[derive(Debug, thiserror::Error)]
pub(crate) enum MsDocError {
    /// Not an OLE2 compound file.
    #[error("not a Word 97-2003 document (no OLE2 header)")]
    NotOle,
    /// A Word file of a kind this reader does not handle (Word 6/95, encrypted).
    #[error("{0}")]
    Unsupported(String),
    /// A structure is missing, truncated or inconsistent.
    #[error("damaged Word 97-2003 document: {0}")]
    Malformed(String),
}

/// Reads a `.doc` file held in memory.
pub(crate) fn read(bytes: &[u8]) -> Result<Document, MsDocError> {
    let mut container = container::Container::open(bytes)?;
    let word = container
        .stream("WordDocument")?
        .ok_or_else(|| MsDocError::Malformed("no WordDocument stream".into()))?;
    let fib = Fib::parse(&word)?;
    if fib.encrypted {
        return Err(MsDocError::Unsupported(
            "the document is encrypted (password-protected)".into(),
        ));
    }
    let table_name = if fib.table_1 { "1Table" } else { "0Table" };
    let table = container
        .stream(table_name)?
        .ok_or_else(|| MsDocError::Malformed(format!("no {table_name} stream")))?;
    read_streams(&word, &table, &fib)
}

fn read_streams(word: &[u8], table: &[u8], fib: &Fib) -> Result<Document, MsDocError> {
    let clx = fib
        .structure(table, entry::CLX)
        .ok_or_else(|| MsDocError::Malformed("no piece table".into()))?;
    let clx = pieces::Clx::parse(clx)?;
    let last_cp = clx.pieces.last().map_or(0, |p| p.cp_end);
    let main_end = fib.ccp_text;
    let notes_end = u64::from(fib.ccp_text) + u64::from(fib.ccp_ftn);
    let end = notes_end.min(u64::from(last_cp)) as u32;
    let text = pieces::Text::load(word, &clx, end)?;
    if (text.len() as u64) < u64::from(main_end) {
        return Err(MsDocError::Malformed(format!(
            "the piece table holds {} characters, the main text {}",
            text.len(),
            main_end
        )));
    }
    let structure = |i| fib.structure(table, i).unwrap_or(&[]);
    let chpx = props::Fkps::read(word, structure(entry::PLCF_BTE_CHPX), props::FkpKind::Chpx);
    let papx = props::Fkps::read(word, structure(entry::PLCF_BTE_PAPX), props::FkpKind::Papx);
    let styles = props::StyleSheet::parse(structure(entry::STSHF));
    let fonts = props::font_names(structure(entry::STTBF_FFN));
    let mut lists = lists::Lists::parse(
        table,
        fib.offset(entry::PLF_LST),
        fib.offset(entry::PLF_LFO),
    );
    let notes = notes::Notes::parse(
        structure(entry::PLCFFND_REF),
        structure(entry::PLCFFND_TXT),
        main_end,
        fib.ccp_ftn,
    );
    let section_ends = bytes::plc(structure(entry::PLCF_SED), 12)
        .map(|(cps, _)| cps)
        .unwrap_or_default();

    let mut walker = walk::Walker::new(walk::Source {
        text: &text,
        clx: &clx,
        chpx: &chpx,
        papx: &papx,
        styles: &styles,
        fonts: &fonts,
        note_refs: &notes.refs,
        section_ends: &section_ends,
    });
    let mut builder = tables::Builder::default();
    for mut p in walker.paragraphs(0..main_end) {
        // Word numbers a list paragraph even when it is empty.
        if let Some(label) = lists.next_label(p.props.ilfo, p.props.ilvl) {
            if !label.is_empty() && !p.text.trim().is_empty() {
                p.text = format!("{label} {}", p.text.trim_start());
            }
        }
        builder.push(p);
    }
    let mut doc = builder.finish();
    // Footnote text: its paragraphs joined by a space (the reference mark is dropped).
    let no_refs = Default::default();
    let mut note_walker = walk::Walker::new(walk::Source {
        note_refs: &no_refs,
        ..walker.into_source()
    });
    for (n, range) in &notes.bodies {
        let paras: Vec<String> = note_walker
            .paragraphs(range.clone())
            .into_iter()
            .map(|p| p.text.replace('\n', " "))
            .filter(|t| !t.trim().is_empty())
            .collect();
        let body = paras.join(" ").trim().to_string();
        doc.footnotes.insert(*n, body);
    }
    Ok(doc)
}

#[cfg(test)]
pub(super) mod tests;

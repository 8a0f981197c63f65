//! Tables ([MS-DOC] 2.4.3): a table is a run of paragraphs marked as in a table; each
//! cell ends with a cell mark (0x07) and each row with a row end mark (a 0x07 paragraph
//! with `sprmPFTtp`). Nested tables (depth 2 and more) end their cells and rows with
//! ordinary paragraph marks flagged `sprmPFInnerTableCell` / `sprmPFInnerTtp`; their
//! text is kept in the enclosing cell, as the `.docx` reader does.

use super::super::blocks::{CellPara, Document};
use super::props::ParaProps;

/// How a paragraph ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum End {
    /// A paragraph mark (0x0D) or a section break.
    Paragraph,
    /// A cell or row end mark (0x07).
    Cell,
}

/// A paragraph as the walker produced it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Para {
    /// Text, with its list label.
    pub text: String,
    /// Footnote numbers referred to.
    pub notes: Vec<u32>,
    /// Its properties.
    pub props: ParaProps,
    /// How it ended.
    pub end: End,
}

/// Builds the document from paragraphs in order, gathering table paragraphs into rows
/// and cells.
#[derive(Debug, Default)]
pub(super) struct Builder {
    /// The document so far.
    pub doc: Document,
    rows: Vec<Vec<Vec<CellPara>>>,
    row: Vec<Vec<CellPara>>,
    cell: Vec<CellPara>,
    /// Body text was seen (a table before any text is the letterhead).
    seen_text: bool,
}

impl Builder {
    /// Adds the next paragraph.
    pub(super) fn push(&mut self, p: Para) {
        let depth = p.props.depth();
        if depth == 0 && p.end == End::Paragraph {
            self.flush_table();
            if !p.text.trim().is_empty() {
                self.seen_text = true;
            }
            self.doc.push(p.text, p.notes);
            return;
        }
        let keep = |cell: &mut Vec<CellPara>, p: Para| {
            if !p.text.trim().is_empty() {
                cell.push((p.text, p.notes));
            }
        };
        match p.end {
            End::Cell if depth <= 1 && p.props.ttp => {
                // Row end: its own text (normally none) belongs to no cell.
                if !self.cell.is_empty() {
                    let cell = std::mem::take(&mut self.cell);
                    self.row.push(cell);
                }
                let row = std::mem::take(&mut self.row);
                self.rows.push(row);
            }
            End::Cell if depth <= 1 => {
                keep(&mut self.cell, p);
                let cell = std::mem::take(&mut self.cell);
                self.row.push(cell);
            }
            _ if depth >= 2 && p.props.inner_ttp => {}
            _ => keep(&mut self.cell, p),
        }
    }

    fn flush_table(&mut self) {
        if !self.cell.is_empty() {
            let cell = std::mem::take(&mut self.cell);
            self.row.push(cell);
        }
        if !self.row.is_empty() {
            let row = std::mem::take(&mut self.row);
            self.rows.push(row);
        }
        if !self.rows.is_empty() {
            let rows = std::mem::take(&mut self.rows);
            self.doc.push_table(rows, self.seen_text);
        }
    }

    /// The finished document.
    pub(super) fn finish(mut self) -> Document {
        self.flush_table();
        self.doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str, depth: i32, end: End, ttp: bool) -> Para {
        Para {
            text: text.to_string(),
            notes: vec![],
            props: ParaProps {
                itap: depth,
                in_table: depth > 0,
                ttp,
                ..ParaProps::default()
            },
            end,
        }
    }

    fn texts(doc: &Document) -> Vec<&str> {
        doc.blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn cells_and_rows_become_table_rows() {
        let mut b = Builder::default();
        b.push(para("Mở đầu", 0, End::Paragraph, false));
        for row in [
            ["Chỉ tiêu", "Đơn vị", "Kết quả", "Ghi chú"],
            ["Vốn", "%", "51,8", ""],
        ] {
            for c in row {
                b.push(para(c, 1, End::Cell, false));
            }
            b.push(para("", 1, End::Cell, true));
        }
        b.push(para("Thứ ba", 1, End::Cell, false));
        b.push(para("", 1, End::Cell, true));
        b.push(para("Kết", 0, End::Paragraph, false));
        assert_eq!(
            texts(&b.finish()),
            [
                "Mở đầu",
                "| Chỉ tiêu | Đơn vị | Kết quả | Ghi chú |",
                "| Vốn | % | 51,8 | |",
                "| Thứ ba |",
                "Kết"
            ]
        );
    }

    #[test]
    fn a_letterhead_table_is_read_column_by_column() {
        let mut b = Builder::default();
        b.push(para("UBND TỈNH", 1, End::Paragraph, false));
        b.push(para("SỞ NỘI VỤ", 1, End::Cell, false));
        b.push(para("CỘNG HÒA", 1, End::Cell, false));
        b.push(para("", 1, End::Cell, true));
        b.push(para("Số: 1/BC", 1, End::Cell, false));
        b.push(para("Lâm Đồng, ngày 1", 1, End::Cell, false));
        // A table that never closes its last row still ends with the document.
        assert_eq!(
            texts(&b.finish()),
            [
                "UBND TỈNH",
                "SỞ NỘI VỤ",
                "Số: 1/BC",
                "CỘNG HÒA",
                "Lâm Đồng, ngày 1"
            ]
        );
    }

    #[test]
    fn nested_tables_stay_in_their_cell() {
        let mut b = Builder::default();
        b.push(para("x", 0, End::Paragraph, false));
        b.push(para("a", 2, End::Paragraph, false));
        b.push(para("b", 2, End::Paragraph, false));
        let mut inner_row = para("", 2, End::Paragraph, false);
        inner_row.props.inner_ttp = true;
        b.push(inner_row);
        b.push(para("c", 1, End::Cell, false));
        for t in ["d", "e", "f"] {
            b.push(para(t, 1, End::Cell, false));
        }
        b.push(para("", 1, End::Cell, true));
        assert_eq!(texts(&b.finish()), ["x", "| a b c | d | e | f |"]);
    }
}

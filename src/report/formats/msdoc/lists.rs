//! Word's automatic numbering ([MS-DOC] 2.9.147 `PlfLst`, 2.9.150 `LVL`, 2.9.146
//! `PlfLfo`): list definitions (LSTF) with up to nine levels (start value, number format,
//! label text with level placeholders, restart rule), list instances (LFO) that may
//! override a level's start or format, and the running counters that turn a paragraph's
//! (list instance, level) into the label the reader sees: `I.`, `1.`, `1.1.`, `a)`.

use std::collections::{HashMap, HashSet};

use super::bytes::{i16_at, i32_at, slice, u16_at, u32_at};

/// Levels of a (non-simple) list.
const LEVELS: usize = 9;
/// Size of an `LSTF` record.
const LSTF_SIZE: usize = 28;
/// Size of an `LVLF` record.
const LVLF_SIZE: usize = 28;
/// Size of an `LFO` record.
const LFO_SIZE: usize = 16;
/// Number format code of a bullet (`msonfcBullet`).
const NFC_BULLET: u8 = 23;

/// One level of a list.
#[derive(Debug, Clone, Default, PartialEq)]
struct Level {
    start: i32,
    /// Number format code (`nfc`).
    nfc: u8,
    /// Every level's number shown in Arabic digits (`fLegal`).
    legal: bool,
    /// Restart rule given by `restart_lim` rather than "after any higher level".
    no_restart: bool,
    /// With `no_restart`: restart when a level above this (0-based) one is used.
    restart_lim: u8,
    /// Label text; placeholder units (values 0–8) stand for a level's number.
    text: Vec<u16>,
    /// Positions (0-based) of the placeholders in `text`.
    placeholders: Vec<usize>,
}

/// Reads an `LVL` at `at`; returns it and the offset after it.
fn read_level(buf: &[u8], at: usize) -> Option<(Level, usize)> {
    let lvlf = slice(buf, at, LVLF_SIZE)?;
    let flags = lvlf[5];
    let placeholders = lvlf[6..15]
        .iter()
        .take_while(|&&p| p != 0)
        .map(|&p| usize::from(p) - 1)
        .collect();
    let cb_chpx = usize::from(lvlf[24]);
    let cb_papx = usize::from(lvlf[25]);
    let xst = at + LVLF_SIZE + cb_papx + cb_chpx;
    let cch = usize::from(u16_at(buf, xst)?);
    let units = slice(buf, xst + 2, cch * 2)?
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    Some((
        Level {
            start: i32_at(lvlf, 0)?,
            nfc: lvlf[4],
            legal: flags & 0x04 != 0,
            no_restart: flags & 0x08 != 0,
            restart_lim: lvlf[26],
            text: units,
            placeholders,
        },
        xst + 2 + cch * 2,
    ))
}

/// A list definition.
#[derive(Debug, Clone)]
struct List {
    lsid: i32,
    levels: Vec<Level>,
}

/// A level override of a list instance.
#[derive(Debug, Clone, Default)]
struct Override {
    ilvl: usize,
    start: Option<i32>,
    level: Option<Level>,
}

/// A list instance.
#[derive(Debug, Clone)]
struct Lfo {
    lsid: i32,
    overrides: Vec<Override>,
}

/// The document's lists and their running counters.
#[derive(Debug, Default)]
pub(super) struct Lists {
    lists: HashMap<i32, List>,
    lfos: Vec<Lfo>,
    counters: HashMap<i32, [Option<i64>; LEVELS]>,
    used: HashSet<usize>,
}

impl Lists {
    /// Reads the lists of a table stream: `plf_lst` and `plf_lfo` are the offsets the FIB
    /// gives (the `LVL`s follow the `PlfLst` outside its stated size, as the format
    /// has them). What cannot be read is left out: its paragraphs get no label.
    pub(super) fn parse(table: &[u8], plf_lst: Option<usize>, plf_lfo: Option<usize>) -> Lists {
        let mut lists = Lists::default();
        if let Some(at) = plf_lst {
            lists.read_lists(table, at);
        }
        if let Some(at) = plf_lfo {
            lists.read_lfos(table, at);
        }
        lists
    }

    fn read_lists(&mut self, table: &[u8], at: usize) {
        let Some(count) = i16_at(table, at) else {
            return;
        };
        let count = usize::try_from(count).unwrap_or(0);
        if count.saturating_mul(LSTF_SIZE) > table.len() {
            return;
        }
        let mut lvl_at = at + 2 + count * LSTF_SIZE;
        for i in 0..count {
            let Some(lstf) = slice(table, at + 2 + i * LSTF_SIZE, LSTF_SIZE) else {
                return;
            };
            let lsid = i32_at(lstf, 0).unwrap_or(0);
            let simple = lstf[26] & 0x01 != 0;
            let n = if simple { 1 } else { LEVELS };
            let mut levels = Vec::with_capacity(n);
            for _ in 0..n {
                let Some((level, next)) = read_level(table, lvl_at) else {
                    // Later lists' levels cannot be found either.
                    self.lists.entry(lsid).or_insert(List { lsid, levels });
                    return;
                };
                levels.push(level);
                lvl_at = next;
            }
            self.lists.entry(lsid).or_insert(List { lsid, levels });
        }
    }

    fn read_lfos(&mut self, table: &[u8], at: usize) {
        let Some(count) = u32_at(table, at).map(|c| c as usize) else {
            return;
        };
        if count.saturating_mul(LFO_SIZE) > table.len() {
            return;
        }
        let mut counts = Vec::with_capacity(count);
        for i in 0..count {
            let Some(lfo) = slice(table, at + 4 + i * LFO_SIZE, LFO_SIZE) else {
                return;
            };
            self.lfos.push(Lfo {
                lsid: i32_at(lfo, 0).unwrap_or(0),
                overrides: Vec::new(),
            });
            counts.push(usize::from(lfo[12]));
        }
        // The level overrides follow the LFO array: for each instance a CP word, then
        // its overrides.
        let mut p = at + 4 + count * LFO_SIZE;
        for (i, &n) in counts.iter().enumerate() {
            p += 4;
            for _ in 0..n.min(LEVELS) {
                let (Some(start), Some(flags)) = (i32_at(table, p), u32_at(table, p + 4)) else {
                    return;
                };
                p += 8;
                let mut o = Override {
                    ilvl: (flags & 0x0F) as usize,
                    start: (flags & 0x10 != 0).then_some(start),
                    level: None,
                };
                if flags & 0x20 != 0 {
                    let Some((level, next)) = read_level(table, p) else {
                        return;
                    };
                    o.level = Some(level);
                    p = next;
                }
                self.lfos[i].overrides.push(o);
            }
        }
    }

    /// Whether list instance `ilfo` (1-based) exists.
    pub(super) fn has(&self, ilfo: i16) -> bool {
        ilfo > 0
            && self
                .lfos
                .get(ilfo as usize - 1)
                .is_some_and(|l| self.lists.contains_key(&l.lsid))
    }

    /// Advances the counter of (`ilfo`, `ilvl`) and returns the visible label (`-` for a
    /// bullet), `None` when the paragraph is not in a known list.
    pub(super) fn next_label(&mut self, ilfo: i16, ilvl: u8) -> Option<String> {
        if !self.has(ilfo) {
            return None;
        }
        let index = ilfo as usize - 1;
        let lfo = &self.lfos[index];
        let list = self.lists.get(&lfo.lsid)?;
        let mut levels = list.levels.clone();
        for o in &lfo.overrides {
            if let Some(l) = levels.get_mut(o.ilvl) {
                if let Some(level) = &o.level {
                    *l = level.clone();
                }
                if let Some(s) = o.start {
                    l.start = s;
                }
            }
        }
        let ilvl = usize::from(ilvl).min(levels.len().saturating_sub(1));
        let counters = self.counters.entry(list.lsid).or_insert([None; LEVELS]);
        if self.used.insert(index) {
            // A list instance that sets a level's start restarts that level.
            for o in &lfo.overrides {
                if o.start.is_some() && o.ilvl < LEVELS {
                    counters[o.ilvl] = None;
                }
            }
        }
        let level = levels.get(ilvl)?;
        counters[ilvl] = Some(match counters[ilvl] {
            None => i64::from(level.start),
            Some(v) => v.saturating_add(1),
        });
        for (k, counter) in counters.iter_mut().enumerate().skip(ilvl + 1) {
            let restart = match levels.get(k) {
                Some(l) if l.no_restart => ilvl < usize::from(l.restart_lim),
                _ => true,
            };
            if restart {
                *counter = None;
            }
        }
        if level.nfc == NFC_BULLET {
            return Some("-".to_string());
        }
        let mut units: Vec<u16> = Vec::new();
        let mut label = String::new();
        let flush = |units: &mut Vec<u16>, label: &mut String| {
            label.push_str(&String::from_utf16_lossy(units));
            units.clear();
        };
        for (pos, &u) in level.text.iter().enumerate() {
            let k = usize::from(u);
            if k < LEVELS && level.placeholders.contains(&pos) {
                flush(&mut units, &mut label);
                let start = levels.get(k).map_or(1, |l| l.start);
                let value = counters[k].unwrap_or(i64::from(start));
                let nfc = if level.legal {
                    0
                } else {
                    levels.get(k).map_or(0, |l| l.nfc)
                };
                label.push_str(&super::super::docx::format_number(value, nfc_name(nfc)));
            } else if u >= 0x20 {
                units.push(u);
            }
        }
        flush(&mut units, &mut label);
        Some(label.trim().to_string())
    }
}

/// The WordprocessingML name of a number format code, as the `.docx` reader formats it.
fn nfc_name(nfc: u8) -> &'static str {
    match nfc {
        1 => "upperRoman",
        2 => "lowerRoman",
        3 => "upperLetter",
        4 => "lowerLetter",
        22 => "decimalZero",
        255 => "none",
        _ => "decimal",
    }
}

/// Test-side writer of a `PlfLst` + `LVL`s + `PlfLfo`.
#[cfg(test)]
pub(super) mod write {
    /// One level: (start, nfc, flags, restart_lim, label text with `%k` for level k's
    /// number, 1-based as in Word).
    pub type Lvl<'a> = (i32, u8, u8, u8, &'a str);

    /// An `LVL` record.
    pub fn lvl(l: &Lvl<'_>) -> Vec<u8> {
        let mut units: Vec<u16> = Vec::new();
        let mut places = Vec::new();
        let mut chars = l.4.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    places.push(units.len() as u8 + 1);
                    units.push(d as u16 - 1);
                    continue;
                }
            }
            units.push(c as u16);
        }
        let mut b = vec![0u8; 28];
        b[0..4].copy_from_slice(&l.0.to_le_bytes());
        b[4] = l.1;
        b[5] = l.2;
        for (i, p) in places.iter().enumerate() {
            b[6 + i] = *p;
        }
        b[26] = l.3;
        // One papx and one chpx modifier, to be skipped.
        b[24] = 3;
        b[25] = 2;
        b.extend_from_slice(&[0x0F, 0x84]);
        b.extend_from_slice(&[0x3B, 0x08, 0x00]);
        b.extend_from_slice(&(units.len() as u16).to_le_bytes());
        for u in units {
            b.extend_from_slice(&u.to_le_bytes());
        }
        b
    }

    /// A table stream holding the lists at 0 and the LFOs after them; returns it and the
    /// LFO offset. Lists: (lsid, simple, levels). LFOs: (lsid, overrides (ilvl, start,
    /// replacement level)).
    #[allow(clippy::type_complexity)]
    pub fn table(
        lists: &[(i32, bool, Vec<Lvl<'_>>)],
        lfos: &[(i32, Vec<(u32, Option<i32>, Option<Lvl<'_>>)>)],
    ) -> (Vec<u8>, usize) {
        let mut t = (lists.len() as i16).to_le_bytes().to_vec();
        for (lsid, simple, _) in lists {
            let mut lstf = vec![0u8; 28];
            lstf[0..4].copy_from_slice(&lsid.to_le_bytes());
            lstf[26] = u8::from(*simple);
            t.extend_from_slice(&lstf);
        }
        for (_, _, levels) in lists {
            for l in levels {
                t.extend_from_slice(&lvl(l));
            }
        }
        let lfo_at = t.len();
        t.extend_from_slice(&(lfos.len() as u32).to_le_bytes());
        for (lsid, overrides) in lfos {
            let mut lfo = vec![0u8; 16];
            lfo[0..4].copy_from_slice(&lsid.to_le_bytes());
            lfo[12] = overrides.len() as u8;
            t.extend_from_slice(&lfo);
        }
        for (_, overrides) in lfos {
            t.extend_from_slice(&u32::MAX.to_le_bytes());
            for (ilvl, start, level) in overrides {
                t.extend_from_slice(&start.unwrap_or(0).to_le_bytes());
                let mut flags = *ilvl;
                if start.is_some() {
                    flags |= 0x10;
                }
                if level.is_some() {
                    flags |= 0x20;
                }
                t.extend_from_slice(&flags.to_le_bytes());
                if let Some(l) = level {
                    t.extend_from_slice(&lvl(l));
                }
            }
        }
        (t, lfo_at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline() -> Vec<write::Lvl<'static>> {
        let mut v = vec![
            (1, 1, 0, 0, "%1."),
            (1, 0, 0, 0, "%2."),
            (1, 0, 0, 0, "%2.%3."),
            (1, 4, 0, 0, "%4)"),
        ];
        v.extend(std::iter::repeat_n((1, 0, 0, 0, "%5."), 5));
        v
    }

    fn labels(lists: &mut Lists, seq: &[(i16, u8)]) -> Vec<String> {
        seq.iter()
            .map(|&(f, l)| lists.next_label(f, l).unwrap_or_default())
            .collect()
    }

    #[test]
    fn counters_restart_below_and_continue_across_instances() {
        let (t, lfo_at) = write::table(
            &[(77, false, outline())],
            &[(77, vec![]), (77, vec![(1, Some(1), None)])],
        );
        let mut lists = Lists::parse(&t, Some(0), Some(lfo_at));
        assert_eq!(
            labels(
                &mut lists,
                &[
                    (1, 0),
                    (1, 1),
                    (1, 2),
                    (1, 2),
                    (1, 3),
                    (1, 1),
                    (1, 2),
                    (1, 0),
                    (2, 1),
                    (2, 3),
                    (1, 1),
                ]
            ),
            ["I.", "1.", "1.1.", "1.2.", "a)", "2.", "2.1.", "II.", "1.", "a)", "2."]
        );
    }

    #[test]
    fn overrides_bullets_legal_numbers_and_no_restart() {
        let mut legal = outline();
        legal[2] = (1, 0, 0x04, 0, "%1.%3.");
        legal[1] = (5, 0, 0x08, 0, "Điều %2.");
        let (t, lfo_at) = write::table(
            &[
                (1, false, legal),
                (2, true, vec![(1, NFC_BULLET, 0, 0, "\u{2022}")]),
            ],
            &[
                (1, vec![]),
                (2, vec![]),
                (1, vec![(0, None, Some((3, 4, 0, 0, "%1)")))]),
                (99, vec![]),
            ],
        );
        let mut lists = Lists::parse(&t, Some(0), Some(lfo_at));
        assert_eq!(
            labels(
                &mut lists,
                &[
                    (1, 1),
                    (1, 2),
                    (1, 0),
                    (1, 1),
                    (2, 0),
                    (2, 5),
                    (3, 0),
                    (4, 0),
                    (0, 0)
                ]
            ),
            // Level 2 never restarts; level 3 shows level 1 in Arabic digits; a replaced
            // level format keeps the list's count.
            ["Điều 5.", "1.1.", "I.", "Điều 6.", "-", "-", "b)", "", ""]
        );
        assert!(!lists.has(4) && !lists.has(-2047) && lists.has(1));
    }

    #[test]
    fn truncated_or_hostile_tables_give_what_was_read() {
        let (t, lfo_at) = write::table(&[(1, false, outline())], &[(1, vec![])]);
        for cut in 0..t.len() {
            let mut lists = Lists::parse(&t[..cut], Some(0), Some(lfo_at.min(cut)));
            let _ = lists.next_label(1, 3);
        }
        // Counts far beyond the stream are refused without allocating.
        let mut huge = vec![0xFF, 0x7F];
        huge.extend_from_slice(&[0xFF; 8]);
        let lists = Lists::parse(&huge, Some(0), Some(2));
        assert!(!lists.has(1));
    }
}

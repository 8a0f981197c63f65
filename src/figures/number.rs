//! Vietnamese number notation: `.` groups thousands, `,` is the decimal mark.

/// Byte end of the number span that starts at `start` (an ASCII digit): digits, and `.` or
/// `,` only when a digit follows (`1.236,87`, `6.137,6`; the `.` ending `400.` is not part
/// of the number).
pub(crate) fn span_end(s: &str, start: usize) -> usize {
    let b = s.as_bytes();
    let mut i = start;
    loop {
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i + 1 < b.len() && (b[i] == b'.' || b[i] == b',') && b[i + 1].is_ascii_digit() {
            i += 1;
        } else {
            return i;
        }
    }
}

/// The value of a number span written the Vietnamese way.
///
/// - `1.236,87` = 1236.87, `46.362,2` = 46362.2, `76,1` = 76.1, `02` = 2;
/// - thousands groups after the first must have three digits, so `1.2345` is rejected;
/// - a last `.` group of one or two digits with no `,` is read as a decimal written the
///   English way (`366.55`, `6.137.6`), as some converted reports do;
/// - several `,` and no `.` with three-digit groups (`1,234,567`) is English grouping.
pub(crate) fn parse(span: &str) -> Option<f64> {
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|c| c.is_ascii_digit());
    let commas = span.matches(',').count();
    let (int_part, frac) = match commas {
        0 => (span, None),
        1 => {
            let (a, b) = span.split_once(',')?;
            (a, Some(b))
        }
        _ => {
            let groups: Vec<&str> = span.split(',').collect();
            let english = !span.contains('.')
                && groups[0].len() <= 3
                && groups[1..].iter().all(|g| g.len() == 3);
            return if english {
                span.replace(',', "").parse().ok()
            } else {
                None
            };
        }
    };
    if frac.is_some_and(|f| !digits(f)) {
        return None;
    }
    let groups: Vec<&str> = int_part.split('.').collect();
    if !groups.iter().all(|g| digits(g)) {
        return None;
    }
    let mut whole = String::new();
    let mut decimal = frac.map(str::to_string);
    if groups.len() > 1 {
        let last = groups[groups.len() - 1];
        let (thousands, last_is_decimal) = if last.len() == 3 {
            (&groups[..], false)
        } else if last.len() <= 2 && frac.is_none() {
            (&groups[..groups.len() - 1], true)
        } else {
            return None;
        };
        if thousands[0].len() > 3 || thousands[1..].iter().any(|g| g.len() != 3) {
            return None;
        }
        whole.extend(thousands.iter().copied());
        if last_is_decimal {
            decimal = Some(last.to_string());
        }
    } else {
        whole.push_str(groups[0]);
    }
    let text = match decimal {
        Some(d) => format!("{whole}.{d}"),
        None => whole,
    };
    text.parse().ok()
}

/// Formats a value the Vietnamese way (`1.236,87`, `400`, `11,6`), for human output.
pub fn format_vi(value: f64) -> String {
    let negative = value < 0.0;
    let text = format!("{}", value.abs());
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (text, None),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&grouped);
    if let Some(f) = frac {
        out.push(',');
        out.push_str(&f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Option<f64> {
        let end = span_end(s, 0);
        parse(&s[..end])
    }

    #[test]
    fn vietnamese_notation() {
        assert_eq!(num("1.236,87"), Some(1236.87));
        assert_eq!(num("46.362,2"), Some(46362.2));
        assert_eq!(num("76,1%"), Some(76.1));
        assert_eq!(num("02 xã"), Some(2.0));
        assert_eq!(num("1.415 văn bản"), Some(1415.0));
        assert_eq!(num("200.000 cây"), Some(200000.0));
        assert_eq!(num("4.681,289 triệu"), Some(4681.289));
        assert_eq!(num("0,59%"), Some(0.59));
    }

    #[test]
    fn sloppy_and_english_forms() {
        assert_eq!(num("6.137.6 ha"), Some(6137.6));
        assert_eq!(num("366.55/640"), Some(366.55));
        assert_eq!(num("1,234,567"), Some(1234567.0));
        assert_eq!(num("1.2345"), None);
        assert_eq!(num("1234.567"), None);
        assert_eq!(num("1,2,3"), None);
    }

    #[test]
    fn span_stops_at_trailing_punctuation() {
        assert_eq!(span_end("400. Tổng", 0), 3);
        assert_eq!(span_end("400, đạt", 0), 3);
        assert_eq!(span_end("1.236,87%", 0), 8);
    }

    #[test]
    fn formats_the_vietnamese_way() {
        assert_eq!(format_vi(1236.87), "1.236,87");
        assert_eq!(format_vi(400.0), "400");
        assert_eq!(format_vi(11.6), "11,6");
        assert_eq!(format_vi(1234567.0), "1.234.567");
        assert_eq!(format_vi(-2.5), "-2,5");
    }
}

//! Characters that must not hide in names: control, zero-width and text-direction characters
//! (which make 农业局 and 农业\u{200B}局 two names that look alike, or turn a name around), and
//! the characters a file name cannot hold.

/// Whether `c` changes how text shows without showing itself.
pub fn is_invisible(c: char) -> bool {
    c.is_control() || matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Whether `c` is a path separator or a character Windows refuses in file names.
pub fn is_reserved_in_file_names(c: char) -> bool {
    r#"/\:*?"<>|"#.contains(c)
}

/// `name` made safe as a file name on Windows and Linux: path and reserved characters become
/// `_`, invisible ones are dropped.
pub fn safe_file_name(name: &str) -> String {
    name.chars().filter(|c| !is_invisible(*c)).map(|c| if is_reserved_in_file_names(c) { '_' } else { c }).collect()
}

/// How a refused character is named in a message (U+202E).
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// A stored UTC time (RFC 3339) as this PC's local time, `2026-12-01 09:30`; the text itself if
/// it is not one.
pub fn local_time(stored: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(stored)
        .map(|at| at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|_| stored.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_are_cleaned_for_files() {
        assert_eq!(super::safe_file_name("农业局/畜牧局:2026\u{202E}Q4.xlsx"), "农业局_畜牧局_2026Q4.xlsx");
        assert!(super::is_invisible('\u{200B}') && super::is_invisible('\u{202E}') && !super::is_invisible('局'));
    }
}

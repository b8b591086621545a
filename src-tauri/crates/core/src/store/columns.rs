//! Reading text columns: the plan's texts are most of what a department's part of it weighs.

use rusqlite::types::{Type, ValueRef};
use rusqlite::{Error, Row};

/// The text in column `index` of `row`, as `row.get::<_, String>(index)` reads it, with the UTF-8
/// check done by SIMD. At a hundred times the seed a department's part of the plan is about 9 MB
/// of Chinese text, and rusqlite's check, a byte at a time, was a tenth of `tasks --json`.
///
/// # Errors
///
/// The errors `row.get` gives: the column is out of range, not text, or not UTF-8.
pub(super) fn text(row: &Row<'_>, index: usize) -> rusqlite::Result<String> {
    let value = row.get_ref(index)?;
    let ValueRef::Text(bytes) = value else {
        return Err(Error::InvalidColumnType(index, row.as_ref().column_name(index)?.to_string(), value.data_type()));
    };
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(text.to_owned());
    }
    // The fast check only says "no"; the standard one says where, for the error.
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(error) => Err(Error::FromSqlConversionFailure(index, Type::Text, Box::new(error))),
    }
}

#[cfg(test)]
mod tests {
    use super::text;
    use rusqlite::Connection;

    fn read(sql: &str) -> rusqlite::Result<String> {
        let conn = Connection::open_in_memory()?;
        conn.query_row(sql, [], |row| text(row, 0))
    }

    fn as_rusqlite_reads(sql: &str) -> rusqlite::Result<String> {
        let conn = Connection::open_in_memory()?;
        conn.query_row(sql, [], |row| row.get(0))
    }

    #[test]
    fn reads_what_rusqlite_reads_and_refuses_what_it_refuses() {
        let cases = [
            "SELECT '土壤污染防治'",
            "SELECT ''",
            "SELECT 'a😀b'",
            // Bytes that are not UTF-8, stored as text.
            "SELECT CAST(x'e59c9fff' AS TEXT)",
            // Not text at all.
            "SELECT 1",
            "SELECT NULL",
            "SELECT x'00'",
        ];
        for sql in cases {
            assert_eq!(format!("{:?}", read(sql)), format!("{:?}", as_rusqlite_reads(sql)), "{sql}");
        }
        assert!(read("SELECT CAST(x'e59c9fff' AS TEXT)").is_err());
    }
}

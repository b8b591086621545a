//! Bytes → text in the encodings a Chinese office PC produces: UTF-8 with or without BOM,
//! GBK/GB18030 (Word's "plain text"), UTF-16 LE/BE with BOM (Word's "Unicode text").

use crate::error::{Error, Result};
use encoding_rs::{Encoding, GB18030, UTF_8};

/// The largest table accepted: 100× the Lishu plan is about 10 MB.
pub const MAX_TABLE_BYTES: usize = 64 * 1024 * 1024;

/// Decode a table file, refusing anything that is not cleanly text.
pub fn decode(bytes: &[u8]) -> Result<String> {
    if bytes.len() > MAX_TABLE_BYTES {
        return Err(Error::TooLarge { size: bytes.len(), limit: MAX_TABLE_BYTES });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::EmptyFile);
    }
    let text = match Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) => encoding
            .decode_without_bom_handling_and_without_replacement(&bytes[bom_len..])
            .ok_or(Error::Undecodable)?,
        None => UTF_8
            .decode_without_bom_handling_and_without_replacement(bytes)
            .or_else(|| GB18030.decode_without_bom_handling_and_without_replacement(bytes))
            .ok_or(Error::Undecodable)?,
    };
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if let Some(line) = first_line_with_control_character(&text) {
        return Err(Error::ControlCharacter { line });
    }
    if text.trim().is_empty() {
        return Err(Error::EmptyFile);
    }
    Ok(text)
}

/// 1-based line of the first control character other than TAB and newline (a NUL from a
/// UTF-16 file without BOM, binary data that happens to decode …).
fn first_line_with_control_character(text: &str) -> Option<usize> {
    text.lines()
        .position(|line| line.chars().any(|c| c.is_control() && c != '\t' || c == '\u{fffd}'))
        .map(|index| index + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\t条内容\r\n\t一、实施黑土区综合保护\r\n";

    #[test]
    fn every_office_encoding_decodes_to_the_same_text() {
        let expected = SAMPLE.replace("\r\n", "\n");
        let (gbk, _, _) = encoding_rs::GBK.encode(SAMPLE);
        let utf16le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(SAMPLE.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let utf16be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(SAMPLE.encode_utf16().flat_map(u16::to_be_bytes)).collect();
        let utf8_bom: Vec<u8> = [0xEF, 0xBB, 0xBF].into_iter().chain(SAMPLE.bytes()).collect();
        for (name, bytes) in [("UTF-8", SAMPLE.as_bytes().to_vec()), ("UTF-8 BOM", utf8_bom), ("GBK", gbk.into_owned()), ("UTF-16LE", utf16le), ("UTF-16BE", utf16be)] {
            assert_eq!(decode(&bytes).ok(), Some(expected.clone()), "{name} decodes to the same text");
        }
    }

    #[test]
    fn garbage_is_refused() {
        assert!(matches!(decode(b""), Err(Error::EmptyFile)), "empty");
        assert!(matches!(decode(b" \r\n\t\n"), Err(Error::EmptyFile)), "blank");
        assert!(matches!(decode(&[0x80, 0xFF, 0xFE, 0x81, 0x30]), Err(Error::Undecodable)), "invalid bytes");
        assert!(matches!(decode(b"\tabc\n\x01\x02"), Err(Error::ControlCharacter { line: 2 })), "control characters");
    }
}

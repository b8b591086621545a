//! Evidence files: copied into the data folder under their content hash (so the same file is
//! stored once and a later change to the original cannot alter the record), name kept.

use crate::error::{Error, Result};
use crate::store::EvidenceFile;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest evidence file accepted.
pub const MAX_EVIDENCE_BYTES: u64 = 100 * 1024 * 1024;

/// Copy `source` into `dir` as `<sha256>`.
///
/// # Errors
/// [`Error::Io`] when it cannot be read or written; [`Error::InvalidInput`] over 100 MB.
pub fn store_evidence(dir: &Path, source: &Path) -> Result<EvidenceFile> {
    let io = |source_error: std::io::Error| Error::Io { path: source.to_path_buf(), source: source_error };
    // Bounded by what is read, not by the size the file claims (a FIFO or a device claims none).
    let mut bytes = Vec::new();
    std::fs::File::open(source).map_err(io)?.take(MAX_EVIDENCE_BYTES + 1).read_to_end(&mut bytes).map_err(io)?;
    let size = bytes.len() as u64;
    if size > MAX_EVIDENCE_BYTES {
        return Err(Error::InvalidInput(format!("佐证材料“{}”超过 100 MB", source.display())));
    }
    let sha: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    let target = evidence_path(dir, &sha);
    if !target.exists() {
        std::fs::create_dir_all(dir).map_err(|e| Error::Io { path: dir.to_path_buf(), source: e })?;
        // Write aside, then rename: a crash never leaves a half-written file under the hash.
        let partial = dir.join(format!(".{sha}.partial"));
        crate::durable::write_file(&target, &partial, &bytes).map_err(|e| Error::Io { path: target.clone(), source: e })?;
    }
    let name = source.file_name().map_or_else(|| "附件".to_string(), |n| n.to_string_lossy().into_owned());
    Ok(EvidenceFile { sha256: sha, name, size: size as i64 })
}

/// Where the file with this hash is kept.
pub fn evidence_path(dir: &Path, sha256: &str) -> PathBuf {
    dir.join(sha256)
}

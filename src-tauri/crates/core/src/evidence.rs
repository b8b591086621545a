//! Evidence files: copied into the data folder under their content hash (so the same file is
//! stored once and a later change to the original cannot alter the record), name kept; removed
//! again when the save they were copied for fails; opened with the PC's own program; exported
//! beside the department sheet that cites them.

use crate::accounts::Session;
use crate::error::{Error, Result};
use crate::store::{EvidenceFile, Store};
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
    copy_in(dir, source).map(|(file, _)| file)
}

/// Files copied in for one save: those it created are removed again if the save fails.
#[derive(Debug, Default)]
pub struct Staged {
    /// The files, as the new version lists them.
    pub files: Vec<EvidenceFile>,
    created: Vec<PathBuf>,
}

impl Staged {
    /// Copy `sources` into `dir`; on a failure midway, what was copied is removed.
    ///
    /// # Errors
    /// As [`store_evidence`].
    pub fn copy(dir: &Path, sources: &[PathBuf]) -> Result<Staged> {
        let mut staged = Staged::default();
        for source in sources {
            match copy_in(dir, source) {
                Ok((file, created)) => {
                    if created {
                        staged.created.push(evidence_path(dir, &file.sha256));
                    }
                    staged.files.push(file);
                }
                Err(error) => {
                    staged.remove_created();
                    return Err(error);
                }
            }
        }
        Ok(staged)
    }

    /// The save failed: remove the files this save created, unless a record refers to them now
    /// (another window saved the same file meanwhile).
    pub fn discard(self, store: &Store) {
        let in_use: Vec<PathBuf> = self.created.iter().filter(|p| store.evidence_in_use(&crate::file_name(p)).unwrap_or(true)).cloned().collect();
        for path in self.created.iter().filter(|p| !in_use.contains(p)) {
            let _ = std::fs::remove_file(path);
        }
    }

    fn remove_created(&self) {
        for path in &self.created {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Copy `source` in; whether this created the file under its hash.
fn copy_in(dir: &Path, source: &Path) -> Result<(EvidenceFile, bool)> {
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
    let created = !target.exists();
    if created {
        std::fs::create_dir_all(dir).map_err(|e| Error::Io { path: dir.to_path_buf(), source: e })?;
        // Write aside, then rename: a crash never leaves a half-written file under the hash.
        let partial = dir.join(format!(".{sha}.partial"));
        crate::durable::write_file(&target, &partial, &bytes).map_err(|e| Error::Io { path: target.clone(), source: e })?;
    }
    let name = source.file_name().map_or_else(|| "附件".to_string(), |n| n.to_string_lossy().into_owned());
    Ok((EvidenceFile { sha256: sha, name, size: size as i64 }, created))
}

/// Where the file with this hash is kept.
pub fn evidence_path(dir: &Path, sha256: &str) -> PathBuf {
    dir.join(sha256)
}

/// Open an evidence file of a record `session` may read, with the program the PC opens such
/// files with: a copy under its original name goes to a temporary folder first (the stored file
/// has no extension, and must not be changed by the program).
///
/// # Errors
/// [`Error::Forbidden`] for another department's record; [`Error::NotFound`] for a file the
/// record does not cite or that is missing from the data folder; [`Error::Io`].
pub fn open_evidence(store: &Store, session: &Session, evidence_dir: &Path, record: &crate::progress::RecordKey, sha256: &str) -> Result<PathBuf> {
    let record = crate::progress::progress_record_in(store, session, record.plan_id, &record.code, record.department.as_deref(), &record.period)?;
    let file = record.history.iter().flat_map(|v| &v.evidence).find(|f| f.sha256 == sha256).ok_or_else(|| Error::NotFound("该记录没有这个佐证材料".into()))?;
    let stored = evidence_path(evidence_dir, &file.sha256);
    if !stored.exists() {
        return Err(Error::NotFound(format!("佐证材料“{}”的文件已不在数据文件夹中，可从备份恢复", file.name)));
    }
    let folder = std::env::temp_dir().join("taizhang-evidence").join(&file.sha256[..16]);
    let copy = folder.join(crate::text::safe_file_name(&file.name));
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    std::fs::create_dir_all(&folder).map_err(io(&folder))?;
    std::fs::copy(&stored, &copy).map_err(io(&copy))?;
    open_with_system(&copy).map_err(io(&copy))?;
    Ok(copy)
}

/// Hand a file to the desktop's own opener (`xdg-open` on Linux, Explorer on Windows).
fn open_with_system(path: &Path) -> std::io::Result<()> {
    let program = if cfg!(windows) {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program).arg(path).stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().map(drop)
}

/// What went beside an exported sheet.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct EvidenceExport {
    /// The folder, when any file was cited.
    #[ts(type = "string | null")]
    pub folder: Option<PathBuf>,
    /// Files copied.
    pub copied: usize,
    /// Files cited but missing from the data folder (by name).
    pub missing: Vec<String>,
}

/// Copy the evidence of the latest records of a department in a period into a folder beside the
/// exported workbook `out` (`<workbook>_佐证材料/<code>_<name>`), so they travel together.
///
/// # Errors
/// [`Error::Io`] when the folder or a copy cannot be written.
pub fn export_beside(store: &Store, plan_id: i64, department: &str, period_id: i64, out: &Path) -> Result<EvidenceExport> {
    cited_evidence(store, plan_id, department, period_id)?.copy_beside(out)
}

/// The evidence files a department's latest records of a period cite, listed from the store so
/// they can be copied without it.
#[derive(Debug, Clone, Default)]
pub struct CitedEvidence {
    evidence_dir: PathBuf,
    /// (task code, file) of each citation.
    cited: Vec<(String, EvidenceFile)>,
}

/// List the evidence [`export_beside`] copies.
///
/// # Errors
/// A database error.
pub fn cited_evidence(store: &Store, plan_id: i64, department: &str, period_id: i64) -> Result<CitedEvidence> {
    let Some(database) = store.file_path() else { return Ok(CitedEvidence::default()) };
    let evidence_dir = crate::data_folder::DataFolder::of_database(&database).evidence();
    let cited = store.latest_evidence(plan_id, period_id)?.into_iter().filter(|(_, d, _)| d == department).map(|(code, _, f)| (code, f)).collect();
    Ok(CitedEvidence { evidence_dir, cited })
}

impl CitedEvidence {
    /// Copy the files into `<workbook>_佐证材料` beside `out`.
    ///
    /// # Errors
    /// [`Error::Io`] when the folder or a copy cannot be written.
    pub fn copy_beside(self, out: &Path) -> Result<EvidenceExport> {
        if self.cited.is_empty() {
            return Ok(EvidenceExport::default());
        }
        let stem = out.file_stem().map_or_else(|| "工作进展情况表".to_string(), |s| s.to_string_lossy().into_owned());
        let folder = out.with_file_name(format!("{stem}_佐证材料"));
        std::fs::create_dir_all(&folder).map_err(|source| Error::Io { path: folder.clone(), source })?;
        let mut export = EvidenceExport { folder: Some(folder.clone()), ..EvidenceExport::default() };
        for (code, file) in self.cited {
            let source = evidence_path(&self.evidence_dir, &file.sha256);
            let Ok(bytes) = std::fs::read(&source) else {
                export.missing.push(file.name);
                continue;
            };
            let target = folder.join(crate::text::safe_file_name(&format!("{code}_{}", file.name)));
            crate::durable::write_file(&target, &folder.join(format!(".{}.partial", file.sha256)), &bytes).map_err(|source| Error::Io { path: target.clone(), source })?;
            export.copied += 1;
        }
        Ok(export)
    }
}

//! Files that survive a power cut: written beside their place, flushed to the disk, renamed into
//! place, and the folder flushed too, so after a crash a file is either whole or absent.

use std::io::Write;
use std::path::Path;

/// Write `bytes` to `target` through `partial` (a file in the same folder), durably.
///
/// # Errors
/// The I/O error of the step that failed, with `partial` removed.
pub fn write_file(target: &Path, partial: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let written = (|| {
        let mut file = std::fs::File::create(partial)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(partial, target)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(partial);
        return written;
    }
    sync_folder(target)
}

/// Flush the folder holding `path`, so that a rename into it is on the disk. Windows has no
/// handle to a folder for this; NTFS journals the rename itself.
/// Move a finished file (`partial`, written by someone else, e.g. SQLite) into place: flushed
/// before the rename and its folder after, so a power cut leaves either no file or all of it.
///
/// # Errors
/// What the file system says; the partial file is removed on failure.
pub fn commit_file(partial: &Path, target: &Path) -> std::io::Result<()> {
    let moved = std::fs::OpenOptions::new().read(true).write(true).open(partial).and_then(|f| f.sync_all()).and_then(|()| std::fs::rename(partial, target));
    if moved.is_err() {
        let _ = std::fs::remove_file(partial);
        return moved;
    }
    sync_folder(target)
}

fn sync_folder(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::File::open(folder)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_file_is_in_place_and_nothing_is_left_beside_it() {
        let dir = tempfile::tempdir().expect("dir");
        let target = dir.path().join("out.xlsx");
        super::write_file(&target, &dir.path().join("out.partial"), b"content").expect("written");
        assert_eq!(std::fs::read(&target).expect("read"), b"content");
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1, "no partial file left");
    }

    #[test]
    fn a_failed_write_leaves_no_partial_file() {
        let dir = tempfile::tempdir().expect("dir");
        let target = dir.path().join("missing-folder").join("out.xlsx");
        assert!(super::write_file(&target, &dir.path().join("out.partial"), b"content").is_err(), "the rename fails");
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 0, "the partial file is removed");
    }
}

//! Turning the paths a user names into the list of files to read.

use std::path::{Path, PathBuf};

use chancery_formats::detect;

/// What walking the given paths found.
#[derive(Debug, Default)]
pub struct Walk {
    /// Files to read, in a stable order (each argument's files sorted by path).
    pub files: Vec<PathBuf>,
    /// Files found in folders that no reader handles (e.g. README.md), skipped.
    pub skipped: Vec<PathBuf>,
    /// Paths that could not be read at all, with the reason.
    pub unreadable: Vec<(PathBuf, String)>,
}

/// Expands `paths`: a file is taken as given (whatever its name); a folder is walked
/// recursively, keeping the files a reader may handle and skipping the rest.
pub fn walk(paths: &[PathBuf]) -> Walk {
    let mut out = Walk::default();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => out.unreadable.push((path.clone(), describe_io_error(&e))),
            Ok(meta) if meta.is_file() => out.files.push(path.clone()),
            Ok(meta) if meta.is_dir() => walk_dir(path, &mut out),
            Ok(_) => out
                .unreadable
                .push((path.clone(), "not a regular file or folder".into())),
        }
    }
    out
}

fn walk_dir(dir: &Path, out: &mut Walk) {
    let entries = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in entries {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                if detect::is_candidate(e.path()) {
                    out.files.push(e.into_path());
                } else {
                    out.skipped.push(e.into_path());
                }
            }
            Ok(_) => {}
            Err(e) => {
                let path = e
                    .path()
                    .map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
                let reason = e
                    .io_error()
                    .map_or_else(|| e.to_string(), describe_io_error);
                out.unreadable.push((path, reason));
            }
        }
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// A short, user-facing description of an I/O error.
pub fn describe_io_error(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_folders_skips_unknown_and_hidden_and_reports_missing() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("sub/.git")).unwrap();
        std::fs::write(root.join("b.xml"), "<TEI/>").unwrap();
        std::fs::write(root.join("sub/a.txt"), "x").unwrap();
        std::fs::write(root.join("sub/.git/c.xml"), "x").unwrap();
        std::fs::write(root.join("README.md"), "x").unwrap();
        let missing = root.join("missing.xml");
        let w = walk(&[root.to_path_buf(), missing.clone()]);
        assert_eq!(w.files, vec![root.join("b.xml"), root.join("sub/a.txt")]);
        assert_eq!(w.skipped, vec![root.join("README.md")]);
        assert_eq!(
            w.unreadable,
            vec![(missing, "no such file or folder".to_string())]
        );
    }
}

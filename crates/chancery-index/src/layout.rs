//! Index generations on disk: `index/CURRENT` names the live generation directory
//! (`index/gen-000001`, …). A rebuild writes a new generation and then replaces `CURRENT`
//! with an atomic rename, so readers see the old index until the swap and the new one after.

use std::path::{Path, PathBuf};

use crate::error::IndexError;

const CURRENT: &str = "CURRENT";

fn io_error(dir: &Path, e: impl std::fmt::Display) -> IndexError {
    IndexError::Io {
        path: dir.display().to_string(),
        message: e.to_string(),
    }
}

/// The live generation's name, if the index directory has one.
pub fn current(dir: &Path) -> Result<Option<String>, IndexError> {
    match std::fs::read_to_string(dir.join(CURRENT)) {
        Ok(name) => {
            let name = name.trim().to_string();
            if is_generation_name(&name) {
                Ok(Some(name))
            } else {
                Err(io_error(
                    dir,
                    format!("CURRENT names '{name}', which is not a generation"),
                ))
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_error(dir, e)),
    }
}

fn is_generation_name(name: &str) -> bool {
    name.strip_prefix("gen-")
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// The directory of generation `name`.
pub fn generation_dir(dir: &Path, name: &str) -> PathBuf {
    dir.join(name)
}

/// The name of a new generation, one past the highest present.
pub fn next_generation(dir: &Path) -> Result<String, IndexError> {
    std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
    let mut highest = 0u64;
    for entry in std::fs::read_dir(dir).map_err(|e| io_error(dir, e))? {
        let entry = entry.map_err(|e| io_error(dir, e))?;
        if let Some(n) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.strip_prefix("gen-"))
            .and_then(|n| n.parse::<u64>().ok())
        {
            highest = highest.max(n);
        }
    }
    Ok(format!("gen-{:06}", highest + 1))
}

/// Makes `name` the live generation: write `CURRENT.tmp`, sync it, rename it over `CURRENT`.
pub fn make_current(dir: &Path, name: &str) -> Result<(), IndexError> {
    let tmp = dir.join("CURRENT.tmp");
    std::fs::write(&tmp, format!("{name}\n")).map_err(|e| io_error(dir, e))?;
    std::fs::File::open(&tmp)
        .and_then(|f| f.sync_all())
        .map_err(|e| io_error(dir, e))?;
    std::fs::rename(&tmp, dir.join(CURRENT)).map_err(|e| io_error(dir, e))?;
    // Make the rename itself durable.
    std::fs::File::open(dir)
        .and_then(|f| f.sync_all())
        .map_err(|e| io_error(dir, e))
}

/// Removes every generation but `keep` (old ones left by a swap or an interrupted rebuild).
pub fn remove_other_generations(dir: &Path, keep: &str) -> Result<(), IndexError> {
    for entry in std::fs::read_dir(dir).map_err(|e| io_error(dir, e))? {
        let entry = entry.map_err(|e| io_error(dir, e))?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if is_generation_name(name) && name != keep {
            std::fs::remove_dir_all(entry.path()).map_err(|e| io_error(dir, e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generations_swap_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("index");
        assert_eq!(current(&root).unwrap(), None);
        let first = next_generation(&root).unwrap();
        std::fs::create_dir_all(generation_dir(&root, &first)).unwrap();
        make_current(&root, &first).unwrap();
        assert_eq!(current(&root).unwrap().as_deref(), Some("gen-000001"));
        let second = next_generation(&root).unwrap();
        assert_eq!(second, "gen-000002");
        std::fs::create_dir_all(generation_dir(&root, &second)).unwrap();
        make_current(&root, &second).unwrap();
        remove_other_generations(&root, &second).unwrap();
        assert!(!generation_dir(&root, &first).exists());
        assert_eq!(current(&root).unwrap().as_deref(), Some("gen-000002"));
    }
}

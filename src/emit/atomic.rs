//! Atomic output directories: build into `<out>.tmp-<pid>`, then swap it into place.

use crate::error::{Error, Result};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// A directory being written; [`StagedDir::commit`] puts it in place of the target.
pub struct StagedDir {
    target: PathBuf,
    staging: PathBuf,
    committed: bool,
}

impl StagedDir {
    /// Creates an empty staging directory beside `target`.
    pub fn new(target: &Path) -> Result<Self> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "out".to_string());
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        remove_abandoned(&parent, &name);
        let staging = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        if staging.exists() {
            std::fs::remove_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
        }
        std::fs::create_dir(&staging).map_err(|e| Error::io(&staging, e))?;
        Ok(StagedDir {
            target: target.to_path_buf(),
            staging,
            committed: false,
        })
    }

    pub fn path(&self) -> &Path {
        &self.staging
    }

    /// Writes one file (creating parent directories) inside the staging directory. A file
    /// whose bytes equal the current output's is hard-linked from it instead of written:
    /// an unchanged page costs no new inode, which is most of a rebuild's time on ext4.
    pub fn write(&self, relative: &str, contents: &[u8]) -> Result<()> {
        let path = self.staging.join(relative);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let previous = self.target.join(relative);
        if unchanged(&previous, contents) && std::fs::hard_link(&previous, &path).is_ok() {
            return Ok(());
        }
        std::fs::write(&path, contents).map_err(|e| Error::io(&path, e))
    }

    /// Replaces the target with the staged directory. The old target is moved aside first
    /// and removed only after the new one is in place.
    pub fn commit(mut self) -> Result<()> {
        let old = self.staging.with_extension("old");
        if self.target.exists() {
            if !self.target.is_dir() {
                return Err(Error::Usage(format!(
                    "`{}` exists and is not a directory; choose another --out",
                    self.target.display()
                )));
            }
            std::fs::rename(&self.target, &old).map_err(|e| Error::io(&self.target, e))?;
        }
        if let Err(e) = std::fs::rename(&self.staging, &self.target) {
            // Put the previous output back before reporting.
            let _ = std::fs::rename(&old, &self.target);
            return Err(Error::io(&self.target, e));
        }
        self.committed = true;
        if old.exists() {
            remove_tree(&old)?;
        }
        Ok(())
    }
}

/// `std::fs::remove_dir_all`, with the top-level entries removed on every core: a large
/// site is thousands of files in hundreds of directories. Symbolic links are removed, never
/// followed.
fn remove_tree(dir: &Path) -> Result<()> {
    let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .collect::<std::io::Result<_>>()
        .map_err(|e| Error::io(dir, e))?;
    entries.par_iter().try_for_each(|entry| {
        let path = entry.path();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        let removed = if is_dir {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        removed.map_err(|e| Error::io(&path, e))
    })?;
    std::fs::remove_dir(dir).map_err(|e| Error::io(dir, e))
}

/// Removes staging directories left by builds that were killed (a full disk, Ctrl-C, a
/// crash): `.<name>.tmp-<pid>` (and its `.old`) whose process no longer runs. Where there is
/// no /proc to ask, nothing is removed.
fn remove_abandoned(parent: &Path, name: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let prefix = format!(".{name}.tmp-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        let pid = rest.strip_suffix(".old").unwrap_or(rest);
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        let running = Path::new(&format!("/proc/{pid}")).exists();
        if !running && entry.path().is_dir() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Does the file at `path` hold exactly `contents`?
fn unchanged(path: &Path, contents: &[u8]) -> bool {
    let same_length = std::fs::symlink_metadata(path)
        .is_ok_and(|m| m.is_file() && m.len() == contents.len() as u64);
    same_length && std::fs::read(path).is_ok_and(|old| old == contents)
}

impl Drop for StagedDir {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

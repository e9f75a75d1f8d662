//! Markdown files a spec includes (`file: notes.md`). A spec may be shared between trainers,
//! so an include may only read a file of the project: a relative path (from the spec's
//! folder) without `..`, which after resolving symlinks still lies inside the project root.

use std::path::{Component, Path, PathBuf};

/// The largest Markdown file an include may read.
pub const MAX_INCLUDE_BYTES: u64 = 256 * 1024;

/// Where includes are read from and where they must stay.
pub struct Includes {
    /// The spec file's folder: include paths are relative to it.
    base: PathBuf,
    /// The project root: no include may resolve outside it.
    root: PathBuf,
}

/// A refusal: the message and a hint.
pub type Refusal = (String, String);

impl Includes {
    pub fn new(base: &Path, root: &Path) -> Includes {
        Includes {
            base: base.to_path_buf(),
            root: root.to_path_buf(),
        }
    }

    /// Reads an included Markdown file, or says why it may not.
    pub fn read(&self, written: &str) -> Result<String, Refusal> {
        let path = Path::new(written);
        let stay = "give a path relative to the spec's folder, inside the project".to_string();
        if path.is_absolute() || path.has_root() {
            return Err((
                format!("`{written}` is an absolute path; includes must stay in the project"),
                stay,
            ));
        }
        if path
            .components()
            .any(|c| matches!(c, Component::ParentDir | Component::Prefix(_)))
        {
            return Err((
                format!("`{written}` goes up with `..`; includes must stay in the project"),
                stay,
            ));
        }
        let joined = self.base.join(path);
        let real = joined.canonicalize().map_err(|e| {
            (
                format!("cannot read the include `{written}`: {e}"),
                "check the file name (the path is relative to the spec's folder)".to_string(),
            )
        })?;
        let root = self.root.canonicalize().map_err(|e| {
            (
                format!("cannot resolve the project root: {e}"),
                "run zanbook from the project folder".to_string(),
            )
        })?;
        if !real.starts_with(&root) {
            return Err((
                format!("`{written}` leads outside the project (through a symbolic link)"),
                stay,
            ));
        }
        let meta = std::fs::metadata(&real).map_err(|e| (e.to_string(), stay.clone()))?;
        if !meta.is_file() {
            return Err((format!("`{written}` is not a file"), stay));
        }
        if meta.len() > MAX_INCLUDE_BYTES {
            return Err((
                format!(
                    "`{written}` is {} bytes; an include may be at most {MAX_INCLUDE_BYTES}",
                    meta.len()
                ),
                "split the text or shorten it".to_string(),
            ));
        }
        let bytes = std::fs::read(&real).map_err(|e| (e.to_string(), stay))?;
        String::from_utf8(bytes).map_err(|_| {
            (
                format!("`{written}` is not UTF-8 text"),
                "save the file as UTF-8".to_string(),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_project_are_refused() {
        let project = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.md"), "secret").unwrap();
        std::fs::create_dir(project.path().join("specs")).unwrap();
        std::fs::write(project.path().join("specs/notes.md"), "**ok**").unwrap();
        let includes = Includes::new(&project.path().join("specs"), project.path());
        assert_eq!(includes.read("notes.md").unwrap(), "**ok**");
        assert!(includes
            .read("../specs/notes.md")
            .unwrap_err()
            .0
            .contains(".."));
        let abs = outside.path().join("secret.md");
        assert!(includes
            .read(abs.to_str().unwrap())
            .unwrap_err()
            .0
            .contains("absolute"));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&abs, project.path().join("specs/link.md")).unwrap();
            assert!(includes.read("link.md").unwrap_err().0.contains("outside"));
        }
        assert!(includes
            .read("missing.md")
            .unwrap_err()
            .0
            .contains("cannot read"));
    }
}

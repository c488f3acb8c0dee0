//! `cargo run -p book -- pdf [--dest FILE]`: the whole book as one PDF.
//!
//! mdBook's print page (`print.html`, every chapter on one page, with its
//! print style sheet) printed by headless Chromium. Chromium's
//! `--print-to-pdf` prints after the page's load event, which waits for the
//! style sheets, the fonts they use (the math fonts) and the pictures: with
//! every font and picture delayed by three seconds, it printed the same bytes
//! as with none delayed. Chromium is not a dependency of the book: without
//! it this command says what to install, and nothing else needs it.

use std::ffi::{OsStr, OsString};
use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// The default place for the PDF: `target/book.pdf` in the workspace.
#[must_use]
pub fn default_dest(root: &Path) -> PathBuf {
    root.join("target").join("book.pdf")
}

/// The environment variable that names the browser to print with.
pub const BROWSER_VARIABLE: &str = "CHROMIUM";

/// The browser's names looked for on `PATH`, in this order.
const BROWSER_NAMES: [&str; 5] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
];

/// Where macOS keeps the browsers, which are not on `PATH` there.
const BROWSER_PATHS: [&str; 2] = [
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
];

/// How long printing may take (it takes a few seconds) before Chromium is
/// stopped.
const PRINT_TIMEOUT: Duration = Duration::from_secs(300);

/// Build the book found in `root/book` and print it, every chapter, into
/// the PDF file `dest`.
///
/// Looks for Chromium first (see [`find_browser`]), so that a machine
/// without it hears so at once. The book is built into
/// `target/book-print/`, a folder of its own, so a book being served from
/// `target/book/` is left alone. A failed print leaves an earlier `dest`
/// in place.
pub fn pdf(root: &Path, dest: &Path) -> Result<()> {
    let browser = find_browser(
        std::env::var_os(BROWSER_VARIABLE).as_deref(),
        std::env::var_os("PATH").as_deref(),
        &BROWSER_PATHS.map(Path::new),
    )
    .map_err(anyhow::Error::msg)?;
    let site = root.join("target").join("book-print");
    crate::build(root, &site)?;
    let page = site.join("print.html");
    if !page.is_file() {
        bail!(
            "the build has no {}: the PDF is printed from mdBook's print page; \
             keep `enable = true` in [output.html.print] of book/book.toml",
            page.display()
        );
    }
    print(&browser, &page, dest)
}

/// The browser to print with: the one `CHROMIUM` names if it is set (which
/// must exist), else the first of Chromium's and Chrome's usual names on
/// `path`, else the first of `fixed` that exists. The error says what was
/// looked for and what to install.
pub fn find_browser(
    chosen: Option<&OsStr>,
    path: Option<&OsStr>,
    fixed: &[&Path],
) -> Result<PathBuf, String> {
    if let Some(chosen) = chosen.filter(|chosen| !chosen.is_empty()) {
        let chosen = Path::new(chosen);
        if chosen.components().count() == 1 {
            if let Some(found) = on_path(chosen.as_os_str(), path) {
                return Ok(found);
            }
        } else if chosen.is_file() {
            return Ok(chosen.to_path_buf());
        }
        return Err(format!(
            "{BROWSER_VARIABLE}={} names no program: set it to Chromium or Chrome, \
             or unset it to look for `chromium` on PATH",
            chosen.display()
        ));
    }
    let found = BROWSER_NAMES
        .iter()
        .find_map(|name| on_path(OsStr::new(name), path))
        .or_else(|| {
            fixed
                .iter()
                .find(|file| file.is_file())
                .map(|file| file.to_path_buf())
        });
    found.ok_or_else(|| {
        let names = BROWSER_NAMES.map(|name| format!("`{name}`")).join(", ");
        let fixed = fixed
            .iter()
            .map(|file| file.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            "the PDF is printed by headless Chromium, and none was found \
             (looked for {names} on PATH, and for {fixed}).\n\
             Install Chromium (on Debian, the package `chromium`: `sudo apt-get install chromium`), \
             or set {BROWSER_VARIABLE}=/path/to/chromium for one installed elsewhere"
        )
    })
}

fn on_path(name: &OsStr, path: Option<&OsStr>) -> Option<PathBuf> {
    std::env::split_paths(path?)
        .filter(|dir| !dir.as_os_str().is_empty())
        .map(|dir| dir.join(name))
        .find(|file| file.is_file())
}

/// The arguments that print `page` into `pdf`, with a fresh profile in
/// `profile`.
///
/// `--no-sandbox` lets Chromium run as root (in a container, in CI); the
/// page is the book's own, from the disk, with the background networking
/// off. `--print-to-pdf-no-header` is what Chromium before version 111
/// called `--no-pdf-header-footer` (each ignores the other): no date, title
/// or file name printed around the pages.
#[must_use]
pub fn browser_args(page: &Path, pdf: &Path, profile: &Path) -> Vec<OsString> {
    let mut args: Vec<OsString> = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-pdf-header-footer",
        "--print-to-pdf-no-header",
    ]
    .map(OsString::from)
    .into();
    args.push(flag("--user-data-dir=", profile));
    args.push(flag("--print-to-pdf=", pdf));
    args.push(file_url(page).into());
    args
}

fn flag(name: &str, value: &Path) -> OsString {
    let mut flag = OsString::from(name);
    flag.push(value);
    flag
}

/// The `file://` URL of the absolute path `path`, with every byte outside
/// a path's plain characters percent-encoded (a space, `#`, `%`, `?`, ...).
#[must_use]
pub fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            url.push(char::from(byte));
        } else {
            let _ = write!(url, "%{byte:02X}");
        }
    }
    url
}

/// The number of pages of a PDF as Chromium writes it (each page a
/// `/Type /Page` object, uncompressed).
#[must_use]
pub fn page_count(pdf: &[u8]) -> usize {
    let key = b"/Type /Page";
    pdf.windows(key.len() + 1)
        .filter(|window| window.starts_with(key) && !window[key.len()].is_ascii_alphanumeric())
        .count()
}

fn print(browser: &Path, page: &Path, dest: &Path) -> Result<()> {
    let dest =
        std::path::absolute(dest).with_context(|| format!("the destination {}", dest.display()))?;
    let name = dest
        .file_name()
        .context("the destination must name a file")?
        .to_string_lossy()
        .into_owned();
    let folder = dest.parent().context("the destination must name a file")?;
    std::fs::create_dir_all(folder).with_context(|| format!("creating {}", folder.display()))?;
    let printing = folder.join(format!(".{name}.printing"));
    let profile = std::env::temp_dir().join(format!("book-pdf-profile-{}", std::process::id()));
    let _ = std::fs::remove_file(&printing);
    let _ = std::fs::remove_dir_all(&profile);

    let started = Instant::now();
    let printed = run_browser(browser, &browser_args(page, &printing, &profile));
    let _ = std::fs::remove_dir_all(&profile);
    let written = printed.and_then(|()| {
        let bytes = std::fs::read(&printing).with_context(|| {
            format!(
                "{} said it printed, but wrote no {}",
                browser.display(),
                printing.display()
            )
        })?;
        if !bytes.starts_with(b"%PDF-") {
            bail!(
                "{} wrote {}, which is not a PDF",
                browser.display(),
                printing.display()
            );
        }
        Ok(bytes)
    });
    let bytes = match written {
        Ok(bytes) => bytes,
        Err(error) => {
            let _ = std::fs::remove_file(&printing);
            return Err(error);
        }
    };
    std::fs::rename(&printing, &dest)
        .with_context(|| format!("moving the PDF to {}", dest.display()))?;
    let pages = match page_count(&bytes) {
        0 => String::new(), // a PDF written in another way: not counted
        pages => format!("{pages} pages, "),
    };
    println!(
        "The book is in {}: {pages}{:.1} MB, printed by {} in {:.1} s.",
        dest.display(),
        bytes.len() as f64 / 1e6,
        browser.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Run the browser, stopping it after [`PRINT_TIMEOUT`]; its messages are
/// shown only when it fails (it logs harmless errors about D-Bus and the
/// GPU on every run).
fn run_browser(browser: &Path, args: &[OsString]) -> Result<()> {
    let mut child = Command::new(browser)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("starting {}", browser.display()))?;
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let said = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = stderr.read_to_end(&mut text);
        String::from_utf8_lossy(&text).into_owned()
    });
    let deadline = Instant::now() + PRINT_TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let said = said.join().unwrap_or_default();
    let last_lines = || {
        let lines: Vec<&str> = said.lines().collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    };
    match status {
        Some(status) if status.success() => Ok(()),
        Some(status) => bail!("{} failed ({status}):\n{}", browser.display(), last_lines()),
        None => bail!(
            "{} did not finish printing within {} s, and was stopped:\n{}",
            browser.display(),
            PRINT_TIMEOUT.as_secs(),
            last_lines()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn program(dir: &Path, name: &str) -> PathBuf {
        let file = dir.join(name);
        std::fs::write(&file, "").unwrap();
        file
    }

    #[test]
    fn without_a_browser_the_message_names_the_package_and_what_was_looked_for() {
        let empty = tempfile::tempdir().unwrap();
        let missing = empty.path().join("Chromium.app");
        let error = find_browser(None, Some(empty.path().as_os_str()), &[&missing]).unwrap_err();
        for wanted in [
            "apt-get install chromium",
            "`chromium`",
            "`google-chrome`",
            "on PATH",
            &missing.display().to_string(),
            "CHROMIUM=",
        ] {
            assert!(error.contains(wanted), "{wanted:?} is not in: {error}");
        }
        assert!(
            find_browser(None, None, &[])
                .unwrap_err()
                .contains("apt-get install chromium")
        );
    }

    #[test]
    fn the_browser_is_found_on_path_in_the_order_of_its_names() {
        let first = tempfile::tempdir().unwrap();
        let second = tempfile::tempdir().unwrap();
        let chrome = program(first.path(), "google-chrome");
        let chromium = program(second.path(), "chromium");
        let path = std::env::join_paths([first.path(), second.path()]).unwrap();
        assert_eq!(find_browser(None, Some(&path), &[]), Ok(chromium.clone()));
        let fixed = program(first.path(), "Chrome");
        let only_chrome = std::env::join_paths([first.path()]).unwrap();
        assert_eq!(
            find_browser(None, Some(&only_chrome), &[&fixed]),
            Ok(chrome)
        );
        assert_eq!(find_browser(None, None, &[&fixed]), Ok(fixed));
    }

    #[test]
    fn chromium_set_in_the_environment_is_taken_and_must_exist() {
        let dir = tempfile::tempdir().unwrap();
        let mine = program(dir.path(), "my-browser");
        let path = std::env::join_paths([dir.path()]).unwrap();
        let other = program(dir.path(), "chromium");
        assert_eq!(
            find_browser(Some(mine.as_os_str()), Some(&path), &[]),
            Ok(mine)
        );
        assert_eq!(
            find_browser(Some(OsStr::new("my-browser")), Some(&path), &[]),
            Ok(dir.path().join("my-browser"))
        );
        let error =
            find_browser(Some(OsStr::new("/no/such/browser")), Some(&path), &[]).unwrap_err();
        assert!(
            error.contains("CHROMIUM=/no/such/browser names no program"),
            "{error}"
        );
        // Set but empty counts as not set.
        assert_eq!(
            find_browser(Some(OsStr::new("")), Some(&path), &[]),
            Ok(other)
        );
    }

    #[test]
    fn the_page_url_is_percent_encoded() {
        assert_eq!(
            file_url(Path::new("/home/a b/#1/book%/print.html")),
            "file:///home/a%20b/%231/book%25/print.html"
        );
        assert_eq!(file_url(Path::new("/tmp/é")), "file:///tmp/%C3%A9");
    }

    #[test]
    fn the_browser_prints_the_page_into_the_file_without_headers() {
        let args = browser_args(
            Path::new("/b/print.html"),
            Path::new("/t/x.pdf"),
            Path::new("/p"),
        );
        let args: Vec<String> = args
            .iter()
            .map(|arg| arg.to_string_lossy().into_owned())
            .collect();
        for wanted in [
            "--headless",
            "--no-pdf-header-footer",
            "--print-to-pdf=/t/x.pdf",
            "--user-data-dir=/p",
        ] {
            assert!(
                args.iter().any(|arg| arg == wanted),
                "{wanted} is not in {args:?}"
            );
        }
        assert_eq!(
            args.last().map(String::as_str),
            Some("file:///b/print.html")
        );
    }

    #[test]
    fn pages_are_counted_and_the_page_tree_is_not() {
        let pdf = b"%PDF-1.4\n1 0 obj\n<</Type /Pages /Count 2>>\n2 0 obj\n<</Type /Page\n/Parent 1 0 R>>\n3 0 obj <</Type /Page/Parent 1 0 R>>";
        assert_eq!(page_count(pdf), 2);
        assert_eq!(page_count(b"%PDF-1.4"), 0);
    }
}

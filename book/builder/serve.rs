//! `cargo run -p book`: build the book, serve it on localhost, and rebuild
//! and reload the open page when a page or a chapter's code changes.
//!
//! A tiny HTTP server from the standard library is enough for one reader on
//! one machine. Live reload: every HTML page gets a short script that asks
//! `/__livereload` for the build number twice a second and reloads the page
//! when it changes.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime};

use anyhow::{Context, Result};

/// Build, then serve `dest` on `127.0.0.1:port` until stopped, rebuilding on changes.
pub fn serve(root: &Path, dest: &Path, port: u16) -> Result<()> {
    let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|error| {
        if error.kind() == std::io::ErrorKind::AddrInUse {
            anyhow::anyhow!(
                "port {port} is already in use (is the book already being served?); \
                 try another port: cargo run -p book -- --port {}",
                port.wrapping_add(1)
            )
        } else {
            anyhow::anyhow!("cannot listen on 127.0.0.1:{port}: {error}")
        }
    })?;
    let generation = Arc::new(AtomicU64::new(0));
    // Taken before the first build, so that an edit made while it runs (or
    // before the watcher's thread gets going) still triggers a rebuild.
    let sources = fingerprint(root);
    rebuild(root, dest, &generation);
    println!("Serving the book at http://127.0.0.1:{port}/  (Ctrl-C to stop)");
    println!(
        "Edit a page in book/src or a chapter's code: the open page reloads when the book is rebuilt."
    );

    let watched_root = root.to_path_buf();
    let watched_dest = dest.to_path_buf();
    let watched_generation = Arc::clone(&generation);
    std::thread::spawn(move || {
        watch(&watched_root, sources, || {
            rebuild(&watched_root, &watched_dest, &watched_generation);
            true
        });
    });

    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let dest = dest.to_path_buf();
        let generation = Arc::clone(&generation);
        std::thread::spawn(move || {
            let _ = respond(stream, &dest, &generation);
        });
    }
    Ok(())
}

fn rebuild(root: &Path, dest: &Path, generation: &AtomicU64) {
    let started = Instant::now();
    match crate::build(root, dest) {
        Ok(()) => {
            generation.fetch_add(1, Ordering::SeqCst);
            eprintln!("book: built in {} ms", started.elapsed().as_millis());
        }
        Err(error) => {
            eprintln!("book: the build failed, still serving the last good build:\n{error:#}");
        }
    }
}

/// Poll the sources' modification times every quarter of a second and call
/// `rebuild` when they differ from `last`, until `rebuild` returns false.
///
/// The fingerprint is taken before each rebuild: a file saved while the book
/// is being rebuilt differs from it afterwards and triggers one more rebuild,
/// so the last edit is never lost.
fn watch(root: &Path, mut last: Fingerprint, mut rebuild: impl FnMut() -> bool) {
    loop {
        std::thread::sleep(Duration::from_millis(250));
        let now = fingerprint(root);
        if now != last {
            last = now;
            if !rebuild() {
                return;
            }
        }
    }
}

/// Every watched file with its modification time and size.
pub type Fingerprint = Vec<(PathBuf, SystemTime, u64)>;

/// The [`Fingerprint`] of the files the book is built from: its pages and
/// theme, every chapter's code and examples, and the files the pages read by
/// name ([`crate::sources`] says which). An exercise, a test or anything
/// `cargo test` leaves behind is not watched: saving one rebuilds nothing.
#[must_use]
pub fn fingerprint(root: &Path) -> Fingerprint {
    let mut files = Vec::new();
    for path in ["book/src", "book/theme", "chapters", "plots"]
        .into_iter()
        .chain(["book/book.toml", "Cargo.toml", "Cargo.lock"])
    {
        collect(root, Path::new(path), &mut files);
    }
    for path in crate::sources::named_inputs(root) {
        collect_file(&root.join(path), &mut files);
    }
    files.sort();
    files.dedup();
    files
}

/// Every file the book uses at or under `relative`, a path from `root`.
fn collect(root: &Path, relative: &Path, files: &mut Vec<(PathBuf, SystemTime, u64)>) {
    if !crate::sources::used_by_book(relative) {
        return;
    }
    let path = root.join(relative);
    if path.is_dir() {
        if let Ok(entries) = std::fs::read_dir(&path) {
            for entry in entries.flatten() {
                collect(root, &relative.join(entry.file_name()), files);
            }
        }
    } else {
        collect_file(&path, files);
    }
}

fn collect_file(path: &Path, files: &mut Vec<(PathBuf, SystemTime, u64)>) {
    let Ok(meta) = std::fs::metadata(path) else {
        return;
    };
    if meta.is_file() {
        let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
        files.push((path.to_path_buf(), modified, meta.len()));
    }
}

fn respond(stream: TcpStream, dest: &Path, generation: &AtomicU64) -> Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let mut parts = request.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let mut stream = stream;
    if method != "GET" && method != "HEAD" {
        return send(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"only GET and HEAD\n",
            method,
        );
    }
    let path = percent_decode(target.split(['?', '#']).next().unwrap_or("/"));
    if path == "/__livereload" {
        let body = generation.load(Ordering::SeqCst).to_string();
        return send(&mut stream, "200 OK", "text/plain", body.as_bytes(), method);
    }
    let Some(file) = resolve(dest, &path) else {
        let body = not_found(dest);
        return send(
            &mut stream,
            "404 Not Found",
            "text/html; charset=utf-8",
            body.as_bytes(),
            method,
        );
    };
    let mut body = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
    let content_type = content_type(&file);
    if content_type.starts_with("text/html") {
        body = inject_reload(&body, generation.load(Ordering::SeqCst));
    }
    send(&mut stream, "200 OK", content_type, &body, method)
}

/// The file under `dest` for a URL path, refusing anything outside it.
fn resolve(dest: &Path, url_path: &str) -> Option<PathBuf> {
    let relative = Path::new(url_path.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let mut file = dest.join(relative);
    if file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}

fn not_found(dest: &Path) -> String {
    let page = dest.join("404.html");
    std::fs::read_to_string(page).unwrap_or_else(|_| {
        "<!DOCTYPE html><title>Not found</title><p>Nothing here. If the book has not been built yet, \
         look at the terminal that runs <code>cargo run -p book</code>.</p>"
            .to_string()
    })
}

fn inject_reload(html: &[u8], generation: u64) -> Vec<u8> {
    let script = format!(
        "<script>(function(){{var built=\"{generation}\";function poll(){{\
         fetch('/__livereload',{{cache:'no-store'}}).then(function(r){{return r.text();}})\
         .then(function(now){{if(now!==built){{location.reload();}}else{{setTimeout(poll,500);}}}})\
         .catch(function(){{setTimeout(poll,2000);}});}}setTimeout(poll,500);}})();</script>"
    );
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{script}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{script}").into_bytes(),
    }
}

fn send(
    stream: &mut TcpStream,
    status: &str,
    content_type: &str,
    body: &[u8],
    method: &str,
) -> Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if method != "HEAD" {
        stream.write_all(body)?;
    }
    stream.flush()?;
    Ok(())
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(byte) = u8::from_str_radix(&text[i + 1..i + 3], 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_outside_the_book_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "x").unwrap();
        assert_eq!(
            resolve(dir.path(), "/"),
            Some(dir.path().join("index.html"))
        );
        assert_eq!(resolve(dir.path(), "/../etc/passwd"), None);
        assert_eq!(resolve(dir.path(), "/missing.html"), None);
    }

    #[test]
    fn a_port_in_use_is_an_error_that_names_it_and_what_to_try() {
        let taken = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = taken.local_addr().unwrap().port();
        let dir = tempfile::tempdir().unwrap();
        let error = serve(dir.path(), &dir.path().join("out"), port)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains(&format!("port {port} is already in use")),
            "{error}"
        );
        assert!(error.contains("--port"), "{error}");
    }

    /// Save a file, creating its folder, so that its fingerprint changes
    /// (give each save another length, in case the file system's clock is coarse).
    fn edit(file: &Path, text: &str) {
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }

    /// Run [`watch`] on a thread from `last`, calling `during` at the start of
    /// each rebuild, and count the rebuilds that happen within two seconds.
    fn rebuilds(
        root: &Path,
        last: Fingerprint,
        mut during: impl FnMut(usize) + Send + 'static,
    ) -> usize {
        let (sender, receiver) = std::sync::mpsc::channel();
        let root = root.to_path_buf();
        std::thread::spawn(move || {
            let mut count = 0;
            watch(&root, last, || {
                count += 1;
                during(count);
                sender.send(()).is_ok()
            });
        });
        let deadline = Instant::now() + Duration::from_secs(2);
        let mut count = 0;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            if receiver.recv_timeout(left).is_err() {
                break;
            }
            count += 1;
        }
        count
    }

    #[test]
    fn an_edit_before_the_watcher_starts_is_not_lost() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("book/src/page.md");
        edit(&page, "a");
        let before = fingerprint(dir.path());
        edit(&page, "ab"); // saved while the first build ran
        assert_eq!(rebuilds(dir.path(), before, |_| {}), 1);
    }

    #[test]
    fn an_edit_during_a_rebuild_triggers_another_rebuild() {
        let dir = tempfile::tempdir().unwrap();
        let code = dir.path().join("chapters/chapter-01/src/lib.rs");
        edit(&code, "a");
        let before = fingerprint(dir.path());
        edit(&code, "ab");
        let saved = code.clone();
        let count = rebuilds(dir.path(), before, move |rebuild| {
            if rebuild == 1 {
                edit(&saved, "abc"); // saved while this rebuild runs
            }
        });
        assert_eq!(count, 2, "the edit saved during the first rebuild was lost");
    }

    #[test]
    fn files_under_target_are_not_watched() {
        let dir = tempfile::tempdir().unwrap();
        let built = dir.path().join("chapters/chapter-01/target/out.txt");
        edit(&built, "a");
        let page = dir.path().join("book/src/page.md");
        edit(&page, "a");
        let files: Vec<PathBuf> = fingerprint(dir.path()).into_iter().map(|f| f.0).collect();
        assert_eq!(files, vec![page]);
    }

    #[test]
    fn saving_an_exercise_a_test_or_what_tests_leave_rebuilds_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let chapter = dir.path().join("chapters/chapter-03");
        let page = dir.path().join("book/src/chapter-03.md");
        edit(&page, "a");
        edit(&chapter.join("src/activation.rs"), "a");
        let unused = [
            "exercise/activation.rs",
            "exercise/activation.rs.saved-1",
            "tests/activation.rs",
            "tests/activation_properties.proptest-regressions",
            "benches/tanh.rs",
            "mutants.out/outcomes.json",
        ];
        for file in unused {
            edit(&chapter.join(file), "a");
        }
        let before = fingerprint(dir.path());
        let saved = chapter.clone();
        let edits = std::thread::spawn(move || {
            for (count, file) in unused.iter().enumerate() {
                std::thread::sleep(Duration::from_millis(100));
                edit(&saved.join(file), &"b".repeat(count + 2));
            }
        });
        assert_eq!(
            rebuilds(dir.path(), before.clone(), |_| {}),
            0,
            "an edit outside what the book uses rebuilt it"
        );
        edits.join().unwrap();
        assert_eq!(fingerprint(dir.path()), before);

        edit(&page, "ab");
        assert_eq!(rebuilds(dir.path(), before, |_| {}), 1, "a page edit");
        let before = fingerprint(dir.path());
        edit(&chapter.join("src/activation.rs"), "ab");
        assert_eq!(rebuilds(dir.path(), before, |_| {}), 1, "a code edit");
    }

    #[test]
    fn a_test_file_a_page_includes_and_an_exercise_info_are_watched() {
        let dir = tempfile::tempdir().unwrap();
        let included = dir.path().join("chapters/chapter-02/tests/dense.rs");
        let other = dir.path().join("chapters/chapter-02/tests/other.rs");
        let info = dir.path().join("chapters/chapter-02/exercise/info.toml");
        edit(
            &dir.path().join("book/src/chapter-02.md"),
            "```rust,ignore\n{{#include ../../chapters/chapter-02/tests/dense.rs:shown}}\n```\n",
        );
        for file in [&included, &other, &info] {
            edit(file, "a");
        }
        let before = fingerprint(dir.path());
        edit(&other, "ab");
        assert_eq!(fingerprint(dir.path()), before);
        edit(&included, "ab");
        assert_ne!(
            fingerprint(dir.path()),
            before,
            "an included test file is not watched"
        );
        let before = fingerprint(dir.path());
        edit(&info, "ab");
        assert_ne!(
            fingerprint(dir.path()),
            before,
            "the exercise's info.toml is not watched"
        );
    }

    #[test]
    fn percent_escapes_are_decoded() {
        assert_eq!(percent_decode("/a%20b.html"), "/a b.html");
        assert_eq!(percent_decode("/100%"), "/100%");
    }

    #[test]
    fn the_reload_script_goes_before_the_end_of_body() {
        let html = inject_reload(b"<html><body><p>x</p></body></html>", 7);
        let html = String::from_utf8(html).unwrap();
        assert!(html.contains("var built=\"7\""));
        assert!(html.ends_with("</script></body></html>"));
    }
}

//! The `vnie` command line: parse arguments, dispatch, map errors to exit codes
//! (0 success, 1 input or runtime error, 2 usage error).

use clap::{Parser, Subcommand};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use vnie::corpus::{Corpus, LoadOptions};
use vnie::export::{self, Format, Kind};
use vnie::model::FileFate;

#[derive(Parser, Debug)]
#[command(
    name = "vnie",
    version,
    about = "Vietnam Industry Explorer: browse provincial industrial-development plans"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Files or directories to open (the embedded corpus when none).
    paths: Vec<PathBuf>,
    /// Skip files larger than this many bytes (suffixes K, M, G, T allowed).
    #[arg(long, global = true, default_value = "64M", value_parser = parse_size)]
    max_file_size: u64,
    /// Keep the index of extracted files in DIR (default: $XDG_CACHE_HOME/vnie).
    #[arg(long, global = true, value_name = "DIR")]
    index: Option<PathBuf>,
    /// Read and extract every file, with no index read or written.
    #[arg(long, global = true, conflicts_with = "index")]
    no_index: bool,
}

impl Cli {
    fn load_options(&self) -> LoadOptions {
        LoadOptions {
            max_file_size: self.max_file_size,
            index: self.index_dir(),
        }
    }

    fn index_dir(&self) -> Option<PathBuf> {
        if self.no_index {
            return None;
        }
        self.index.clone().or_else(vnie::index::default_dir)
    }
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Export the model as JSON, or one kind of entity as CSV or Markdown.
    Export {
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
        #[arg(long, value_enum)]
        kind: Option<Kind>,
        /// Write to FILE (atomically) instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Keep only rows matching this fuzzy filter (accents optional).
        #[arg(long)]
        filter: Option<String>,
        paths: Vec<PathBuf>,
    },
    /// Ranked fuzzy matches over all entities, one per line.
    Search {
        query: String,
        #[arg(long, value_enum)]
        kind: Option<Kind>,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        paths: Vec<PathBuf>,
    },
    /// List every file: loaded (with its encoding, and whether from the index) or
    /// skipped, and why.
    Check { paths: Vec<PathBuf> },
    /// The persistent index of extracted files.
    Index {
        #[command(subcommand)]
        action: IndexAction,
    },
}

#[derive(Subcommand, Debug)]
enum IndexAction {
    /// Remove the entries of files that no longer exist, and packs left empty.
    Prune,
    /// Print the index directory.
    Path,
}

/// `64M`, `2G`, `1500`: bytes, with a binary suffix K, M, G or T.
fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (num, mult): (&str, u64) = match s.chars().last().map(|c| c.to_ascii_uppercase()) {
        Some('K') => (&s[..s.len() - 1], 1 << 10),
        Some('M') => (&s[..s.len() - 1], 1 << 20),
        Some('G') => (&s[..s.len() - 1], 1 << 30),
        Some('T') => (&s[..s.len() - 1], 1 << 40),
        _ => (s, 1),
    };
    let num = num.trim();
    let too_large = || format!("too large: {s} (the most is {} bytes)", u64::MAX);
    let n = num.parse::<u64>().map_err(|_| {
        if !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) {
            too_large()
        } else {
            format!("not a size: {s} (bytes, or a number with K, M, G or T)")
        }
    })?;
    n.checked_mul(mult).ok_or_else(too_large)
}

fn load(paths: &[PathBuf], opts: LoadOptions) -> Corpus {
    if paths.is_empty() {
        return Corpus::embedded();
    }
    let corpus = vnie::corpus::load_paths(paths, opts);
    if let Some(notice) = corpus.index.as_ref().and_then(|r| r.notice.as_deref()) {
        eprintln!("vnie: {notice}");
    }
    corpus
}

/// The command is done with the corpus and the process is about to end: its millions of
/// allocations are left to the system to reclaim at once rather than freed one by one
/// (a second at 10^5 articles).
fn exit_leaving(corpus: Corpus) {
    std::mem::forget(corpus);
}

/// Paths were given and not one document came of them: an error, not an empty result.
fn nothing_loaded(corpus: &Corpus, paths: &[PathBuf]) -> vnie::Result<()> {
    if corpus.documents.is_empty() && !paths.is_empty() {
        return Err(vnie::Error::NothingLoaded(
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ));
    }
    Ok(())
}

fn report_skipped(c: &Corpus) {
    for f in c.skipped() {
        let reason = match &f.fate {
            FileFate::Skipped { reason } | FileFate::Failed { reason } => reason.as_str(),
            FileFate::Loaded { .. } => continue,
        };
        eprintln!("vnie: skipped {}: {}", vnie::sanitize_line(&f.path), reason);
    }
}

/// Run `write` on buffered standard output. A closed pipe (`| head`) ends the
/// output quietly; any other write error is the command's error.
fn to_stdout(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> vnie::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(vnie::Error::Stdout(e)),
        _ => Ok(()),
    }
}

fn run(cli: Cli) -> vnie::Result<ExitCode> {
    let opts = cli.load_options();
    let index_dir = cli.index_dir();
    match cli.command {
        None => {
            if cli.paths.is_empty() {
                vnie::tui::run(Corpus::embedded())?;
            } else {
                // Nothing to open at all: said here, not in an empty explorer.
                if let Some(missing) = cli.paths.iter().find(|p| std::fs::metadata(p).is_err()) {
                    if cli.paths.iter().all(|p| std::fs::metadata(p).is_err()) {
                        return Err(vnie::Error::NotFound(missing.display().to_string()));
                    }
                }
                // Loaded behind the explorer's first frame, with a progress line.
                let opts = cli.load_options();
                vnie::tui::run_paths(cli.paths, opts)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Export {
            format,
            kind,
            output,
            filter,
            paths,
        }) => {
            let corpus = load(&paths, opts.clone());
            report_skipped(&corpus);
            nothing_loaded(&corpus, &paths)?;
            // Written entity by entity: the output is never held in memory.
            let write = |w: &mut dyn std::io::Write| {
                export::write_export(&corpus, format, kind, filter.as_deref(), w)
            };
            match output {
                Some(path) => {
                    vnie::export::check_not_input(&path, &corpus)?;
                    export::remove_temporaries_on_signals();
                    export::write_to(&path, write).map_err(|source| vnie::Error::Write {
                        path: path.clone(),
                        source,
                    })?;
                }
                None => to_stdout(write)?,
            }
            exit_leaving(corpus);
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Search {
            query,
            kind,
            limit,
            paths,
        }) => {
            let corpus = load(&paths, opts.clone());
            report_skipped(&corpus);
            nothing_loaded(&corpus, &paths)?;
            let hits = vnie::entities::search(&corpus, &query, kind, limit);
            // As grep does: no match is exit 1, with a word on stderr.
            if hits.is_empty() && limit > 0 {
                eprintln!("vnie: no match for {}", vnie::sanitize_line(&query));
                return Ok(ExitCode::from(1));
            }
            to_stdout(|out| {
                for hit in hits {
                    let label = vnie::sanitize_line(&hit.label);
                    writeln!(out, "{}\t{}\t{label}", hit.kind_name(), hit.id)?;
                }
                Ok(())
            })?;
            exit_leaving(corpus);
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Check { paths }) => {
            let corpus = load(&paths, opts.clone());
            let failed = corpus
                .files
                .iter()
                .any(|f| matches!(f.fate, FileFate::Failed { .. }));
            to_stdout(|out| {
                if paths.is_empty() {
                    for d in &corpus.documents {
                        writeln!(out, "loaded\t{}\tutf-8", vnie::sanitize_line(&d.source))?;
                    }
                }
                for f in &corpus.files {
                    let path = vnie::sanitize_line(&f.path);
                    match &f.fate {
                        FileFate::Loaded { encoding, .. } => {
                            let from = if f.from_index { "; from index" } else { "" };
                            let unread = if f.unread {
                                "; text only: extraction stopped on it"
                            } else {
                                ""
                            };
                            writeln!(out, "loaded\t{path}\t{encoding}{from}{unread}")?
                        }
                        FileFate::Skipped { reason } => writeln!(out, "skipped\t{path}\t{reason}")?,
                        FileFate::Failed { reason } => writeln!(out, "failed\t{path}\t{reason}")?,
                    }
                }
                writeln!(
                    out,
                    "{} loaded, {} skipped; {} figures, {} legal references",
                    corpus.documents.len(),
                    corpus.skipped().count(),
                    corpus.figures.len(),
                    corpus.legal.len()
                )
            })?;
            exit_leaving(corpus);
            Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Some(Command::Index { action }) => {
            let dir = index_dir.ok_or(vnie::Error::NoIndexDir)?;
            match action {
                IndexAction::Path => {
                    println!("{}", vnie::sanitize_line(&dir.display().to_string()))
                }
                IndexAction::Prune => {
                    let (packs, entries) =
                        vnie::index::prune(&dir).map_err(|source| vnie::Error::Write {
                            path: dir.clone(),
                            source,
                        })?;
                    println!("removed {entries} entries of missing files and {packs} packs");
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            // Messages name paths, and a path may hold anything a file name can.
            eprintln!("vnie: {}", vnie::sanitize_line(&e.to_string()));
            ExitCode::from(1)
        }
    }
}

//! The `vnie` command line: parse arguments, dispatch, map errors to exit codes
//! (0 success, 1 input or runtime error, 2 usage error).

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use vnie::corpus::{Corpus, LoadOptions};
use vnie::export::{self, Format, Kind};
use vnie::model::FileFate;

#[derive(Parser, Debug)]
#[command(
    name = "vnie",
    version,
    args_conflicts_with_subcommands = true,
    about = "Vietnam Industry Explorer: browse provincial industrial-development plans"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Files or directories to open (the embedded corpus when none).
    paths: Vec<PathBuf>,
    /// Skip files larger than this many bytes (suffixes K, M, G allowed).
    #[arg(long, global = true, default_value = "64M", value_parser = parse_size)]
    max_file_size: u64,
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
    /// List every file: loaded (with its encoding) or skipped, and why.
    Check { paths: Vec<PathBuf> },
}

fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (num, mult) = match s.chars().last().map(|c| c.to_ascii_uppercase()) {
        Some('K') => (&s[..s.len() - 1], 1024),
        Some('M') => (&s[..s.len() - 1], 1024 * 1024),
        Some('G') => (&s[..s.len() - 1], 1024 * 1024 * 1024),
        _ => (s, 1),
    };
    num.trim()
        .parse::<u64>()
        .map(|n| n.saturating_mul(mult))
        .map_err(|_| format!("not a size: {s}"))
}

fn load(paths: &[PathBuf], max_file_size: u64) -> Corpus {
    if paths.is_empty() {
        Corpus::embedded()
    } else {
        vnie::corpus::load_paths(paths, LoadOptions { max_file_size })
    }
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

fn run(cli: Cli) -> vnie::Result<ExitCode> {
    match cli.command {
        None => {
            if cli.paths.is_empty() {
                vnie::tui::run(Corpus::embedded())?;
            } else {
                // Loaded behind the explorer's first frame, with a progress line.
                let opts = LoadOptions {
                    max_file_size: cli.max_file_size,
                };
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
            let corpus = load(&paths, cli.max_file_size);
            report_skipped(&corpus);
            if corpus.documents.is_empty() && !paths.is_empty() {
                return Err(vnie::Error::NothingLoaded(
                    paths
                        .iter()
                        .map(|p| p.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", "),
                ));
            }
            // Written entity by entity: the output is never held in memory.
            let write = |w: &mut dyn std::io::Write| {
                export::write_export(&corpus, format, kind, filter.as_deref(), w)
            };
            match output {
                Some(path) => {
                    vnie::export::check_not_input(&path, &corpus)?;
                    export::write_atomic_with(&path, write).map_err(|source| {
                        vnie::Error::Write {
                            path: path.clone(),
                            source,
                        }
                    })?;
                }
                None => {
                    use std::io::Write;
                    let mut out =
                        std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
                    // A closed pipe (`| head`) is not an error worth a message.
                    let _ = write(&mut out).and_then(|()| out.flush());
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Search {
            query,
            kind,
            limit,
            paths,
        }) => {
            let corpus = load(&paths, cli.max_file_size);
            report_skipped(&corpus);
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            for hit in vnie::entities::search(&corpus, &query, kind, limit) {
                let _ = writeln!(
                    out,
                    "{}\t{}\t{}",
                    hit.kind_name(),
                    hit.id,
                    vnie::sanitize_line(&hit.label)
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Check { paths }) => {
            let corpus = load(&paths, cli.max_file_size);
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            let mut failed = false;
            if paths.is_empty() {
                for d in &corpus.documents {
                    let _ = writeln!(out, "loaded\t{}\tutf-8", d.source);
                }
            }
            for f in &corpus.files {
                let path = vnie::sanitize_line(&f.path);
                let _ = match &f.fate {
                    FileFate::Loaded { encoding, .. } => {
                        writeln!(out, "loaded\t{path}\t{encoding}")
                    }
                    FileFate::Skipped { reason } => writeln!(out, "skipped\t{path}\t{reason}"),
                    FileFate::Failed { reason } => {
                        failed = true;
                        writeln!(out, "failed\t{path}\t{reason}")
                    }
                };
            }
            let loaded = corpus.documents.len();
            let skipped = corpus.skipped().count();
            let _ = writeln!(
                out,
                "{loaded} loaded, {skipped} skipped; {} figures, {} legal references",
                corpus.figures.len(),
                corpus.legal.len()
            );
            Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
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
            eprintln!("vnie: {e}");
            ExitCode::from(1)
        }
    }
}

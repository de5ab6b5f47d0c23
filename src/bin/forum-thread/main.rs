//! The `forum-thread` command: parses saved forum thread pages and dumps of them into JSON.
//!
//! ```text
//! forum-thread parse [OPTIONS] [FILE | -]        one page, as pretty JSON
//! forum-thread dump [OPTIONS] [INPUT]...         dumps, as JSON Lines (threads, posts or pages)
//! forum-thread stitch [OPTIONS] [FILE | -]...    page records (`dump --pages`) into threads
//! forum-thread detect [OPTIONS] [FILE | -]...    which forum software made a page, and why
//! forum-thread schema                            the JSON Schema of every record written
//! ```
//!
//! Exit status: 0 when every input was read (a page that is not a thread is an error record
//! in `dump`, not a failure), 1 when some input could not be read or, for `parse`, parsed
//! (what could be read is written first, with error records for the rest), 2 for usage
//! errors. A reader of the output that stops early (`| head`) ends the command quietly,
//! with 0. Built with the `cli` feature: `cargo install forum-thread --features cli`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod detect;
mod dump;
mod parse;
mod shared;
mod stitch;

use shared::{Failure, INPUT_FAILED, Status};

/// Parses saved web-forum thread pages (SMF, phpBB, vBulletin, XenForo, Invision, Discourse,
/// ...) and dumps of them into one JSON model.
#[derive(Parser, Debug)]
#[command(name = "forum-thread", version, propagate_version = true)]
#[command(after_help = "Exit status: 0 when every input was read, 1 when some input failed \
                        (its error records are still written), 2 for usage errors.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Parses one thread page and prints it as pretty JSON.
    Parse(parse::Args),
    /// Reads dumps of pages (directories, concatenated, gzip, zstd, WARC, JSON Lines) and
    /// writes one thread (its pages stitched), post or page per line.
    Dump(dump::Args),
    /// Stitches page records (`dump --pages`, in any order, threads interleaved) into threads:
    /// the reduce step of a map-reduce job.
    Stitch(stitch::Args),
    /// Says which forum software made a page, and which of each engine's markers matched.
    Detect(detect::Args),
    /// Prints the JSON Schema of the records written (thread, page, post, error, totals).
    Schema,
}

/// Prints [`forum_thread::JSON_SCHEMA`].
fn schema() -> Result<Status, Failure> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(forum_thread::JSON_SCHEMA.as_bytes())?;
    out.flush()?;
    Ok(Status::Read)
}

/// The exit status of usage errors.
const USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // `--help` and `--version` go to standard output with 0, usage errors to standard
            // error with 2; a closed pipe is no reason to say more.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(USAGE));
        }
    };
    let result = match &cli.command {
        Command::Parse(args) => parse::run(args),
        Command::Dump(args) => dump::run(args),
        Command::Stitch(args) => stitch::run(args),
        Command::Detect(args) => detect::run(args),
        Command::Schema => schema(),
    };
    match result {
        Ok(Status::Read) => ExitCode::SUCCESS,
        Ok(Status::InputFailed) => ExitCode::from(INPUT_FAILED),
        // The reader of the output has gone (`| head`): nothing more to say to anyone.
        Err(Failure::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Io(e)) => {
            eprintln!("forum-thread: {e}");
            ExitCode::from(INPUT_FAILED)
        }
        Err(Failure::Usage(message)) => {
            eprintln!("forum-thread: {message} (see forum-thread --help)");
            ExitCode::from(USAGE)
        }
    }
}

//! The terminal explorer.

use crate::corpus::Corpus;

pub fn run(corpus: Corpus) -> crate::Result<()> {
    println!("{} documents, {} figures", corpus.documents.len(), corpus.figures.len());
    Ok(())
}

//! # hearth-input
//!
//! The input side of hearth: telling the kinds of document apart ([`kind`]), the resource
//! limits on what one run reads ([`limits`]), and locating a JSON Pointer in the text it
//! came from ([`locate`]).
//!
//! Pure, like every hearth library crate: no file, network, environment or clock access.
//! The caller reads the bytes; this crate turns them into documents.

#![deny(missing_docs)]
// No panics on input: library code may not unwrap, expect or index (tests may).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

pub mod kind;
pub mod limits;
pub mod locate;

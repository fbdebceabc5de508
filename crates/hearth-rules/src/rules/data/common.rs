//! What the data-integrity rules share: every record of a case file that has an id, and
//! every reference from one record to another (or to the staff roster, or to the
//! catalog), each with its path. The walks live beside the model types
//! ([`hearth_model::walk`]), whose tests derive every id field from the model's JSON
//! Schema, so a field added to the model cannot be silently left unchecked here.

pub(crate) use hearth_model::walk::{
    records, references, CatalogKind, FieldPath as SegPath, RecordKind as Kind, Target,
};

use crate::path::Pointer;

/// The JSON Pointer of a walked field.
pub(crate) fn pointer(path: &SegPath) -> Pointer {
    Pointer::from_field_path(path)
}

/// The pointer of the `n`th reference of `located` (the root if there is none, which
/// the walks' agreement on order rules out).
pub(crate) fn reference_pointer(
    located: &[hearth_model::walk::Reference<'_>],
    n: usize,
) -> Pointer {
    located.get(n).map(|r| pointer(&r.path)).unwrap_or_default()
}

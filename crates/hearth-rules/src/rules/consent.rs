//! Rules of the consent area (`CONS…`): information shared only under a valid release.

use crate::rule::Rule;

mod share_without_release;

pub use share_without_release::ShareWithoutRelease;

/// The rules of this area, in code order.
pub(crate) static RULES: &[&dyn Rule] = &[&ShareWithoutRelease];

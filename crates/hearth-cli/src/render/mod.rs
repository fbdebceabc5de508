//! The output formats of `hearth check`: each renders one [`hearth::batch::CheckReport`].

pub mod json;
pub mod text;

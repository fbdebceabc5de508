//! The one spelling of each enumerated value: serde's.
//!
//! Enumerated values are written in kebab-case in case files, policies and reports
//! (`"in-person"`, `"housing-supports"`). [`name`] reads that spelling from the type's
//! own `Serialize` implementation, so rules, messages and docs never write a second
//! copy of it by hand.

use std::fmt;

use serde::ser::{self, Impossible, Serialize};

/// The name serde gives `value`, a unit variant of an enum (`Stage::HousingSupports` →
/// `"housing-supports"`); `None` for anything else (a number, a struct, a variant with
/// data).
///
/// ```
/// use hearth_model::{name::name, ContactMode, Stage};
///
/// assert_eq!(name(&Stage::HousingSupports), Some("housing-supports"));
/// assert_eq!(name(&ContactMode::InPerson), Some("in-person"));
/// assert_eq!(name(&3), None);
/// ```
pub fn name<T: Serialize + ?Sized>(value: &T) -> Option<&'static str> {
    value.serialize(VariantName).ok()
}

/// Like [`name`], for a type known to be a plain enum: `""` if it is not (the name tests
/// of the crates that use it catch that).
pub fn name_or_empty<T: Serialize + ?Sized>(value: &T) -> &'static str {
    name(value).unwrap_or("")
}

/// A serializer that accepts only a unit variant and returns its name.
struct VariantName;

/// Not a unit variant.
#[derive(Debug)]
struct NotAVariant;

impl fmt::Display for NotAVariant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a unit variant")
    }
}

impl std::error::Error for NotAVariant {}

impl ser::Error for NotAVariant {
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        NotAVariant
    }
}

type Never = Impossible<&'static str, NotAVariant>;

macro_rules! refuse {
    ($($method:ident($($ty:ty),*);)*) => {$(
        fn $method(self, $(_: $ty),*) -> Result<&'static str, NotAVariant> {
            Err(NotAVariant)
        }
    )*};
}

impl ser::Serializer for VariantName {
    type Ok = &'static str;
    type Error = NotAVariant;
    type SerializeSeq = Never;
    type SerializeTuple = Never;
    type SerializeTupleStruct = Never;
    type SerializeTupleVariant = Never;
    type SerializeMap = Never;
    type SerializeStruct = Never;
    type SerializeStructVariant = Never;

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<&'static str, NotAVariant> {
        Ok(variant)
    }

    refuse! {
        serialize_bool(bool);
        serialize_i8(i8);
        serialize_i16(i16);
        serialize_i32(i32);
        serialize_i64(i64);
        serialize_u8(u8);
        serialize_u16(u16);
        serialize_u32(u32);
        serialize_u64(u64);
        serialize_f32(f32);
        serialize_f64(f64);
        serialize_char(char);
        serialize_str(&str);
        serialize_bytes(&[u8]);
        serialize_none();
        serialize_unit();
        serialize_unit_struct(&'static str);
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<&'static str, NotAVariant> {
        Err(NotAVariant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<&'static str, NotAVariant> {
        Err(NotAVariant)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<&'static str, NotAVariant> {
        Err(NotAVariant)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Never, NotAVariant> {
        Err(NotAVariant)
    }

    fn serialize_tuple(self, _: usize) -> Result<Never, NotAVariant> {
        Err(NotAVariant)
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Never, NotAVariant> {
        Err(NotAVariant)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Never, NotAVariant> {
        Err(NotAVariant)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Never, NotAVariant> {
        Err(NotAVariant)
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Never, NotAVariant> {
        Err(NotAVariant)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Never, NotAVariant> {
        Err(NotAVariant)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{EncounterKind, Stage, TerminationReason};

    #[test]
    fn names_are_serdes_and_only_unit_variants_have_one() {
        for value in [Stage::HousingSupports, Stage::RebuiltReframed] {
            let json = serde_json::to_value(value).unwrap();
            assert_eq!(name(&value), json.as_str());
        }
        assert_eq!(name(&EncounterKind::FollowUp), Some("follow-up"));
        assert_eq!(
            name(&TerminationReason::RefusalToWorkOnGoals),
            Some("refusal-to-work-on-goals")
        );
        assert_eq!(name("text"), None);
        assert_eq!(name(&Some(Stage::SelfAwareness)), None);
        assert_eq!(name_or_empty(&1u8), "");
    }
}

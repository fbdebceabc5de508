//! Personal and free-text values, kept out of every output.
//!
//! A [`Personal`] value holds data about a person (a name, a birth date, an address) or
//! free text written about them (a case note, a goal in the participant's own words).
//! hearth reads such values only to check that they are present; it never prints them.
//! The wrapper makes that hard to get wrong: its `Debug` output is redacted and it has
//! no `Display`, so a value cannot slip into a message by accident. The generated JSON
//! Schema marks these fields with `"x-personal": true` so integrators can see which
//! fields carry personal data.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};

/// A value about a person, or free text about them, that must never be output.
///
/// ```
/// use hearth_model::Personal;
/// let name = Personal::new(String::from("Jordan Example"));
/// assert_eq!(format!("{name:?}"), "Personal(<redacted>)");
/// assert_eq!(name.expose(), "Jordan Example");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(transparent)]
pub struct Personal<T>(T);

/// Free text written by staff or the participant (notes, descriptions, the participant's
/// own words): treated exactly like personal data.
pub type FreeText = Personal<String>;

impl<T> Personal<T> {
    /// Wraps a personal value.
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// The value itself. Call this only to check or transform the value, never to
    /// print it into a report or log.
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// Unwraps the value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl Personal<String> {
    /// Whether the text is empty or only white space (a field present but saying
    /// nothing).
    pub fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl<T> fmt::Debug for Personal<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Personal(<redacted>)")
    }
}

impl<T> From<T> for Personal<T> {
    fn from(value: T) -> Self {
        Self(value)
    }
}

impl<T: JsonSchema> JsonSchema for Personal<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        Cow::Owned(format!("Personal_{}", T::schema_name()))
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let mut schema = generator.subschema_for::<T>();
        schema.insert("x-personal".to_owned(), serde_json::Value::Bool(true));
        schema
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted_and_serde_is_transparent() {
        let note = FreeText::new("said her sister may move in".to_owned());
        assert!(!format!("{note:?}").contains("sister"));
        assert_eq!(
            serde_json::to_string(&note).unwrap(),
            "\"said her sister may move in\""
        );
        assert!(FreeText::new("  ".to_owned()).is_blank());
        assert!(!note.is_blank());
    }

    #[test]
    fn schema_marks_personal_fields() {
        let schema = schemars::schema_for!(Personal<String>);
        assert_eq!(
            schema.get("x-personal"),
            Some(&serde_json::Value::Bool(true))
        );
        assert_eq!(schema.get("type"), Some(&serde_json::json!("string")));
    }
}

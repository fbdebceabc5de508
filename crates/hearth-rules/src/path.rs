//! JSON Pointers (RFC 6901) into the input documents.

/// A JSON Pointer being built, e.g. `/enrollments/0/encounters/22`.
///
/// Keys are escaped as RFC 6901 asks (`~` → `~0`, `/` → `~1`), so a pointer is exact
/// whatever the key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pointer(String);

impl Pointer {
    /// The pointer to the whole document (`""`).
    pub fn root() -> Pointer {
        Pointer(String::new())
    }

    /// This pointer followed by the object key `key`.
    pub fn key(&self, key: &str) -> Pointer {
        let mut s = String::with_capacity(self.0.len() + key.len() + 1);
        s.push_str(&self.0);
        s.push('/');
        for c in key.chars() {
            match c {
                '~' => s.push_str("~0"),
                '/' => s.push_str("~1"),
                c => s.push(c),
            }
        }
        Pointer(s)
    }

    /// This pointer followed by the array index `index`.
    pub fn index(&self, index: usize) -> Pointer {
        Pointer(format!("{}/{index}", self.0))
    }

    /// The pointer of a path walked in the model ([`hearth_model::walk`]).
    pub fn from_field_path(path: &hearth_model::walk::FieldPath) -> Pointer {
        Pointer(path.to_string())
    }

    /// The pointer as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The pointer as an owned string.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl std::fmt::Display for Pointer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Compares two JSON Pointers segment by segment, numeric segments as numbers, so
/// `/encounters/2` sorts before `/encounters/10`.
pub fn compare_pointers(a: &str, b: &str) -> std::cmp::Ordering {
    let mut left = a.split('/');
    let mut right = b.split('/');
    loop {
        match (left.next(), right.next()) {
            (None, None) => return std::cmp::Ordering::Equal,
            (None, Some(_)) => return std::cmp::Ordering::Less,
            (Some(_), None) => return std::cmp::Ordering::Greater,
            (Some(x), Some(y)) => {
                let order = match (x.parse::<u64>(), y.parse::<u64>()) {
                    (Ok(m), Ok(n)) => m.cmp(&n),
                    _ => x.cmp(y),
                };
                if order != std::cmp::Ordering::Equal {
                    return order;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_keys_and_orders_numerically() {
        assert_eq!(
            Pointer::root().key("a/b").key("c~d").index(3).as_str(),
            "/a~1b/c~0d/3"
        );
        assert_eq!(
            compare_pointers("/encounters/2", "/encounters/10"),
            std::cmp::Ordering::Less
        );
        assert_eq!(compare_pointers("/a", "/a/0"), std::cmp::Ordering::Less);
        assert_eq!(compare_pointers("/b", "/a/0"), std::cmp::Ordering::Greater);
    }
}

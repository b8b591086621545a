//! The fixed vocabularies (statuses, roles, record states, alert levels, period states): each is
//! one enum declared here or beside its domain with `vocabulary!`, which gives it its key (as
//! stored and serialized), its Chinese label, the list of all values and the store conversions.
//! The UI's TypeScript constants are generated from the same declarations.

/// A fixed set of values with a stable key and a Chinese label, listed for the UI's bindings.
pub trait Vocabulary: Copy + 'static {
    /// The TypeScript name of the type.
    const NAME: &'static str;
    /// Every value, in the order forms and reports list them.
    fn all() -> &'static [Self];
    /// The Rust variant's name, which is the TypeScript constant's member name.
    fn variant(self) -> &'static str;
    /// The key as serialized and stored.
    fn key(self) -> &'static str;
    /// The label as shown and printed.
    fn label(self) -> &'static str;
}

/// Declares a vocabulary enum: `Variant = "key", "label";` for each value. Serde and the store
/// use the key; `label()` is the only place the Chinese word is written.
#[macro_export]
macro_rules! vocabulary {
    ($(#[$meta:meta])* pub enum $name:ident ($what:literal) {
        $($(#[$vmeta:meta])* $variant:ident = $key:literal, $label:literal;)+
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $key)] $variant,)+
        }

        impl $name {
            /// Every value, in the order forms and reports list them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The key as serialized and stored.
            pub const fn key(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }

            /// The label as shown and printed.
            pub const fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// The value with this key.
            pub fn from_key(key: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|value| value.key() == key)
            }
        }

        impl $crate::vocabulary::Vocabulary for $name {
            const NAME: &'static str = stringify!($name);
            fn all() -> &'static [Self] { $name::ALL }
            fn variant(self) -> &'static str { match self { $($name::$variant => stringify!($variant)),+ } }
            fn key(self) -> &'static str { $name::key(self) }
            fn label(self) -> &'static str { $name::label(self) }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::from_key(text).ok_or_else(|| rusqlite::types::FromSqlError::Other(format!("未知的{}“{text}”", $what).into()))
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.key().into())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::alerts::Level;
    use crate::plan::TaskRole;
    use crate::status::Status;
    use crate::store::RecordState;

    #[test]
    fn keys_are_what_serde_writes_and_labels_are_distinct() {
        fn check<T: super::Vocabulary + serde::Serialize>() {
            let mut labels = std::collections::HashSet::new();
            for value in T::all() {
                assert_eq!(serde_json::to_value(value).ok(), Some(serde_json::Value::from(value.key())), "{} {}", T::NAME, value.variant());
                assert!(labels.insert(value.label()), "{} label {} used twice", T::NAME, value.label());
            }
        }
        check::<Status>();
        check::<TaskRole>();
        check::<RecordState>();
        check::<Level>();
    }
}

//! Every limit on what a user types, in one place: the core enforces each where the text comes in,
//! and the UI's fields show the same numbers (generated into the bindings as `LIMITS`).

/// Characters of a sign-in name.
pub const USERNAME_CHARS: usize = 32;
/// Characters of a name shown for an account.
pub const DISPLAY_NAME_CHARS: usize = 40;
/// Characters of a department name or alias.
pub const DEPARTMENT_NAME_CHARS: usize = 40;
/// Departments one plan may name (the seed names 31; a county has perhaps 60 offices).
pub const DEPARTMENTS_PER_PLAN: usize = 300;

/// A limit as the UI shows it: its key in `LIMITS` and its value.
pub struct Limit {
    /// The key in the generated `LIMITS` object.
    pub key: &'static str,
    /// The most characters (or items) accepted.
    pub value: usize,
}

/// The limits the UI shows beside its fields.
pub const LIMITS: &[Limit] = &[
    Limit { key: "username", value: USERNAME_CHARS },
    Limit { key: "display_name", value: DISPLAY_NAME_CHARS },
    Limit { key: "department_name", value: DEPARTMENT_NAME_CHARS },
    Limit { key: "unit_name", value: crate::admin::MAX_UNIT_NAME_CHARS },
    Limit { key: "progress_text", value: crate::progress::MAX_TEXT_CHARS },
    Limit { key: "reason", value: crate::progress::MAX_REASON_CHARS },
    Limit { key: "reporter", value: crate::profile::MAX_REPORTER_CHARS },
    Limit { key: "phone", value: crate::profile::MAX_PHONE_CHARS },
    Limit { key: "search", value: crate::store::MAX_SEARCH_CHARS },
    Limit { key: "password_min", value: crate::accounts::MIN_PASSWORD_CHARS },
];

//! Errors cross IPC as `{code, message}`: a stable code the UI can branch on, and a Chinese
//! message it shows as is.

use serde::Serialize;
use taizhang_core::error::ErrorCode;
use ts_rs::TS;

/// An error as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(rename = "ApiError")]
pub struct IpcError {
    /// Stable code (`forbidden`, `stale`, `locked` …).
    pub code: ErrorCode,
    /// Chinese message for the user.
    pub message: String,
}

impl From<taizhang_core::Error> for IpcError {
    fn from(error: taizhang_core::Error) -> Self {
        IpcError { code: error.code(), message: error.to_string() }
    }
}

/// Result of a command.
pub type CommandResult<T> = Result<T, IpcError>;

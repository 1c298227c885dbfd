//! (being written)

use crate::{FormatError, ReadContext, ReadOutput};

/// Reads a file of this format.
pub fn read(_text: &str, _ctx: &ReadContext) -> Result<ReadOutput, Vec<FormatError>> {
    Err(vec![FormatError::whole("this reader is not written yet")])
}

//! HTTP concerns shared by the reading room and the API: conditional requests and caching
//! headers, security headers.

pub mod caching;
pub mod security;

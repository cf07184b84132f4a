//! Timeline grouping and histogram geometry (placeholder, filled in below).

//! The CLI's importers, geocoder and content builder as a library, so that fuzz targets and
//! benchmarks can call them directly; the `hallway` binary (`main.rs`) uses them from here.

pub mod build;
pub mod geocode;
pub mod import;
pub mod init;
pub mod serve;
pub mod site;
pub mod split;

//! The CLI's importers and geocoder as a library, so that fuzz targets and benchmarks can call
//! them directly; the `hallway` binary (`main.rs`) uses them from here.

pub mod geocode;
pub mod import;

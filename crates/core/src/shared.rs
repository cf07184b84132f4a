//! Text that many records repeat (ids, references, a talk's track): one allocation per distinct
//! text while a bundle is decoded.
//!
//! A bundle names the same few ids over and over: at 100,000 talks, about 400,000 references
//! (a talk's event, speakers and projects) point at about 28,000 records, and 100,000 talks
//! share a few dozen track names. As `String`s each was its own allocation, kept for the page's
//! life. `Shared` is a reference-counted string, and while an [`Interning`] guard is alive every
//! `Shared` decoded with serde shares the allocation of an equal one decoded before it, so a
//! repeat costs a pointer and a count.
//!
//! Outside a guard (the CLI building a bundle, tests) a `Shared` is simply its own allocation,
//! so nothing depends on interning for correctness: equality, ordering and hashing are the
//! text's.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Borrow;
use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// Immutable text, cheap to clone, shared by equal texts decoded together.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Shared(pub(crate) Arc<str>);

impl Shared {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Shared {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Shared {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Shared {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl From<&str> for Shared {
    fn from(s: &str) -> Self {
        Shared(Arc::from(s))
    }
}

impl From<&String> for Shared {
    fn from(s: &String) -> Self {
        Shared(Arc::from(s.as_str()))
    }
}

impl From<String> for Shared {
    fn from(s: String) -> Self {
        Shared(Arc::from(s))
    }
}

impl From<&Shared> for Shared {
    fn from(id: &Shared) -> Self {
        id.clone()
    }
}

impl From<Shared> for String {
    fn from(id: Shared) -> Self {
        id.0.as_ref().to_owned()
    }
}

impl PartialEq<str> for Shared {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Shared {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Shared {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Shared> for str {
    fn eq(&self, other: &Shared) -> bool {
        self == &*other.0
    }
}

impl PartialEq<Shared> for &str {
    fn eq(&self, other: &Shared) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<Shared> for String {
    fn eq(&self, other: &Shared) -> bool {
        **self == *other.0
    }
}

impl Serialize for Shared {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Shared {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Text;
        impl serde::de::Visitor<'_> for Text {
            type Value = Shared;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Shared, E> {
                Ok(intern(s))
            }
        }
        d.deserialize_str(Text)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Shared {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        String::schema_name()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }
    fn inline_schema() -> bool {
        true
    }
}

thread_local! {
    static TABLE: RefCell<Option<HashSet<Arc<str>, foldhash::fast::RandomState>>> =
        const { RefCell::new(None) };
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// While alive, [`Shared`] texts decoded on this thread share one allocation per distinct text.
///
/// The table lives only as long as the outermost guard, so it never keeps a text alive after
/// the records that used it are gone, and its own memory is freed once the decoding is done.
/// Guards nest (a merge decodes several bundles).
///
/// The table is per thread, so the guard cannot move to another thread.
#[must_use = "interning stops when the guard is dropped"]
pub struct Interning(std::marker::PhantomData<*const ()>);

impl Interning {
    pub fn start() -> Self {
        DEPTH.with(|d| d.set(d.get() + 1));
        TABLE.with(|t| {
            t.borrow_mut().get_or_insert_with(Default::default);
        });
        Interning(std::marker::PhantomData)
    }
}

impl Drop for Interning {
    fn drop(&mut self) {
        let left = DEPTH.with(|d| {
            d.set(d.get() - 1);
            d.get()
        });
        if left == 0 {
            TABLE.with(|t| t.borrow_mut().take());
        }
    }
}

fn intern(s: &str) -> Shared {
    TABLE.with(|t| match t.borrow_mut().as_mut() {
        Some(table) => match table.get(s) {
            Some(shared) => Shared(shared.clone()),
            None => {
                let shared: Arc<str> = Arc::from(s);
                table.insert(shared.clone());
                Shared(shared)
            }
        },
        None => Shared::from(s),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(json: &str) -> Vec<Shared> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn equal_ids_share_one_allocation_only_while_interning() {
        let plain = decode(r#"["a", "a"]"#);
        assert!(!Arc::ptr_eq(&plain[0].0, &plain[1].0));

        let guard = Interning::start();
        let inner = Interning::start();
        let shared = decode(r#"["a", "b", "a"]"#);
        drop(inner);
        let after_inner = decode(r#"["a"]"#);
        drop(guard);
        assert!(Arc::ptr_eq(&shared[0].0, &shared[2].0));
        assert!(!Arc::ptr_eq(&shared[0].0, &shared[1].0));
        assert!(Arc::ptr_eq(&shared[0].0, &after_inner[0].0));
        // The table is gone with the outer guard: it keeps nothing alive.
        assert_eq!(Arc::strong_count(&shared[0].0), 3);
        let later = decode(r#"["a"]"#);
        assert!(!Arc::ptr_eq(&shared[0].0, &later[0].0));
    }

    #[test]
    fn escaped_text_is_interned_by_its_value() {
        let _guard = Interning::start();
        let ids = decode(r#"["caf\u00e9", "café"]"#);
        assert_eq!(ids[0], "café");
        assert!(Arc::ptr_eq(&ids[0].0, &ids[1].0));
        assert_eq!(serde_json::to_string(&ids[0]).unwrap(), r#""café""#);
    }
}

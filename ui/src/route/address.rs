//! How a route is written in the location hash and read back, from one table.
//!
//! `Route::parse` and `Route::to_hash` used to be two hand-kept mirror
//! images; a key renamed in one and not the other broke going back or a
//! restart on the same screen. Here each route is one line of the table in
//! `route.rs` (its path, and which fields come from the path or from which
//! query key) and each query struct one line naming its keys; the macros
//! below write both directions from that line. A value's own rule (how it is
//! spelled, what its default is, which is then left out of the address)
//! lives once, in its [`Param`] impl.

use chrono::NaiveDate;
use parc_api::SortDir;

/// A value that names itself in text (an id, a number, a code).
pub(super) trait Text: Sized {
    fn from_text(text: &str) -> Option<Self>;
    fn to_text(&self) -> String;
}

macro_rules! text_by_parse {
    ($($type:ty),*) => {$(
        impl Text for $type {
            fn from_text(text: &str) -> Option<Self> {
                text.parse().ok()
            }
            fn to_text(&self) -> String {
                self.to_string()
            }
        }
    )*};
}
text_by_parse!(i64, u32, NaiveDate);

/// Enums spelled by their `code()` in the address.
macro_rules! text_by_code {
    ($($type:ty),* $(,)?) => {$(
        impl crate::route::address::Text for $type {
            fn from_text(text: &str) -> Option<Self> {
                <$type>::from_code(text)
            }
            fn to_text(&self) -> String {
                self.code().to_owned()
            }
        }
    )*};
}

/// One value of the address: how it is read, and whether it is written.
pub(super) trait Param: Sized {
    fn read(text: &str) -> Option<Self>;
    /// The text to write, or `None` when the value is the default and so
    /// stays out of the address.
    fn write(&self) -> Option<String>;
    /// The value when the address does not name it.
    fn absent() -> Self;
}

impl Param for String {
    fn read(text: &str) -> Option<Self> {
        Some(text.to_owned())
    }
    fn write(&self) -> Option<String> {
        (!self.is_empty()).then(|| self.clone())
    }
    fn absent() -> Self {
        String::new()
    }
}

impl<T: Text> Param for Option<T> {
    fn read(text: &str) -> Option<Self> {
        T::from_text(text).map(Some)
    }
    fn write(&self) -> Option<String> {
        self.as_ref().map(T::to_text)
    }
    fn absent() -> Self {
        None
    }
}

/// A yes/no filter: `key=1` when on.
impl Param for bool {
    fn read(text: &str) -> Option<Self> {
        Some(text == "1")
    }
    fn write(&self) -> Option<String> {
        self.then(|| "1".to_owned())
    }
    fn absent() -> Self {
        false
    }
}

/// A page number: the first page is not written, and there is no page 0.
impl Param for u64 {
    fn read(text: &str) -> Option<Self> {
        text.parse().ok().map(|page: u64| page.max(1))
    }
    fn write(&self) -> Option<String> {
        (*self > 1).then(|| self.to_string())
    }
    fn absent() -> Self {
        1
    }
}

impl Param for SortDir {
    fn read(text: &str) -> Option<Self> {
        Some(if text == "desc" {
            SortDir::Desc
        } else {
            SortDir::Asc
        })
    }
    fn write(&self) -> Option<String> {
        (*self == SortDir::Desc).then(|| "desc".to_owned())
    }
    fn absent() -> Self {
        SortDir::Asc
    }
}

/// Enums with a default (a sort, a view, a tab): the default is left out.
macro_rules! param_with_default {
    ($($type:ty),* $(,)?) => {$(
        impl crate::route::address::Param for $type {
            fn read(text: &str) -> Option<Self> {
                crate::route::address::Text::from_text(text)
            }
            fn write(&self) -> Option<String> {
                (*self != <$type>::default())
                    .then(|| crate::route::address::Text::to_text(self))
            }
            fn absent() -> Self {
                <$type>::default()
            }
        }
    )*};
}

/// The `?key=value&…` part of a hash, decoded.
pub(super) struct Params(Vec<(String, String)>);

impl Params {
    pub(super) fn parse(query: &str) -> Self {
        Params(
            query
                .split('&')
                .filter(|pair| !pair.is_empty())
                .map(|pair| {
                    let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                    (key.to_owned(), decode(value))
                })
                .collect(),
        )
    }

    /// The value under `key`, or the type's absent value when the address
    /// does not name it or names it wrongly.
    pub(super) fn value<T: Param>(&self, key: &str) -> T {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, text)| T::read(text))
            .unwrap_or_else(T::absent)
    }
}

/// A hash being written: its path, then the parameters that are not default.
pub(super) struct Address {
    path: String,
    query: Vec<String>,
}

impl Address {
    pub(super) fn new() -> Self {
        Address {
            path: "#".to_owned(),
            query: Vec::new(),
        }
    }

    pub(super) fn segment(&mut self, segment: &str) {
        self.path.push('/');
        self.path.push_str(segment);
    }

    pub(super) fn put<T: Param>(&mut self, key: &str, value: &T) {
        if let Some(text) = value.write() {
            self.query.push(format!("{key}={}", encode(&text)));
        }
    }

    pub(super) fn finish(self) -> String {
        if self.query.is_empty() {
            self.path
        } else {
            format!("{}?{}", self.path, self.query.join("&"))
        }
    }
}

/// A query struct whose fields sit in the address under fixed keys.
pub(super) trait QueryParams: Default {
    fn read(params: &Params) -> Self;
    fn write(&self, address: &mut Address);
}

/// `Type { field: "key", nested.field: "key", … }`: the keys of a query
/// struct, in the order they are written. Fields not named keep their
/// default (a page size, a filter the address never carries).
macro_rules! query_params {
    ($($type:ty { $($($field:ident).+ : $key:literal),* $(,)? })*) => {$(
        impl crate::route::address::QueryParams for $type {
            fn read(params: &crate::route::address::Params) -> Self {
                let mut value = <$type>::default();
                $( value.$($field).+ = params.value($key); )*
                value
            }
            fn write(&self, address: &mut crate::route::address::Address) {
                $( address.put($key, &self.$($field).+); )*
            }
        }
    )*};
}

/// A path segment as a slice pattern: a literal, or `{id}` binding its text.
macro_rules! segment_pattern {
    ({$id:ident}) => {
        $id
    };
    ($literal:literal) => {
        $literal
    };
}

/// A path segment written back: the literal, or the field's value.
macro_rules! write_segment {
    ($address:ident, {$id:ident}) => {
        $address.segment(&$id.to_string())
    };
    ($address:ident, $literal:literal) => {
        $address.segment($literal)
    };
}

/// A struct variant's field as read: from the path when it has no key
/// (an id, which must be a number), else from the query under its key.
macro_rules! read_field {
    ($params:ident, $field:ident) => {
        $field.parse::<i64>().ok()?
    };
    ($params:ident, $field:ident, $key:literal) => {
        $params.value($key)
    };
}

/// A struct variant's field as written: path fields are already in the
/// path, query fields go under their key.
macro_rules! write_field {
    ($address:ident, $field:ident) => {};
    ($address:ident, $field:ident, $key:literal) => {
        $address.put($key, $field)
    };
}

/// The route a matched path names, or `None` when an id is not a number.
macro_rules! read_route {
    ($params:ident; $variant:ident ($query:ty)) => {
        Some(Route::$variant(
            <$query as crate::route::address::QueryParams>::read(&$params),
        ))
    };
    ($params:ident; $variant:ident { $($field:ident $(= $key:literal)?),* }) => {
        (|| {
            Some(Route::$variant {
                $($field: read_field!($params, $field $(, $key)?)),*
            })
        })()
    };
}

/// The pattern that takes a route apart for writing.
macro_rules! route_pattern {
    ($query:ident; $variant:ident ($type:ty)) => {
        Route::$variant($query)
    };
    ($query:ident; $variant:ident { $($field:ident $(= $key:literal)?),* }) => {
        Route::$variant { $($field),* }
    };
}

/// The query part of a route being written.
macro_rules! write_query {
    ($address:ident, $query:ident; ($type:ty)) => {
        crate::route::address::QueryParams::write($query, &mut $address)
    };
    ($address:ident, $query:ident; { $($field:ident $(= $key:literal)?),* }) => {
        $( write_field!($address, $field $(, $key)?); )*
    };
}

/// The route table: `"path" / {id} / "segment" => Variant { id, field = "key" };`
/// or `"path" => Variant(QueryType);`. Rows are tried in order, so a
/// literal segment comes before an `{id}` in the same place (the compiler
/// flags the row that can never match). An unknown path, or an id that is
/// not a number, gives the default route.
macro_rules! routes {
    ($( $($segment:tt)/+ => $variant:ident $shape:tt ;)*) => {
        impl Route {
            /// Reads a hash such as `#/clients/3?tab=history`.
            #[allow(clippy::redundant_closure_call)]
            pub fn parse(hash: &str) -> Route {
                let hash = hash.trim_start_matches('#');
                let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
                let params = crate::route::address::Params::parse(query);
                let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
                match parts.as_slice() {
                    $( [$(segment_pattern!($segment)),+] =>
                        read_route!(params; $variant $shape).unwrap_or_default(), )*
                    _ => Route::default(),
                }
            }

            /// The hash for this route; parameters at their default are left out.
            pub fn to_hash(&self) -> String {
                let mut address = crate::route::address::Address::new();
                match self {
                    $( route_pattern!(query; $variant $shape) => {
                        $( write_segment!(address, $segment); )+
                        write_query!(address, query; $shape);
                    } )*
                }
                address.finish()
            }
        }
    };
}

/// Percent-encodes everything but unreserved characters (UTF-8 aware).
fn encode(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

fn hex_digit(byte: u8) -> Option<u8> {
    (byte as char).to_digit(16).map(|d| d as u8)
}

/// Percent- and `+`-decoding; a broken escape is kept as it is.
pub(super) fn decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex_digit(bytes[i + 1]), hex_digit(bytes[i + 2]))
            {
                (Some(high), Some(low)) => {
                    out.push(high * 16 + low);
                    i += 3;
                }
                _ => {
                    out.push(b'%');
                    i += 1;
                }
            },
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

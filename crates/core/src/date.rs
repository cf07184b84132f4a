//! Calendar dates of varying precision and talk start times with their UTC offset.
//!
//! Written by hand rather than with jiff or chrono for two reasons: reports are often dated only
//! to the month ("October 2014"), which no date crate models, and a talk's start must keep the
//! offset it was written with (a `Timestamp` would drop it) without shipping a time-zone database
//! into the wasm. Both types are small and fully tested below.

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;

/// A date as precise as its source: `2014`, `2014-10` or `2014-10-13`.
///
/// `month` and `day` are 0 when unknown; ordering treats an unknown part as the start of
/// its period, so `2014-10` sorts before `2014-10-01`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn ymd(year: i32, month: u8, day: u8) -> Self {
        Date { year, month, day }
    }

    /// Whether month and day are both known.
    pub fn is_full(&self) -> bool {
        self.month != 0 && self.day != 0
    }

    /// A sortable number (YYYYMMDD with unknown parts as 00).
    pub fn key(&self) -> i64 {
        self.year as i64 * 10_000 + self.month as i64 * 100 + self.day as i64
    }

    /// Days since 1970-01-01 of the first day this date may mean.
    pub fn days_since_epoch(&self) -> i64 {
        days_from_civil(self.year, self.month.max(1), self.day.max(1))
    }

    /// The inverse of [`Date::days_since_epoch`].
    pub fn from_days_since_epoch(days: i64) -> Self {
        let (y, m, d) = civil_from_days(days);
        Date::ymd(y, m, d)
    }

    /// Day of the week, 0 = Monday.
    pub fn weekday(&self) -> u8 {
        ((self.days_since_epoch() + 3).rem_euclid(7)) as u8
    }

    pub fn parse(s: &str) -> Result<Date, String> {
        let bad = || {
            format!("`{s}` is not a date; write YYYY-MM-DD (or YYYY-MM, or YYYY when the day is unknown)")
        };
        let parts: Vec<&str> = s.split('-').collect();
        if parts.is_empty() || parts.len() > 3 || parts[0].len() != 4 {
            return Err(bad());
        }
        let num = |p: &str, len: usize| -> Result<u32, String> {
            if p.len() != len || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            p.parse::<u32>().map_err(|_| bad())
        };
        let year = num(parts[0], 4)? as i32;
        let month = match parts.get(1) {
            Some(p) => num(p, 2)? as u8,
            None => 0,
        };
        let day = match parts.get(2) {
            Some(p) => num(p, 2)? as u8,
            None => 0,
        };
        if parts.len() >= 2 && !(1..=12).contains(&month) {
            return Err(format!("`{s}` has month {month}; months run from 01 to 12"));
        }
        if parts.len() == 3 && (day == 0 || day > days_in_month(year, month)) {
            return Err(format!(
                "`{s}` has day {day}, but {year}-{month:02} has {} days",
                days_in_month(year, month)
            ));
        }
        Ok(Date { year, month, day })
    }
}

impl Ord for Date {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}
impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if self.month != 0 {
            write!(f, "-{:02}", self.month)?;
            if self.day != 0 {
                write!(f, "-{:02}", self.day)?;
            }
        }
        Ok(())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Date::parse(&s).map_err(de::Error::custom)
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The English name of a month (1-12).
pub fn month_name(month: u8) -> &'static str {
    MONTHS
        .get((month as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("")
}

impl Date {
    /// "13 October 2014", "October 2014" or "2014".
    pub fn long(&self) -> String {
        match (self.month, self.day) {
            (0, _) => self.year.to_string(),
            (m, 0) => format!("{} {}", month_name(m), self.year),
            (m, d) => format!("{d} {} {}", month_name(m), self.year),
        }
    }
}

/// A date range as people write it: "5–7 October 2015", "30 September – 2 October 2015".
pub fn format_range(start: Date, end: Date) -> String {
    if end <= start || !start.is_full() || !end.is_full() {
        return start.long();
    }
    if start.year != end.year {
        format!("{} – {}", start.long(), end.long())
    } else if start.month != end.month {
        format!("{} {} – {}", start.day, month_name(start.month), end.long())
    } else {
        format!("{}–{}", start.day, end.long())
    }
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days.
fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = if m <= 2 { y as i64 - 1 } else { y as i64 };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

/// An RFC 3339 date-time that keeps the UTC offset it was written with.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct DateTime {
    pub date: Date,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    /// Minutes east of UTC.
    pub offset_minutes: i16,
}

impl DateTime {
    /// Seconds since the Unix epoch (UTC).
    pub fn unix_seconds(&self) -> i64 {
        self.date.days_since_epoch() * 86_400
            + self.hour as i64 * 3600
            + self.minute as i64 * 60
            + self.second as i64
            - self.offset_minutes as i64 * 60
    }

    /// The same instant shown at another offset.
    pub fn with_offset(&self, offset_minutes: i16) -> DateTime {
        let local = self.unix_seconds() + offset_minutes as i64 * 60;
        let days = local.div_euclid(86_400);
        let secs = local.rem_euclid(86_400);
        DateTime {
            date: Date::from_days_since_epoch(days),
            hour: (secs / 3600) as u8,
            minute: (secs % 3600 / 60) as u8,
            second: (secs % 60) as u8,
            offset_minutes,
        }
    }

    pub fn parse(s: &str) -> Result<DateTime, String> {
        let bad = || {
            format!(
                "`{s}` is not an RFC 3339 date-time with offset, such as 2014-10-13T09:30:00+02:00"
            )
        };
        let b = s.as_bytes();
        if b.len() < 20 || !matches!(b[10], b'T' | b't' | b' ') {
            return Err(bad());
        }
        let date = Date::parse(&s[..10]).map_err(|_| bad())?;
        if !date.is_full() {
            return Err(bad());
        }
        let two = |i: usize| -> Result<u8, String> {
            match (b.get(i), b.get(i + 1)) {
                (Some(x @ b'0'..=b'9'), Some(y @ b'0'..=b'9')) => Ok((x - b'0') * 10 + (y - b'0')),
                _ => Err(bad()),
            }
        };
        let (hour, minute) = (two(11)?, two(14)?);
        if b[13] != b':' {
            return Err(bad());
        }
        let mut i = 16;
        let mut second = 0;
        if b.get(i) == Some(&b':') {
            second = two(i + 1)?;
            i += 3;
            if b.get(i) == Some(&b'.') {
                i += 1;
                while b.get(i).is_some_and(|c| c.is_ascii_digit()) {
                    i += 1;
                }
            }
        }
        if hour > 23 || minute > 59 || second > 60 {
            return Err(bad());
        }
        let offset_minutes = match &s[i..] {
            "Z" | "z" => 0,
            rest if rest.len() == 6 && (rest.starts_with('+') || rest.starts_with('-')) => {
                if rest.as_bytes()[3] != b':' {
                    return Err(bad());
                }
                let h = two(i + 1)? as i16;
                let m = two(i + 4)? as i16;
                if h > 23 || m > 59 {
                    return Err(bad());
                }
                let v = h * 60 + m;
                if rest.starts_with('-') {
                    -v
                } else {
                    v
                }
            }
            _ => return Err(bad()),
        };
        Ok(DateTime {
            date,
            hour,
            minute,
            second: second.min(59),
            offset_minutes,
        })
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}T{:02}:{:02}:{:02}",
            self.date, self.hour, self.minute, self.second
        )?;
        if self.offset_minutes == 0 {
            f.write_str("Z")
        } else {
            let sign = if self.offset_minutes < 0 { '-' } else { '+' };
            let m = self.offset_minutes.unsigned_abs();
            write!(f, "{sign}{:02}:{:02}", m / 60, m % 60)
        }
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        DateTime::parse(&s).map_err(de::Error::custom)
    }
}

#[cfg(feature = "schema")]
mod schema {
    use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
    use std::borrow::Cow;

    impl JsonSchema for super::Date {
        fn schema_name() -> Cow<'static, str> {
            "Date".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": "string",
                "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
                "description": "A date: YYYY-MM-DD, or YYYY-MM / YYYY when only that much is known."
            })
        }
    }

    impl JsonSchema for super::DateTime {
        fn schema_name() -> Cow<'static, str> {
            "DateTime".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": "string",
                "format": "date-time",
                "description": "An RFC 3339 date-time with its UTC offset, e.g. 2014-10-13T09:30:00+02:00."
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dates_of_each_precision() {
        assert_eq!(Date::parse("2014").unwrap(), Date::ymd(2014, 0, 0));
        assert_eq!(Date::parse("2014-10").unwrap(), Date::ymd(2014, 10, 0));
        assert_eq!(Date::parse("2014-10-13").unwrap(), Date::ymd(2014, 10, 13));
        assert_eq!(Date::parse("2016-02-29").unwrap().to_string(), "2016-02-29");
    }

    #[test]
    fn rejects_impossible_dates_with_a_reason() {
        for bad in [
            "2015-02-29",
            "2015-13-01",
            "2015-00",
            "15-10-01",
            "2015/10/01",
            "",
            "2015-10-1",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad} should be rejected");
        }
        assert!(Date::parse("2015-02-29").unwrap_err().contains("28 days"));
    }

    #[test]
    fn partial_dates_sort_before_full_dates_of_their_period() {
        assert!(Date::ymd(2014, 10, 0) < Date::ymd(2014, 10, 1));
        assert!(Date::ymd(2014, 0, 0) < Date::ymd(2014, 1, 1));
        assert!(Date::ymd(2014, 12, 31) < Date::ymd(2015, 0, 0));
    }

    #[test]
    fn ranges_read_naturally() {
        assert_eq!(
            format_range(Date::ymd(2015, 10, 5), Date::ymd(2015, 10, 7)),
            "5–7 October 2015"
        );
        assert_eq!(
            format_range(Date::ymd(2014, 10, 13), Date::ymd(2014, 10, 13)),
            "13 October 2014"
        );
        assert_eq!(
            format_range(Date::ymd(2015, 9, 30), Date::ymd(2015, 10, 2)),
            "30 September – 2 October 2015"
        );
        assert_eq!(
            format_range(Date::ymd(2015, 12, 30), Date::ymd(2016, 1, 2)),
            "30 December 2015 – 2 January 2016"
        );
        assert_eq!(Date::ymd(2014, 10, 0).long(), "October 2014");
    }

    #[test]
    fn epoch_days_round_trip() {
        assert_eq!(Date::ymd(1970, 1, 1).days_since_epoch(), 0);
        assert_eq!(Date::ymd(2014, 10, 13).weekday(), 0); // a Monday
        for d in [-800_000, -1, 0, 59, 16_356, 20_000, 2_000_000] {
            assert_eq!(Date::from_days_since_epoch(d).days_since_epoch(), d);
        }
    }

    #[test]
    fn date_times_keep_their_offset() {
        let t = DateTime::parse("2014-10-13T09:30:00+02:00").unwrap();
        assert_eq!(t.offset_minutes, 120);
        assert_eq!(t.to_string(), "2014-10-13T09:30:00+02:00");
        assert_eq!(t.with_offset(0).to_string(), "2014-10-13T07:30:00Z");
        assert_eq!(t.with_offset(-420).to_string(), "2014-10-13T00:30:00-07:00");
        assert_eq!(
            DateTime::parse("2020-01-01T00:00:00.250Z")
                .unwrap()
                .unix_seconds(),
            1_577_836_800
        );
    }

    #[test]
    fn date_times_without_offset_are_refused() {
        for bad in [
            "2014-10-13T09:30:00",
            "2014-10-13",
            "2014-10-13T25:00:00Z",
            "2014-10-13T09:30:00+0200",
        ] {
            assert!(DateTime::parse(bad).is_err(), "{bad}");
        }
    }
}

//! IANA time zones for importers, via jiff and its bundled tz database (works offline).
//!
//! The bundle keeps each talk's start with the UTC offset it had where it happened, so a UTC
//! time from a source is shown at the event's local offset, and a local wall-clock time gets
//! the offset its zone had on that day (summer time included).

use hallway_core::{Date, DateTime};
use jiff::tz::TimeZone;

/// Whether `name` is a zone jiff knows.
pub fn is_known(name: &str) -> bool {
    TimeZone::get(name).is_ok()
}

/// The same instant as `dt`, shown at the offset `zone` had then.
pub fn in_zone(dt: DateTime, zone: &str) -> Option<DateTime> {
    let tz = TimeZone::get(zone).ok()?;
    let ts = jiff::Timestamp::from_second(dt.unix_seconds()).ok()?;
    let offset = tz.to_offset(ts).seconds() / 60;
    Some(dt.with_offset(i16::try_from(offset).ok()?))
}

/// A wall-clock time in `zone` as a date-time with that zone's offset. An ambiguous or skipped
/// time (daylight-saving changes) takes jiff's "compatible" choice, as calendars do.
pub fn local(date: Date, hour: u8, minute: u8, second: u8, zone: &str) -> Option<DateTime> {
    let tz = TimeZone::get(zone).ok()?;
    let civil = jiff::civil::DateTime::new(
        i16::try_from(date.year).ok()?,
        i8::try_from(date.month).ok()?,
        i8::try_from(date.day).ok()?,
        i8::try_from(hour).ok()?,
        i8::try_from(minute).ok()?,
        i8::try_from(second).ok()?,
        0,
    )
    .ok()?;
    let zoned = civil.to_zoned_datetime(tz).ok()?;
    let offset = i16::try_from(zoned.offset().seconds() / 60).ok()?;
    Some(DateTime {
        date: Date::ymd(
            i32::from(zoned.year()),
            zoned.month() as u8,
            zoned.day() as u8,
        ),
        hour: zoned.hour() as u8,
        minute: zoned.minute() as u8,
        second: zoned.second() as u8,
        offset_minutes: offset,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_follow_the_zone_and_season() {
        let d = Date::ymd(2023, 9, 10);
        assert_eq!(
            local(d, 10, 30, 0, "Asia/Kolkata").unwrap().to_string(),
            "2023-09-10T10:30:00+05:30"
        );
        assert_eq!(
            local(Date::ymd(2020, 9, 18), 13, 0, 0, "Europe/Berlin")
                .unwrap()
                .to_string(),
            "2020-09-18T13:00:00+02:00"
        );
        assert_eq!(
            local(Date::ymd(2020, 12, 27), 11, 30, 0, "Europe/Berlin")
                .unwrap()
                .to_string(),
            "2020-12-27T11:30:00+01:00"
        );
        let utc = DateTime::parse("2023-09-10T05:00:00+00:00").unwrap();
        assert_eq!(
            in_zone(utc, "Asia/Kolkata").unwrap().to_string(),
            "2023-09-10T10:30:00+05:30"
        );
        assert!(local(d, 10, 0, 0, "Mars/Olympus").is_none());
    }
}

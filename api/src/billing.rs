//! The arithmetic of contracts and invoices, written once: billing periods,
//! the proration of a partial period, line totals, VAT per rate and the one
//! rounding rule. Pure functions on integers (cents, thousandths of a unit,
//! basis points), shared by the core that bills and the UI that previews.
//!
//! - **Rounding**: every division rounds half away from zero, to the cent.
//! - **Line total** (excluding VAT) = quantity × unit price, rounded once.
//! - **VAT** is computed per rate on the sum of the line totals at that
//!   rate, rounded once per rate; total including VAT = excluding + VAT.
//! - **Periods** follow the calendar: a monthly period is a calendar month, a
//!   quarterly one a calendar quarter (January, April, July, October), a
//!   yearly one a calendar year.
//! - **Proration**: a contract that starts (or ends) inside a period pays
//!   the price × days covered ÷ days in the whole period.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// How often a contract is billed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Periodicity {
    #[default]
    Monthly,
    Quarterly,
    Yearly,
}

impl Periodicity {
    pub const ALL: [Periodicity; 3] = [Self::Monthly, Self::Quarterly, Self::Yearly];

    /// Months in one period.
    pub fn months(self) -> u32 {
        match self {
            Self::Monthly => 1,
            Self::Quarterly => 3,
            Self::Yearly => 12,
        }
    }

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Monthly => "monthly",
            Self::Quarterly => "quarterly",
            Self::Yearly => "yearly",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// One billing period, both days included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    /// Days in the period, both ends included.
    pub fn days(self) -> i64 {
        (self.end - self.start).num_days() + 1
    }

    /// The part of this period that also lies in `[from, until]`, if any.
    pub fn within(self, from: NaiveDate, until: Option<NaiveDate>) -> Option<Period> {
        let start = self.start.max(from);
        let end = until.map_or(self.end, |until| self.end.min(until));
        (start <= end).then_some(Period { start, end })
    }
}

/// The calendar period of `periodicity` that contains `day`.
pub fn period_containing(periodicity: Periodicity, day: NaiveDate) -> Period {
    let months = periodicity.months();
    let first_month = (day.month0() / months) * months + 1;
    let start = NaiveDate::from_ymd_opt(day.year(), first_month, 1).unwrap_or(day);
    let end = start
        .checked_add_months(Months::new(months))
        .and_then(|next| next.pred_opt())
        .unwrap_or(NaiveDate::MAX);
    Period { start, end }
}

/// The period after `period`.
pub fn next_period(periodicity: Periodicity, period: Period) -> Period {
    match period.end.succ_opt() {
        Some(day) => period_containing(periodicity, day),
        None => period,
    }
}

/// `numerator / denominator`, rounded half away from zero; 0 when the
/// denominator is 0.
pub fn divide_rounded(numerator: i128, denominator: i128) -> i64 {
    if denominator == 0 {
        return 0;
    }
    let (n, d) = if denominator < 0 {
        (-numerator, -denominator)
    } else {
        (numerator, denominator)
    };
    let half = d / 2;
    let rounded = if n >= 0 {
        (n + half) / d
    } else {
        (n - half) / d
    };
    i64::try_from(rounded).unwrap_or(if rounded > 0 { i64::MAX } else { i64::MIN })
}

/// The share of `amount_cents` for `covered` days of a `period`.
pub fn prorated(amount_cents: i64, covered: Period, period: Period) -> i64 {
    if covered == period {
        return amount_cents;
    }
    divide_rounded(
        i128::from(amount_cents) * i128::from(covered.days()),
        i128::from(period.days()),
    )
}

/// Quantities are kept in thousandths (1.5 hours = 1500).
pub const QUANTITY_SCALE: i64 = 1_000;
/// VAT rates are kept in basis points (20 % = 2000).
pub const RATE_SCALE: i64 = 10_000;

/// A line's total excluding VAT.
pub fn line_total(quantity_thousandths: i64, unit_price_cents: i64) -> i64 {
    divide_rounded(
        i128::from(quantity_thousandths) * i128::from(unit_price_cents),
        i128::from(QUANTITY_SCALE),
    )
}

/// The VAT at `rate_basis_points` on `base_cents`.
pub fn vat(base_cents: i64, rate_basis_points: i64) -> i64 {
    divide_rounded(
        i128::from(base_cents) * i128::from(rate_basis_points),
        i128::from(RATE_SCALE),
    )
}

/// One VAT rate's share of an invoice.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateTotal {
    pub rate_basis_points: i64,
    pub base_cents: i64,
    pub vat_cents: i64,
}

/// An invoice's totals.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// By rate, lowest rate first.
    pub per_rate: Vec<RateTotal>,
    pub excluding_vat_cents: i64,
    pub vat_cents: i64,
    pub including_vat_cents: i64,
}

/// The totals of lines given as (quantity in thousandths, unit price in
/// cents, VAT rate in basis points).
pub fn totals(lines: impl IntoIterator<Item = (i64, i64, i64)>) -> Totals {
    let mut bases: std::collections::BTreeMap<i64, i64> = std::collections::BTreeMap::new();
    for (quantity, unit_price, rate) in lines {
        *bases.entry(rate).or_default() += line_total(quantity, unit_price);
    }
    let per_rate: Vec<RateTotal> = bases
        .into_iter()
        .map(|(rate, base)| RateTotal {
            rate_basis_points: rate,
            base_cents: base,
            vat_cents: vat(base, rate),
        })
        .collect();
    let excluding_vat_cents = per_rate.iter().map(|r| r.base_cents).sum();
    let vat_cents = per_rate.iter().map(|r| r.vat_cents).sum();
    Totals {
        per_rate,
        excluding_vat_cents,
        vat_cents,
        including_vat_cents: excluding_vat_cents + vat_cents,
    }
}

/// When a contract bills: its periodicity and term, and whether a period
/// is invoiced on its first day (in advance) or the day after its last (in
/// arrears). The invoice run and the contract screen's schedule both read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub periodicity: Periodicity,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub in_advance: bool,
}

/// One period as billed: the whole calendar period, and the part of it the
/// contract covers (shorter in a first or last partial period).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BilledPeriod {
    pub calendar: Period,
    pub covered: Period,
}

impl BilledPeriod {
    /// True when the contract covers only part of the period (prorated).
    pub fn is_partial(self) -> bool {
        self.covered != self.calendar
    }

    /// `amount_cents` for the covered days.
    pub fn share_of(self, amount_cents: i64) -> i64 {
        prorated(amount_cents, self.covered, self.calendar)
    }
}

impl Schedule {
    /// The period billed from `from` (a next billing date): the calendar
    /// period containing it, cut to the contract's term; none once past the
    /// end of the term.
    pub fn period_from(self, from: NaiveDate) -> Option<BilledPeriod> {
        let calendar = period_containing(self.periodicity, from);
        let covered = calendar.within(self.start.max(from), self.end)?;
        Some(BilledPeriod { calendar, covered })
    }

    /// The day a period's invoice is issued.
    pub fn issue_day(self, period: BilledPeriod) -> NaiveDate {
        if self.in_advance {
            period.covered.start
        } else {
            period.covered.end.succ_opt().unwrap_or(period.covered.end)
        }
    }

    /// The next billing date after `period`.
    pub fn after(self, period: BilledPeriod) -> NaiveDate {
        period
            .calendar
            .end
            .succ_opt()
            .unwrap_or(period.calendar.end)
    }

    /// The period before `period`, if the contract ran then.
    pub fn previous(self, period: BilledPeriod) -> Option<BilledPeriod> {
        let before = period.calendar.start.pred_opt()?;
        let start = period_containing(self.periodicity, before).start;
        self.period_from(start.max(self.start))
            .filter(|p| p.covered.end < period.covered.start)
    }

    /// The periods from `from` whose invoice is due on or before `day`.
    pub fn due_by(self, from: NaiveDate, day: NaiveDate) -> Vec<BilledPeriod> {
        let mut due = Vec::new();
        let mut next = from;
        while let Some(period) = self.period_from(next) {
            if self.issue_day(period) > day {
                break;
            }
            due.push(period);
            let after = self.after(period);
            if after <= next {
                break;
            }
            next = after;
        }
        due
    }
}

/// Reads a quantity ("2", "1,5", "0.25") as thousandths; `Err` for anything
/// else than a number with at most three decimals. Negative quantities are
/// allowed (a correction line).
#[allow(clippy::result_unit_err)]
pub fn parse_quantity(text: &str) -> Result<i64, ()> {
    parse_scaled(text, 3, true)
}

/// Reads a VAT rate in percent ("20", "5,5", "2.1 %") as basis points.
#[allow(clippy::result_unit_err)]
pub fn parse_rate(text: &str) -> Result<i64, ()> {
    let rate = parse_scaled(text.trim().trim_end_matches('%'), 2, false)?;
    if rate > RATE_SCALE {
        return Err(());
    }
    Ok(rate)
}

fn parse_scaled(text: &str, decimals: usize, signed: bool) -> Result<i64, ()> {
    let cleaned: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let (negative, digits) = match cleaned.strip_prefix('-') {
        Some(rest) if signed => (true, rest),
        _ => (false, cleaned.as_str()),
    };
    let (units, fraction) = match digits.find([',', '.']) {
        Some(at) => (&digits[..at], &digits[at + 1..]),
        None => (digits, ""),
    };
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if units.is_empty() || !all_digits(units) || !all_digits(fraction) || fraction.len() > decimals
    {
        return Err(());
    }
    let scale = 10_i64.pow(u32::try_from(decimals).map_err(|_| ())?);
    let units: i64 = units.parse().map_err(|_| ())?;
    let fraction: i64 = format!("{fraction:0<decimals$}").parse().map_err(|_| ())?;
    let value = units
        .checked_mul(scale)
        .and_then(|u| u.checked_add(fraction))
        .ok_or(())?;
    Ok(if negative { -value } else { value })
}

/// "1,5" / "1.5": a quantity in thousandths, without useless zeros.
pub fn quantity_text(thousandths: i64, french: bool) -> String {
    scaled_text(thousandths, 3, french)
}

/// "20 %" / "5,5 %": a rate in basis points.
pub fn rate_text(basis_points: i64, french: bool) -> String {
    format!("{}\u{a0}%", scaled_text(basis_points, 2, french))
}

/// "5.5": a rate in basis points as a plain percentage, for forms and CSV.
pub fn rate_plain(basis_points: i64) -> String {
    scaled_text(basis_points, 2, false)
}

fn scaled_text(value: i64, decimals: u32, french: bool) -> String {
    let scale = 10_i64.pow(decimals);
    let sign = if value < 0 { "-" } else { "" };
    let abs = value.unsigned_abs();
    let units = abs / scale.unsigned_abs();
    let fraction = abs % scale.unsigned_abs();
    if fraction == 0 {
        return format!("{sign}{units}");
    }
    let width = decimals as usize;
    let fraction = format!("{fraction:0width$}");
    let point = if french { ',' } else { '.' };
    format!("{sign}{units}{point}{}", fraction.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn periods_follow_the_calendar() {
        let p = period_containing(Periodicity::Monthly, day(2026, 2, 14));
        assert_eq!(
            (p.start, p.end, p.days()),
            (day(2026, 2, 1), day(2026, 2, 28), 28)
        );
        let q = period_containing(Periodicity::Quarterly, day(2026, 11, 26));
        assert_eq!((q.start, q.end), (day(2026, 10, 1), day(2026, 12, 31)));
        let y = period_containing(Periodicity::Yearly, day(2028, 6, 1));
        assert_eq!(
            (y.start, y.end, y.days()),
            (day(2028, 1, 1), day(2028, 12, 31), 366)
        );
        let after = next_period(Periodicity::Quarterly, q);
        assert_eq!(
            (after.start, after.end),
            (day(2027, 1, 1), day(2027, 3, 31))
        );
    }

    #[test]
    fn a_partial_period_is_prorated_by_days() {
        let november = period_containing(Periodicity::Monthly, day(2026, 11, 1));
        let from_the_20th = november.within(day(2026, 11, 20), None).unwrap();
        assert_eq!(from_the_20th.days(), 11);
        // 300.00 × 11 / 30 = 110.00
        assert_eq!(prorated(30_000, from_the_20th, november), 11_000);
        // 100.00 × 11 / 30 = 36.666… → 36.67
        assert_eq!(prorated(10_000, from_the_20th, november), 3_667);
        assert_eq!(prorated(10_000, november, november), 10_000);
        assert_eq!(november.within(day(2026, 12, 1), None), None);
        let until_the_10th = november.within(day(2026, 1, 1), Some(day(2026, 11, 10)));
        assert_eq!(until_the_10th.map(Period::days), Some(10));
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(divide_rounded(5, 2), 3);
        assert_eq!(divide_rounded(-5, 2), -3);
        assert_eq!(divide_rounded(4, 3), 1);
        assert_eq!(divide_rounded(-4, 3), -1);
        assert_eq!(divide_rounded(1, 0), 0);
    }

    #[test]
    fn vat_is_computed_per_rate_on_the_sum_of_its_lines() {
        // Three lines of 0.333 h at 10.00 € (3.33 each, 9.99) at 20 %, one
        // of 12.34 € at 5.5 %.
        let t = totals([
            (333, 1_000, 2_000),
            (333, 1_000, 2_000),
            (333, 1_000, 2_000),
            (1_000, 1_234, 550),
        ]);
        assert_eq!(t.per_rate.len(), 2);
        assert_eq!(
            t.per_rate[0],
            RateTotal {
                rate_basis_points: 550,
                base_cents: 1_234,
                vat_cents: 68
            }
        );
        assert_eq!(
            t.per_rate[1],
            RateTotal {
                rate_basis_points: 2_000,
                base_cents: 999,
                vat_cents: 200
            }
        );
        assert_eq!(t.excluding_vat_cents, 2_233);
        assert_eq!(t.vat_cents, 268);
        assert_eq!(t.including_vat_cents, 2_501);
    }

    #[test]
    fn a_credit_note_mirrors_its_invoice() {
        let invoice = totals([(1_500, 8_000, 2_000), (2_000, 4_550, 2_000)]);
        let credit = totals([(-1_500, 8_000, 2_000), (-2_000, 4_550, 2_000)]);
        assert_eq!(credit.including_vat_cents, -invoice.including_vat_cents);
        assert_eq!(invoice.including_vat_cents, 25_320);
    }

    #[test]
    fn periodicities_read_back_from_their_codes() {
        for p in Periodicity::ALL {
            assert_eq!(Periodicity::from_code(p.code()), Some(p));
        }
        assert_eq!(Periodicity::from_code("weekly"), None);
    }

    #[test]
    fn a_schedule_bills_a_prorated_first_period_then_whole_ones() {
        let schedule = Schedule {
            periodicity: Periodicity::Monthly,
            start: day(2026, 1, 20),
            end: None,
            in_advance: true,
        };
        let due = schedule.due_by(day(2026, 1, 20), day(2026, 3, 1));
        assert_eq!(due.len(), 3);
        assert_eq!(
            due[0].covered,
            Period {
                start: day(2026, 1, 20),
                end: day(2026, 1, 31)
            }
        );
        assert!(due[0].is_partial());
        assert_eq!(due[0].share_of(31_000), 12_000);
        assert_eq!(due[2].calendar.start, day(2026, 3, 1));
        assert!(!due[2].is_partial());
        // In arrears, March is billed on 1 April.
        let arrears = Schedule {
            in_advance: false,
            ..schedule
        };
        assert_eq!(arrears.due_by(day(2026, 1, 20), day(2026, 3, 31)).len(), 2);
        // A term ending mid-quarter bills its last part, then nothing.
        let ending = Schedule {
            periodicity: Periodicity::Quarterly,
            start: day(2026, 1, 1),
            end: Some(day(2026, 5, 15)),
            in_advance: true,
        };
        let due = ending.due_by(day(2026, 1, 1), day(2027, 1, 1));
        assert_eq!(due.len(), 2);
        assert_eq!(due[1].covered.end, day(2026, 5, 15));
        // The period before the second quarter is the whole first one;
        // before the first there is none.
        assert_eq!(ending.previous(due[1]), Some(due[0]));
        assert_eq!(ending.previous(due[0]), None);
    }

    #[test]
    fn quantities_and_rates_are_read_and_written_exactly() {
        assert_eq!(parse_quantity("1,5"), Ok(1_500));
        assert_eq!(parse_quantity("-2"), Ok(-2_000));
        assert_eq!(parse_quantity("0.125"), Ok(125));
        assert_eq!(parse_quantity("1.2345"), Err(()));
        assert_eq!(parse_quantity(""), Err(()));
        assert_eq!(parse_rate("20"), Ok(2_000));
        assert_eq!(parse_rate("5,5 %"), Ok(550));
        assert_eq!(parse_rate("101"), Err(()));
        assert_eq!(parse_rate("-5"), Err(()));
        assert_eq!(quantity_text(1_500, true), "1,5");
        assert_eq!(quantity_text(2_000, false), "2");
        assert_eq!(rate_text(550, true), "5,5\u{a0}%");
        assert_eq!(rate_text(2_000, false), "20\u{a0}%");
    }
}

/// Reads hours as people type them — "1,5", "1.5" (decimal hours) or
/// "1:30" (hours:minutes) — as minutes; `None` for anything else, negative
/// parts included. Callers bound the result.
pub fn parse_hours(text: &str) -> Option<i64> {
    let text = text.trim();
    match text.split_once(':') {
        Some((h, m)) => {
            let (h, m) = (h.trim().parse::<i64>().ok()?, m.trim().parse::<i64>().ok()?);
            (h >= 0 && (0..60).contains(&m)).then_some(h * 60 + m)
        }
        None => {
            let thousandths = parse_quantity(text).ok()?;
            (thousandths >= 0).then_some(thousandths * 60 / QUANTITY_SCALE)
        }
    }
}

/// Minutes written back as `parse_hours` reads them: "35", "1:30".
pub fn hours_text(minutes: i64) -> String {
    if minutes % 60 == 0 {
        (minutes / 60).to_string()
    } else {
        format!("{}:{:02}", minutes / 60, minutes % 60)
    }
}

#[cfg(test)]
mod hours_tests {
    use super::*;

    #[test]
    fn hours_read_and_write_back() {
        assert_eq!(parse_hours("1:30"), Some(90));
        assert_eq!(parse_hours("1,5"), Some(90));
        assert_eq!(parse_hours("37.5"), Some(2250));
        assert_eq!(parse_hours("1:-30"), None);
        assert_eq!(parse_hours("-2"), None);
        assert_eq!(parse_hours("1:75"), None);
        assert_eq!(parse_hours("soon"), None);
        for minutes in [0, 30, 60, 90, 2103, 2250] {
            assert_eq!(parse_hours(&hours_text(minutes)), Some(minutes));
        }
    }
}

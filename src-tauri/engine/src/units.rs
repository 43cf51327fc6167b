//! Length and size units and their conversions, kept in one place.
//!
//! Profiles speak millimetres and points (as the rules do); DOCX speaks twips (1/20 pt),
//! half-points for font sizes and eighths of a point for borders.

/// Twips per millimetre (1 mm = 72/25.4 pt = 56.6929… twips).
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;

/// Converts millimetres to twips, rounded to the nearest twip.
pub fn mm_to_twips(mm: f64) -> i32 {
    (mm * TWIPS_PER_MM).round() as i32
}

/// Converts twips to millimetres.
pub fn twips_to_mm(twips: i32) -> f64 {
    f64::from(twips) / TWIPS_PER_MM
}

/// Converts points to twips, rounded to the nearest twip.
pub fn pt_to_twips(pt: f64) -> i32 {
    (pt * 20.0).round() as i32
}

/// Converts a font size in points to DOCX half-points.
pub fn pt_to_half_points(pt: f64) -> usize {
    (pt * 2.0).round().max(1.0) as usize
}

/// Rounds a size in points down to a whole half-point (the finest font size DOCX stores).
pub fn floor_to_half_point(pt: f64) -> f64 {
    (pt * 2.0 + 1e-9).floor() / 2.0
}

/// Converts a border width in points to DOCX eighths of a point.
pub fn pt_to_eighths(pt: f64) -> usize {
    (pt * 8.0).round().max(1.0) as usize
}

/// Converts millimetres to points.
pub fn mm_to_pt(mm: f64) -> f64 {
    mm * 72.0 / 25.4
}

/// Converts points to millimetres.
pub fn pt_to_mm(pt: f64) -> f64 {
    pt * 25.4 / 72.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_lengths_match_the_table_in_official_format() {
        // docs/official-format.md §0.3 (units for DOCX).
        assert_eq!(mm_to_twips(10.0), 567);
        assert_eq!(mm_to_twips(15.0), 850);
        assert_eq!(mm_to_twips(20.0), 1134);
        assert_eq!(mm_to_twips(25.0), 1417);
        assert_eq!(mm_to_twips(30.0), 1701);
        assert_eq!(mm_to_twips(35.0), 1984);
        assert_eq!(mm_to_twips(210.0), 11906);
        assert_eq!(mm_to_twips(297.0), 16838);
        assert_eq!(pt_to_half_points(14.0), 28);
        assert_eq!(pt_to_twips(18.0), 360);
        assert_eq!(pt_to_eighths(0.5), 4);
        assert!((twips_to_mm(567) - 10.0).abs() < 0.01);
        assert_eq!(floor_to_half_point(12.99), 12.5);
        assert_eq!(floor_to_half_point(13.0), 13.0);
    }
}

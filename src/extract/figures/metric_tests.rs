//! Metric phrases on sentences from real articles: one passage in, each figure's
//! value and the phrase it measures.

use crate::extract::extract;

fn metrics(text: &str) -> Vec<(f64, String)> {
    extract(text)
        .figures
        .into_iter()
        .map(|f| (f.value, f.metric.into_string()))
        .collect()
}

#[test]
fn a_range_a_price_moves_in_is_its_predicate() {
    let m = metrics("Hiện cà phê tại Đăk Lăk đang dao động ở mức 9.800-10.000 đồng/kg.");
    assert_eq!(m, [(9800.0, "cà phê".into())]);
    let m = metrics("Giá thép xây dựng dao động từ 14 đến 15 triệu đồng/tấn.");
    assert_eq!(m, [(14.0, "Giá thép xây dựng".into())]);
}

//! One sentence (or a short passage) in, figures out.

use crate::extract::extract;
use crate::model::{Comparator as C, FigureKind as K, Status as S};
use crate::reference::Reference;

#[derive(Debug, PartialEq)]
struct F {
    place: Option<String>,
    metric: String,
    kind: K,
    cmp: C,
    value: f64,
    max: Option<f64>,
    unit: String,
    per_year: bool,
    year: Option<i32>,
    period: Option<[i32; 2]>,
    status: S,
}

fn figs(text: &str) -> Vec<F> {
    let r = Reference::get();
    let ex = extract(text);
    ex.figures
        .into_iter()
        .map(|f| {
            // Every span lies in its sentence and reads as its value.
            let sent = ex.sentences[f.sentence as usize].span();
            assert!(sent.contains(f.span), "{text}: span outside sentence");
            F {
                place: f.place.map(|p| r.place_name(p).to_string()),
                metric: f.metric.into_string(),
                kind: f.kind,
                cmp: f.comparator,
                value: f.value,
                max: f.value_max,
                unit: f.unit.into_owned(),
                per_year: f.per_year,
                year: f.year,
                period: f.period,
                status: f.status,
            }
        })
        .collect()
}

fn one(text: &str) -> F {
    let mut v = figs(text);
    assert_eq!(v.len(), 1, "{text}: {v:#?}");
    v.remove(0)
}

#[test]
fn goal_sentence_share_target() {
    let f = one(
        "Mục tiêu đến năm 2030, tỉnh Sơn La phấn đấu đạt tỷ trọng công nghiệp trong GRDP là 40%.",
    );
    assert_eq!(f.place.as_deref(), Some("Sơn La"));
    assert_eq!(f.metric, "tỷ trọng công nghiệp trong GRDP");
    assert_eq!(
        (f.kind, f.cmp, f.value, f.year, f.status),
        (K::Share, C::Eq, 40.0, Some(2030), S::Target)
    );
}

#[test]
fn goal_year_carries_to_following_sentences_until_another_year() {
    let v = figs(
        "Mục tiêu đến năm 2030, tỉnh Sơn La phấn đấu đạt tỷ trọng công nghiệp là 40%; trong đó tỉ trọng công nghiệp chế biến, chế tạo đạt 25%.\n\n\
         Tốc độ tăng trưởng giá trị gia tăng công nghiệp đạt bình quân từ 10%/năm trở lên, trong đó công nghiệp chế biến đạt bình quân trên 15%/năm.\n\n\
         Năm 2021 tỷ lệ lao động đạt 30%.",
    );
    assert_eq!(v.len(), 5);
    assert_eq!(v[1].metric, "tỉ trọng công nghiệp chế biến, chế tạo");
    for f in &v[..4] {
        assert_eq!((f.year, f.status), (Some(2030), S::Target), "{f:?}");
    }
    assert_eq!(
        (v[2].cmp, v[2].value, v[2].per_year, v[2].kind),
        (C::Ge, 10.0, true, K::Growth)
    );
    assert_eq!((v[3].cmp, v[3].value), (C::Gt, 15.0));
    assert_eq!((v[4].year, v[4].status), (Some(2021), S::Achieved));
}

#[test]
fn comparator_words() {
    for (t, c) in [
        ("Tỷ trọng đạt tối thiểu 45%.", C::Ge),
        ("Tỷ trọng đạt ít nhất 45%.", C::Ge),
        ("Tỷ trọng đạt từ 45% trở lên.", C::Ge),
        ("Tỷ trọng đạt trên 45%.", C::Gt),
        ("Tỷ trọng đạt hơn 45%.", C::Gt),
        ("Tỷ trọng vượt 45%.", C::Gt),
        ("Tỷ trọng tối đa 45%.", C::Le),
        ("Tỷ trọng không quá 45%.", C::Le),
        ("Tỷ trọng dưới 45%.", C::Lt),
        ("Tỷ trọng khoảng 45%.", C::Approx),
        ("Tỷ trọng gần 45%.", C::Approx),
        ("Tỷ trọng xấp xỉ 45%.", C::Approx),
        ("Tỷ trọng là 45%.", C::Eq),
    ] {
        assert_eq!(one(t).cmp, c, "{t}");
    }
}

#[test]
fn ranges_and_respectively() {
    let v = figs(
        "Tỉnh ủy Lâm Đồng đề ra mục tiêu cụ thể đến năm 2025, tốc độ tăng trưởng ngành CNCBCT đạt 11,9%-12,3%/năm; \
         tốc độ tăng trưởng kim ngạch xuất khẩu ngành CNCBCT đạt 13-14%/năm. Đến năm 2030, con số này lần lượt là 14,7-16,5%/năm; 14-15%/năm.",
    );
    assert_eq!(v.len(), 4);
    assert_eq!(
        (v[0].value, v[0].max, v[0].year),
        (11.9, Some(12.3), Some(2025))
    );
    assert_eq!((v[1].value, v[1].max), (13.0, Some(14.0)));
    assert_eq!(v[2].metric, v[0].metric);
    assert_eq!(v[3].metric, v[1].metric);
    assert_eq!(
        (v[2].value, v[2].max, v[2].year, v[2].status),
        (14.7, Some(16.5), Some(2030), S::Target)
    );
    assert!(v
        .iter()
        .all(|f| f.per_year && f.kind == K::Growth && f.place.as_deref() == Some("Lâm Đồng")));
}

#[test]
fn reported_values_and_estimates_are_not_targets() {
    let v = figs(
        "Thứ Sáu, ngày 1 tháng 12 năm 2023\n\nCụ thể, chỉ số sản xuất công nghiệp của Thanh Hóa năm 2021 tăng 18,1%; năm 2022 tăng 15,59% và năm 2023 dự kiến vẫn tăng trên 8% (cao hơn mức bình quân của cả nước).",
    );
    let got: Vec<_> = v
        .iter()
        .map(|f| (f.value, f.year, f.status, f.place.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (18.1, Some(2021), S::Achieved, Some("Thanh Hóa")),
            (15.59, Some(2022), S::Achieved, Some("Thanh Hóa")),
            (8.0, Some(2023), S::Estimate, Some("Thanh Hóa")),
        ]
    );
    assert!(v
        .iter()
        .all(|f| f.metric == "chỉ số sản xuất công nghiệp" && f.kind == K::Growth));
}

#[test]
fn estimate_words_beat_target_words() {
    let v = figs("Giá trị gia tăng công nghiệp chiếm tỷ trọng cao (năm 2015 chiếm 9,8%, 2020 chiếm 29,1% và đến năm 2023 dự kiến chiếm 37,5% trong cơ cấu GRDP của tỉnh).");
    let got: Vec<_> = v.iter().map(|f| (f.value, f.year, f.status)).collect();
    assert_eq!(
        got,
        [
            (9.8, Some(2015), S::Achieved),
            (29.1, Some(2020), S::Achieved),
            (37.5, Some(2023), S::Estimate)
        ]
    );
    for t in [
        "Năm 2024 ước tăng 7,49%.",
        "Năm 2024 ước tính đạt 7%.",
        "Năm 2024 dự báo tăng 7%.",
    ] {
        assert_eq!(one(t).status, S::Estimate, "{t}");
    }
}

#[test]
fn target_words() {
    for t in [
        "Tỉnh đặt mục tiêu tỷ trọng đạt 40%.",
        "Tỉnh phấn đấu tỷ trọng đạt 40%.",
        "Đến năm 2030 tỷ trọng đạt 40%.",
        "Tỉnh sẽ chi 100 tỷ đồng.",
        "Định hướng tỷ trọng đạt 40%.",
    ] {
        assert_eq!(one(t).status, S::Target, "{t}");
    }
}

#[test]
fn a_year_not_after_the_document_date_is_not_a_target() {
    let f = one("09:56 | 16/09/2021\n\nMục tiêu đến năm 2020 tỷ trọng công nghiệp đạt 40%.");
    assert_eq!((f.year, f.status), (Some(2020), S::Achieved));
}

#[test]
fn period_as_achieved() {
    let f = one("Tốc độ tăng trưởng kinh tế (GRDP) của tỉnh Kon Tum bình quân giai đoạn 2016-2020 tăng khoảng 9,13%/năm.");
    assert_eq!(f.metric, "Tốc độ tăng trưởng kinh tế (GRDP)");
    assert_eq!(
        (f.cmp, f.value, f.period, f.status),
        (C::Approx, 9.13, Some([2016, 2020]), S::Achieved)
    );
}

#[test]
fn counts_take_the_phrase_after_the_unit() {
    let f = one("Mục tiêu đặt ra của tỉnh là, đến hết năm 2025, có khoảng 20 doanh nghiệp hoạt động trong các lĩnh vực CNHT có chất lượng.");
    assert_eq!(f.metric, "doanh nghiệp hoạt động trong các lĩnh vực CNHT");
    assert_eq!(
        (f.kind, f.cmp, f.value, f.year, f.status),
        (K::Count, C::Approx, 20.0, Some(2025), S::Target)
    );
}

#[test]
fn amounts_thousands_dots_and_scale_words() {
    let f = one("Quy mô giá trị sản xuất công nghiệp năm 2023 dự kiến đạt 195.000 tỷ đồng.");
    assert_eq!(
        (f.value, f.unit.as_str(), f.kind, f.status),
        (195000.0, "tỷ đồng", K::Amount, S::Estimate)
    );
    assert_eq!(f.metric, "Quy mô giá trị sản xuất công nghiệp");
    let f = one("Sản lượng đạt 2,5 triệu tấn.");
    assert_eq!(
        (f.value, f.unit.as_str(), f.kind),
        (2.5, "triệu tấn", K::Amount)
    );
    assert_eq!(crate::units::split_scale(&f.unit), (1e6, "tấn"));
}

#[test]
fn from_to_capacity() {
    let v = figs(
        "Mở rộng Nhà máy chế biến Alumin (từ 650.000 tấn alumin/ năm lên 800.000 tấn alumin/năm).",
    );
    assert_eq!(v.len(), 2);
    assert_eq!(
        (v[0].value, v[0].status, v[0].per_year),
        (650000.0, S::Achieved, true)
    );
    assert_eq!((v[1].value, v[1].status), (800000.0, S::Target));
}

#[test]
fn falls_are_negative_and_comparison_base_is_not_the_year() {
    let f = one("Năm 2020, quý 2 chỉ số sản xuất giảm 11%.");
    assert_eq!(f.value, -11.0);
    let f = one("Năm 2021 kim ngạch xuất khẩu tăng 14% so với năm 2019.");
    assert_eq!((f.value, f.year), (14.0, Some(2021)));
}

#[test]
fn national_figures_belong_to_the_country() {
    let f = one("Chỉ số sản xuất toàn ngành công nghiệp tăng 6% so với cùng kỳ năm trước.");
    assert_eq!(f.place.as_deref(), Some("Toàn quốc"));
}

#[test]
fn numbers_that_are_not_figures() {
    for t in [
        "Theo Nghị định số 111/2015/NĐ-CP ngày 03/11/2015 của Chính phủ.",
        "Tỉnh ủy thông tin 6 mục tiêu chung cần thực hiện đến năm 2025.",
        "Tỉnh ủy nhấn mạnh 8 nhiệm vụ mà các cơ quan cần thực hiện.",
        "Đường dây nóng: 0866.59.4498 - Thứ ba 07/12/2021 03:37",
        "Từ 16–18/5/2024, sẽ diễn ra triển lãm.",
        "Dịch Covid – 19 kéo dài trong 18 tháng.",
    ] {
        assert!(figs(t).is_empty(), "{t}: {:?}", figs(t));
    }
}

#[test]
fn attribution_falls_back_to_paragraph_then_document() {
    let v = figs(
        "Kon Tum: Ưu tiên phát triển công nghiệp hỗ trợ\n\nNhững năm qua, kinh tế tỉnh Bình Định tăng trưởng. Tốc độ tăng trưởng bình quân đạt 9%.\n\nTỷ lệ lao động đạt 50%.",
    );
    assert_eq!(v[0].place.as_deref(), Some("Bình Định"));
    assert_eq!(v[1].place.as_deref(), Some("Kon Tum"));
}

#[test]
fn a_unit_split_by_a_line_break_stays_inside_its_sentence() {
    // The line break ends the sentence after "tỷ"; extraction must not panic.
    let _ = figs("Quy mô đạt 27,6 tỷ\nUSD. Năm 2020 tăng 5%.\nThêm 3 triệu\nUSD.");
}

#[test]
fn last_words_borrow_only_what_a_join_would_give() {
    fn joined(key: &str, n: usize) -> String {
        let mut w: Vec<&str> = key.split_whitespace().rev().take(n).collect();
        w.reverse();
        w.join(" ")
    }
    for key in [
        "",
        "   ",
        "tăng",
        "đạt mức tăng trưởng ",
        "tối thiểu  là",
        "tối\tthiểu là",
        "tối\u{b}thiểu là",
        "tối\u{a0}thiểu là",
        "a b c d e",
        "\nmới đạt\n",
    ] {
        for n in 0..5 {
            assert_eq!(super::last_words(key, n), joined(key, n), "{key:?} {n}");
        }
    }
}

#[test]
fn comrades_votes_and_passports_are_no_figures() {
    for t in [
        "Hội nghị có 66 đồng chí tham dự.",
        "Nghị quyết được 45/48 đại biểu tán thành, đạt 93,75%.",
        "Công an đã cấp 9 hộ chiếu.",
    ] {
        assert!(figs(t).is_empty(), "{t}");
    }
    // A vote that adopts a plan keeps the plan's figures.
    let v = figs("Các đại biểu đã biểu quyết thông qua việc điều chỉnh chỉ tiêu tăng trưởng GRDP giai đoạn 2020-2025 còn 8%/năm.");
    assert_eq!(v.len(), 1);
}

#[test]
fn a_goal_list_that_moves_on_in_time_keeps_its_goal() {
    let v = figs("Ngày 6/2/2017, Bộ phấn đấu đến năm 2020 kim ngạch xuất khẩu tôm đạt trên 4,5 tỉ USD, năm 2030 đạt 8 - 10 tỉ USD.");
    let st: Vec<_> = v.iter().map(|f| (f.value, f.year, f.status)).collect();
    assert_eq!(
        st,
        [(4.5, Some(2020), S::Target), (8.0, Some(2030), S::Target)]
    );
}

#[test]
fn respectively_takes_the_metrics_of_the_figures_before_it_in_the_sentence() {
    let v = figs("Năm 2020, xuất khẩu đạt 19 tỷ USD, nhập khẩu đạt 14,7 tỷ USD, giảm lần lượt 2,27% và 6,91% so với năm 2019, tương ứng mức xuất siêu đạt khoảng 4,3 tỷ USD.");
    let got: Vec<(f64, &str, K)> = v
        .iter()
        .map(|f| (f.value, f.metric.as_str(), f.kind))
        .collect();
    assert_eq!(
        got,
        [
            (19.0, "xuất khẩu", K::Amount),
            (14.7, "nhập khẩu", K::Amount),
            (-2.27, "xuất khẩu", K::Growth),
            (-6.91, "nhập khẩu", K::Growth),
            (4.3, "mức xuất siêu", K::Amount),
        ]
    );
}

#[test]
fn overlapping_quantities_do_not_break_extraction() {
    // Two quantities share bytes: "7%" and "1 tấn/năm" glued together.
    for t in [
        "7%1 tấn/năm",
        "920,4ha1%",
        "từ 0,03 USD đến0,28 USD/m2",
        "5 tỷ2 triệu USD/ người",
    ] {
        let _ = figs(t);
    }
}

fn metrics(text: &str) -> Vec<(f64, String)> {
    figs(text)
        .into_iter()
        .map(|f| (f.value, f.metric))
        .collect()
}

#[test]
fn a_count_unit_alone_is_no_metric_the_subject_before_is() {
    assert_eq!(
        metrics("Khách du lịch đến thành phố đạt trên 3,07 triệu người, tăng 10,7%."),
        [
            (3.07, "Khách du lịch".into()),
            (10.7, "Khách du lịch".into())
        ]
    );
    // A long subject is kept whole.
    assert_eq!(
        metrics("Tổng số lao động trong các doanh nghiệp công nghiệp đến năm 2016 có trên 59.020 người."),
        [(59020.0, "Tổng số lao động trong các doanh nghiệp công nghiệp".into())]
    );
}

#[test]
fn qualifiers_that_start_with_a_stop_word_stay_in_the_metric() {
    // "bình quân" ends a phrase ("tăng bình quân 7%"), but not "bình quân đầu người";
    // "hàng" ends none unless it is "hàng năm".
    assert_eq!(
        metrics("GRDP bình quân đầu người năm 2025 đạt 8.500 USD."),
        [(8500.0, "GRDP bình quân đầu người".into())]
    );
    assert_eq!(
        metrics("Sản lượng hàng hóa qua cảng đạt 43 triệu tấn."),
        [(43.0, "Sản lượng hàng hóa qua cảng".into())]
    );
    assert_eq!(
        metrics("Năm 2018, mức thực hiện là 75.887 tỷ đồng."),
        [(75887.0, "mức thực hiện".into())]
    );
}

#[test]
fn a_percentage_reached_against_a_base_names_the_base() {
    assert_eq!(
        metrics("Thu ngân sách của đơn vị đạt 158% so với chỉ tiêu pháp lệnh."),
        [(
            158.0,
            "Thu ngân sách của đơn vị so với chỉ tiêu pháp lệnh".into()
        )]
    );
    assert_eq!(
        metrics("Thu ngân sách đạt xấp xỉ 98% so với chỉ tiêu phấn đấu."),
        [(98.0, "Thu ngân sách so với chỉ tiêu phấn đấu".into())]
    );
    // A plan word right after the percentage is its base too; the next figure's base
    // is its own.
    assert_eq!(
        metrics("Vốn FDI đạt 1,5 tỷ USD, đạt 130% kế hoạch năm, bằng 60% so với cùng kỳ."),
        [
            (1.5, "Vốn FDI".into()),
            (130.0, "Vốn FDI so với kế hoạch".into()),
            (60.0, "Vốn FDI so với cùng kỳ".into())
        ]
    );
    // A growth against a base measures what grew.
    assert_eq!(
        metrics("Kim ngạch xuất khẩu tăng 29,2% so với cùng kỳ năm trước."),
        [(29.2, "Kim ngạch xuất khẩu".into())]
    );
}

#[test]
fn a_figure_in_a_table_row_measures_the_row_label() {
    let figures = figs(
        "Chỉ tiêu | Đơn vị | Năm 2025 | Mục tiêu đến năm 2030\n\nTỷ trọng công nghiệp trong GRDP | % | Năm 2025 38% | Mục tiêu đến năm 2030 42%",
    );
    let f = figures.iter().find(|f| f.value == 42.0).expect("42%");
    assert_eq!(f.metric, "Tỷ trọng công nghiệp trong GRDP");
    assert_eq!(f.year, Some(2030));
    assert_eq!(f.status, crate::model::Status::Target);
    let f = figures.iter().find(|f| f.value == 38.0).expect("38%");
    assert_eq!(f.metric, "Tỷ trọng công nghiệp trong GRDP");
    assert_eq!(f.year, Some(2025));
}

#[test]
fn a_numbering_column_is_not_the_row_label() {
    let figures =
        figs("TT | Chỉ tiêu | Năm 2030\n\n1 | Tỷ trọng công nghiệp trong GRDP | Năm 2030 42%");
    let f = figures.iter().find(|f| f.value == 42.0).expect("42%");
    assert_eq!(f.metric, "Tỷ trọng công nghiệp trong GRDP");
}

#[test]
fn a_share_measures_its_part_within_the_whole() {
    assert_eq!(
        metrics("Thu nội địa đạt 9.000 tỷ đồng, chiếm trên 80% tổng thu ngân sách trên địa bàn."),
        [
            (9000.0, "Thu nội địa".into()),
            (80.0, "Thu nội địa trong tổng thu ngân sách".into())
        ]
    );
    // A place's share of a whole, and the place after it that goes on the same way.
    assert_eq!(
        metrics(
            "Hiện nay Trung Quốc chiếm 40% thị phần điện tử toàn cầu, kế tiếp là Hàn Quốc với 12%."
        ),
        [
            (40.0, "thị phần điện tử toàn cầu (Trung Quốc)".into()),
            (12.0, "thị phần điện tử toàn cầu (Hàn Quốc)".into())
        ]
    );
    // A part that names the whole, or is named in it, stays one phrase.
    assert_eq!(
        metrics("Xuất khẩu đạt 5 tỷ USD, chiếm 30% kim ngạch xuất khẩu."),
        [(5.0, "Xuất khẩu".into()), (30.0, "Xuất khẩu".into())]
    );
}

#[test]
fn agents_ranks_and_units_name_no_metric() {
    // The rank of a place in a list measures what the item before measured.
    assert_eq!(
        metrics("Tỉnh Long An đứng đầu với tổng vốn đăng ký 300 triệu USD, tỉnh Tây Ninh đứng thứ hai với 120 triệu USD."),
        [(300.0, "tổng vốn đăng ký".into()), (120.0, "tổng vốn đăng ký".into())]
    );
    // The sentence's subject, before its first verb, when a clause names none.
    assert_eq!(
        metrics("Nhập khẩu trên địa bàn tỉnh giảm mạnh, ước đạt 2,5 tỷ USD."),
        [(2.5, "Nhập khẩu".into())]
    );
    // After a short opener with no verb, the next clause names it.
    assert_eq!(
        metrics("Tại phía Nam, giá thuê đất đã đạt đỉnh mới, ở mức 120 USD/m2."),
        [(120.0, "giá thuê đất".into())]
    );
    // A verb alone says more than a unit.
    let m = metrics("Thế nhưng thực tế cả năm, tỉnh chỉ tăng 1,5%.");
    assert_eq!(m, [(1.5, "tăng".into())]);
}

#[test]
fn a_preposition_before_a_cut_place_goes_with_it() {
    assert_eq!(
        metrics("Vốn FDI vào Đồng Nai đạt 1,2 tỷ USD."),
        [(1.2, "Vốn FDI".into())]
    );
}

#[test]
fn a_part_of_a_year_stays_with_the_metric() {
    // Each quarter its own (as written in the phrase, else after it); a comparison
    // base and a term are none.
    assert_eq!(
        metrics("Chỉ số sản xuất công nghiệp quý 2 giảm 8%, quý 3 giảm 2,5% so với 6 tháng đầu năm 2019."),
        [
            (-8.0, "Chỉ số sản xuất công nghiệp quý 2".into()),
            (-2.5, "Chỉ số sản xuất công nghiệp (quý 3)".into())
        ]
    );
    assert_eq!(
        metrics("9 tháng đầu năm, kim ngạch xuất khẩu đạt 3,2 tỷ USD."),
        [(3.2, "kim ngạch xuất khẩu (9 tháng đầu năm)".into())]
    );
    let m = metrics("Khách hàng trả góp trong 36 tháng với lãi suất 7%.");
    assert!(!m[0].1.contains("(36"), "{m:?}");
}

#[test]
fn a_ratio_of_two_measures_keeps_both() {
    assert_eq!(
        metrics("Tỷ lệ đầu tư xã hội trên GRDP đạt 31 – 32%."),
        [(31.0, "Tỷ lệ đầu tư xã hội trên GRDP".into())]
    );
    // "trên" as "above" is still a comparator, not a ratio.
    assert_eq!(
        metrics("Kim ngạch xuất khẩu đạt trên 5 tỷ USD."),
        [(5.0, "Kim ngạch xuất khẩu".into())]
    );
}

#[test]
fn a_total_goes_on_its_head_and_a_conjunction_comes_off() {
    assert_eq!(
        metrics("Tổng thu ngân sách nhà nước trên địa bàn đạt 13.745 tỷ đồng."),
        [(13745.0, "Tổng thu ngân sách nhà nước".into())]
    );
    let m = metrics("Khu vực dịch vụ tăng 7,33% và thuế sản phẩm trừ trợ cấp sản phẩm tăng 10,3%.");
    assert_eq!(m[1], (10.3, "thuế sản phẩm trừ trợ cấp sản phẩm".into()));
}

#[test]
fn a_name_written_with_a_comma_is_one_phrase() {
    let m = metrics("Khu vực nông, lâm nghiệp và thủy sản tăng 3,99%, khu vực công nghiệp và xây dựng tăng 10,1%.");
    assert_eq!(
        m,
        [
            (3.99, "Khu vực nông, lâm nghiệp và thủy sản".into()),
            (10.1, "khu vực công nghiệp và xây dựng".into())
        ]
    );
}

#[test]
fn a_head_in_an_earlier_clause_gives_way_to_the_number_s_own() {
    let m =
        metrics("Tuyến cao tốc dài 144km, quy mô 4 làn xe, kinh phí đầu tư khoảng 47.520 tỷ đồng.");
    assert_eq!(m.last(), Some(&(47520.0, "kinh phí đầu tư".into())));
    let m = metrics("Chi phí vận hành tăng 5%, trong khi mật độ dân cư cao gấp 6 lần mức chuẩn.");
    assert_eq!(m.last(), Some(&(6.0, "mật độ dân cư cao".into())));
}

#[test]
fn what_a_count_counts_comes_after_it() {
    let m = metrics("Quỹ tài trợ chi phí giải phẫu mắt cho 1.500 người mù nghèo.");
    assert_eq!(m, [(1500.0, "người mù nghèo".into())]);
    let m = metrics("Cục vẫn cán đích thu ngân sách nhà nước và đang nỗ lực thực hiện chỉ tiêu giao thêm 500 tỷ đồng.");
    assert_eq!(m, [(500.0, "thu ngân sách nhà nước".into())]);
}

#[test]
fn a_bracket_the_phrase_did_not_open_ends_it() {
    let m = metrics("Kinh tế biển đóng góp lớn vào quy mô kinh tế của tỉnh (khoảng 56% GRDP).");
    assert_eq!(m, [(56.0, "GRDP".into())]);
}

#[test]
fn the_owner_of_a_head_goes_on_it() {
    let m = metrics("Trong đó, khu vực kinh tế có vốn đầu tư nước ngoài đạt 22.870 triệu USD.");
    assert_eq!(
        m,
        [(22870.0, "khu vực kinh tế có vốn đầu tư nước ngoài".into())]
    );
    // Not when the head is far from the figure's verb.
    let m = metrics("Ngày lễ thường có nhu cầu cao về thực phẩm, do đó giá thực phẩm tăng 4,3%.");
    assert_eq!(m, [(4.3, "giá thực phẩm".into())]);
}

#[test]
fn a_count_s_relative_clause_and_land_s_use_name_what_is_measured() {
    let m = metrics("Thành phố có 24 dự án FDI được cấp phép, tổng vốn 617 triệu USD.");
    assert_eq!(m[0], (24.0, "dự án FDI được cấp phép".into()));
    let m = metrics("Vĩnh Phúc sẵn sàng giao cho nhà đầu tư 500 ha đất sạch.");
    assert_eq!(m, [(500.0, "đất sạch".into())]);
}

#[test]
fn after_with_an_amount_is_named_by_what_follows() {
    let m =
        metrics("Doanh nghiệp là nhân tố quyết định với 32.500 tỷ đồng đóng góp cho ngân sách.");
    assert_eq!(m, [(32500.0, "đóng góp cho ngân sách".into())]);
}

#[test]
fn an_item_naming_another_member_of_a_class_measures_the_same() {
    let m = metrics(
        "Phấn đấu tốc độ tăng trưởng giá trị tăng thêm lĩnh vực nông lâm, thủy sản giai đoạn 2021 – 2025 đạt 4,5%; lĩnh vực công nghiệp, xây dựng giai đoạn 2021 – 2025 đạt 14,5%; lĩnh vực dịch vụ đạt 8%.",
    );
    assert_eq!(
        m,
        [
            (
                4.5,
                "tốc độ tăng trưởng giá trị tăng thêm lĩnh vực nông lâm, thủy sản".into()
            ),
            (
                14.5,
                "tốc độ tăng trưởng giá trị tăng thêm lĩnh vực công nghiệp, xây dựng".into()
            ),
            (
                8.0,
                "tốc độ tăng trưởng giá trị tăng thêm lĩnh vực dịch vụ".into()
            ),
        ]
    );
    // The base a figure was measured against is no other member.
    let m = metrics("Số thu đạt 158% so với chỉ tiêu pháp lệnh 2.750 tỷ đồng.");
    assert_eq!(m[1], (2750.0, "chỉ tiêu pháp lệnh".into()));
}

#[test]
fn a_bracket_opened_after_the_figure_before_details_its_own_phrase() {
    let m =
        metrics("GRDP đạt 7,1%; cơ cấu kinh tế chuyển dịch theo hướng dịch vụ (chiếm gần 60%).");
    assert_ne!(m[1].1, "GRDP");
    // A bracket right after a figure restates it.
    let m = metrics("Kinh phí đầu tư khoảng 47.520 tỷ đồng (tương đương 2,160 tỷ USD).");
    assert_eq!(m[1], (2.16, "Kinh phí đầu tư".into()));
}

#[test]
fn a_year_right_after_a_number_and_an_aside_s_year_stay_theirs() {
    let y: Vec<_> =
        figs("Tỷ lệ chuyển sang vốn thực hiện tăng từ gần 41% năm 2015 lên hơn 45% năm 2016.")
            .into_iter()
            .map(|f| (f.value, f.year))
            .collect();
    assert_eq!(y, [(41.0, Some(2015)), (45.0, Some(2016))]);
    let f = figs("Tăng trưởng ước đạt 10,36%, (kế hoạch là 9,4%, năm 2017 tăng 9,53%) với mức thực hiện 75.887,34 tỷ đồng.");
    let last = f.last().map(|f| (f.value, f.year));
    assert_eq!(last, Some((75887.34, None)));
}

#[test]
fn a_label_before_a_colon_names_the_figure() {
    assert_eq!(
        metrics("Giá bán lẻ: 10 - 20 USD."),
        [(10.0, "Giá bán lẻ".into())]
    );
    assert_eq!(metrics("Cụ thể: 10 dự án."), [(10.0, "dự án".into())]);
}

#[test]
fn a_predicate_comes_off_the_last_resort_phrase() {
    let m = metrics("Nhà đầu tư Hermitage Capital (Canada) đã đặt giả thuyết giá dầu có thể tăng đến 262 USD/thùng.");
    assert!(m[0].1.ends_with("giá dầu"), "{m:?}");
}

#[test]
fn a_time_after_a_share_is_not_what_it_measures() {
    let m = metrics(
        "Khoảng 50% bệnh nhân bị tiểu đường sẽ bị bệnh lý võng mạc sau 10 năm và 85% sau 15 năm.",
    );
    assert_eq!(m[1], (85.0, "bệnh nhân bị tiểu đường".into()));
}

#[test]
fn a_change_of_a_count_measures_the_count() {
    let m = metrics("Tổng số doanh nghiệp công nghiệp đến cuối năm 2016 là 886 doanh nghiệp, tăng 199 doanh nghiệp so với năm 2010.");
    assert_eq!(m[1], (199.0, "Tổng số doanh nghiệp công nghiệp".into()));
    // A kept phrase ending with a stop word keeps it.
    let m = metrics("Tỉnh có khoảng 4.050 doanh nghiệp đăng ký thành lập mới.");
    assert_eq!(m, [(4050.0, "doanh nghiệp đăng ký thành lập mới".into())]);
}

#[test]
fn review_cases_keep_their_old_reading() {
    // The "với" of "so với" is a base, not what names an amount.
    let m = metrics("Kim ngạch xuất khẩu đạt 5 tỷ USD, tăng 19% so với 4,2 tỷ USD cùng kỳ.");
    assert_eq!(m[2], (4.2, "Kim ngạch xuất khẩu".into()));
    // A count after a count is a change of it only after a verb of change.
    let m = metrics("Năm 2020, toàn tỉnh có 886 doanh nghiệp FDI; 1.200 doanh nghiệp.");
    assert_eq!(m[1], (1200.0, "doanh nghiệp".into()));
    // A pronoun owns no head; land at a scale still names its use.
    assert_eq!(
        metrics("Năm 2020 tỉnh ta có GRDP đạt 5 tỷ USD.")[0].1,
        "GRDP"
    );
    assert_eq!(
        metrics("Tỉnh hỗ trợ 1,5 nghìn ha đất sạch.")[0].1,
        "đất sạch"
    );
}

#[test]
fn a_phrase_cut_short_does_not_start_inside_a_word() {
    let m =
        metrics("Theo kết luận, bị can đã đưa hối lộ cho cán bộ trực tiếp điều tra 10 triệu đồng.");
    assert!(m[0].1.contains("cán bộ"), "{m:?}");
}

#[test]
fn a_verb_names_no_measure_what_the_number_counts_does() {
    assert_eq!(
        metrics("Năm 2020, các KCN của tỉnh thu hút 50 dự án."),
        [(50.0, "dự án".to_string())]
    );
    assert_eq!(
        metrics("Tỉnh thu hút 2 tỷ USD vốn FDI."),
        [(2.0, "vốn FDI".to_string())]
    );
    assert_eq!(
        metrics("Bình Dương đón 700 triệu USD vốn đầu tư nước ngoài."),
        [(700.0, "vốn đầu tư nước ngoài".to_string())]
    );
    // The count's scale word is no part of what it counts.
    assert_eq!(
        metrics("Khu công nghiệp thu hút 1,1 triệu lao động ngành may."),
        [(1.1, "lao động ngành may".to_string())]
    );
    // A noun before the verb still names the measure when nothing follows.
    assert_eq!(
        metrics("Xuất khẩu đạt 2 tỷ USD."),
        [(2.0, "Xuất khẩu".to_string())]
    );
}

#[test]
fn chứ_không_phải_ends_a_phrase() {
    let m = metrics("Tầm nhìn phải là 30 triệu người sinh sống chứ không phải 2 triệu người.");
    assert_eq!(m[0].1, "người sinh sống");
    assert!(!m[1].1.contains("không"), "{m:?}");
}

#[test]
fn đối_với_ends_a_phrase_whole() {
    let m = metrics("Cục Hải quan đã thực hiện hoàn trên 707,6 triệu đồng đối với 5 doanh nghiệp.");
    assert!(m.iter().all(|(_, p)| !p.ends_with("đối")), "{m:?}");
    assert_eq!(m[1].1, "doanh nghiệp");
}

#[test]
fn a_hanging_vào_comes_off_a_phrase() {
    assert_eq!(
        metrics("Tỉnh phấn đấu đạt mục tiêu 50 dự án vào năm 2030."),
        [(50.0, "dự án".to_string())]
    );
}

#[test]
fn the_year_right_after_a_number_is_that_number_s() {
    let v = figs("Mục tiêu đề ra tỉ lệ nội địa hóa đạt 40% vào năm 2005 và 60% vào năm 2010.");
    let years: Vec<_> = v.iter().map(|f| (f.value, f.year)).collect();
    assert_eq!(years, [(40.0, Some(2005)), (60.0, Some(2010))]);
}

#[test]
fn compared_with_a_year_before_it_is_of_the_year_under_way() {
    let v = figs(
        "Thị trường khu công nghiệp quý 1/2021\n\nTại Bắc Ninh, giá thuê tăng 8,1% so với cùng kỳ năm ngoái.",
    );
    assert_eq!(
        (v[0].value, v[0].year, v[0].status),
        (8.1, Some(2021), S::Achieved)
    );
    let v = figs(
        "Thị trường khu công nghiệp quý 1/2021\n\nSo với cùng kỳ năm ngoái, giá thuê tại Bắc Ninh tăng 8,1%.",
    );
    assert_eq!((v[0].value, v[0].year), (8.1, Some(2021)));
    // A year's review compares with the year before: no year from that.
    let v = figs("Tổng kết năm 2023\n\nNgày 5/1/2024, Sở tổng kết.\n\nKim ngạch xuất khẩu đạt 12 tỷ USD, tăng 9% so với năm trước.");
    assert_ne!(v[1].year, Some(2024));
    // The base year itself is not the figure's.
    let v = figs("Thị trường khu công nghiệp quý 1/2021\n\nGiá thuê tăng 8,1% so với năm 2015.");
    assert_ne!(v[0].year, Some(2015));
}

#[test]
fn a_will_abroad_foretells_and_a_province_s_will_is_its_aim() {
    let v = figs("Dệt may quý 1/2005\n\nBình Dương phát triển dệt may. Trong vòng 5 năm tới Trung Quốc sẽ chiếm trên 50% thị phần dệt may toàn cầu.");
    let f = &v[0];
    assert_eq!(
        (f.place.as_deref(), f.status, f.year),
        (None, S::Estimate, Some(2010))
    );
    // A decision abroad is its maker's aim.
    let v = figs("Dệt may quý 1/2005\n\nChính phủ Trung Quốc cho biết sẽ chi thêm 1,56 tỉ USD trong năm 2006.");
    assert_eq!((v[0].place.as_deref(), v[0].status), (None, S::Target));
    let v =
        figs("Bình Dương phát triển dệt may. Đến năm 2030, tỉnh sẽ đạt tỷ trọng công nghiệp 40%.");
    assert_eq!(
        (v[0].place.as_deref(), v[0].status),
        (Some("Bình Dương"), S::Target)
    );
}

#[test]
fn no_metric_is_a_syllable_of_a_word_cut_in_two() {
    let m = metrics(
        "Hai mươi năm trước GDP đầu người của VN là 100 USD/năm, còn hiện giờ là 500 USD/năm.",
    );
    assert_eq!(m[1], (500.0, "GDP đầu người".into()));
    let m = metrics("Người dân chọn định mức 400 kWh.");
    assert_eq!(m, [(400.0, "Người dân chọn định mức".into())]);
    let m = metrics("Trong đó, chuối là đắt nhất, trung bình khoảng 15.000 đồng/nải.");
    assert_ne!(m[0].1, "trung");
    // The reporting verb ends the phrase on its left.
    let m =
        metrics("Phó giám đốc Lê Mạnh Hùng cho biết doanh số của công ty này sụt giảm hơn 50%.");
    assert_eq!(m, [(-50.0, "doanh số của công ty".into())]);
}

#[test]
fn a_level_a_rate_falls_to_or_from_is_not_signed() {
    let v = figs("Tỷ lệ hộ nghèo giảm còn 3%.");
    assert_eq!(v[0].value, 3.0);
    let v = figs("Thuế nhập khẩu giảm từ 10% xuống 8%.");
    assert_eq!((v[0].value, v[1].value), (10.0, 8.0));
    // The size of a fall stays a fall, and an adverb is no metric.
    assert_eq!(
        figs("Quý 4 mức giảm chỉ còn 0,3% so với cùng kỳ.")[0].value,
        -0.3
    );
    let v = figs("Xuất khẩu giảm mạnh 5%.");
    assert_eq!((v[0].value, v[0].metric.as_str()), (-5.0, "Xuất khẩu"));
    // "Theo cam kết": a commitment quoted is no aim of the subject; "cam kết sẽ" is.
    let v = figs("Các hãng cam kết sẽ đồng loạt tăng thêm 3% giá vé.");
    assert_eq!(v[0].status, S::Target);
}

#[test]
fn what_a_subject_supplies_names_the_share_and_a_cut_phrase_ends_before_its_conjunction() {
    let m = metrics(
        "Venezuela là nước xuất khẩu dầu mỏ lớn, cung cấp 15% số lượng dầu mỏ nhập khẩu của Mỹ.",
    );
    assert_eq!(m, [(15.0, "số lượng dầu mỏ nhập khẩu của Mỹ".into())]);
    let m = metrics(
        "Doanh nghiệp cung cấp 40% linh kiện nhựa cho sản xuất xe máy và tham gia phát triển.",
    );
    assert_eq!(m, [(40.0, "linh kiện nhựa cho sản xuất xe máy".into())]);
}

#[test]
fn one_unit_of_a_currency_priced_in_another_is_no_figure() {
    let v = figs("Hiện 1 euro đổi được 1,2144 USD, tăng gần 1% so với hôm qua.");
    assert!(v.iter().all(|f| f.unit != "euro"), "{v:#?}");
    assert!(v.iter().any(|f| f.value == 1.2144 && f.unit == "USD"));
    // One dollar that is an amount stays one.
    let v = figs("Doanh nghiệp đầu tư 1 USD thu về 3 USD.");
    assert_eq!(v.len(), 2);
}

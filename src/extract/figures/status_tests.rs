//! Status and time on sentences from real articles: one passage in, each figure's
//! status, year and the rule that decided.

use crate::extract::extract;
use crate::model::{Status as S, StatusRule as R};

/// (value, status, year, rule) of every figure.
fn read(text: &str) -> Vec<(f64, S, Option<i32>, R)> {
    extract(text)
        .figures
        .into_iter()
        .map(|f| (f.value, f.status, f.year, f.reason.rule))
        .collect()
}

fn statuses(text: &str) -> Vec<S> {
    read(text).into_iter().map(|f| f.1).collect()
}

#[test]
fn a_goal_word_that_opens_a_list_governs_every_item() {
    let v = read(
        "Năm 2020 GRDP ước đạt 5%.\n\nTP cũng xác định 17 chỉ tiêu chủ yếu, như tốc độ tăng trưởng GRDP giai đoạn 2021-2025 từ 7,5-8%; \
         tỷ trọng kinh tế số trong GRDP chiếm khoảng 30%; tỷ lệ đô thị hóa 60-62%.",
    );
    assert_eq!(v.len(), 4, "{v:?}");
    for f in &v[1..] {
        assert_eq!((f.1, f.2), (S::Target, Some(2025)), "{f:?}");
    }
    assert_eq!(v[2].3, R::GoalList);
}

#[test]
fn list_items_on_their_own_lines() {
    let v =
        read("Mục tiêu đến năm 2030:\n\n- Tỷ trọng công nghiệp đạt 40%.\n\n- Thu hút 50 dự án.");
    assert_eq!(v.len(), 2);
    assert!(
        v.iter().all(|f| f.1 == S::Target && f.2 == Some(2030)),
        "{v:?}"
    );
}

#[test]
fn a_year_before_the_reference_year_is_reported() {
    // The text states no date: the latest reported year (2017) is inferred.
    let v = read(
        "6 tháng đầu năm 2017, chỉ số sản xuất tăng 9%. Đến hết năm 2016, toàn tỉnh có 33 CCN. \
         Theo quy hoạch đến năm 2020 có 50 CCN.",
    );
    assert_eq!(v[1], (33.0, S::Achieved, Some(2016), R::PastYear));
    assert_eq!((v[2].1, v[2].2), (S::Target, Some(2020)));
}

#[test]
fn an_estimate_word_beats_a_deadline() {
    let v = read("Ước đến hết năm 2020, tỉnh thu hút được 1.215 dự án đầu tư.");
    assert_eq!((v[0].1, v[0].3), (S::Estimate, R::EstimateCue));
}

#[test]
fn goals_stated_with_must_plan_and_resolution() {
    for t in [
        "Giá trị tăng trưởng dịch vụ trong năm tới phải đạt 12%.",
        "Mức tăng trưởng GDP phải trên 12,5%.",
        "Hải Phòng phấn đấu đạt mức tăng trưởng cao hơn kế hoạch đặt ra (12,5-13%).",
        "Tốc độ tăng bình quân giai đoạn 2011-2016 đạt 15,07%, đạt xấp xỉ mục tiêu Nghị quyết đề ra (16-17%).",
        "Theo ông Lịch, để đạt được mức tăng trưởng giai đoạn 5 năm tới là 12,5%, thành phố cần chuyển đổi.",
    ] {
        assert_eq!(statuses(t).last(), Some(&S::Target), "{t}: {:?}", read(t));
    }
}

#[test]
fn will_is_no_goal_in_a_condition_a_forecast_or_an_entitlement() {
    let v = read("Nhà đầu tư sẽ được miễn tiền thuê đất 11 năm.");
    assert!(v.iter().all(|f| f.1 != S::Target), "{v:?}");
    let v = read("Nếu giá dầu giảm thì tỷ lệ sẽ là 79%.");
    assert_eq!(v[0].1, S::Estimate);
    let v = read("Nếu dự án có tỷ lệ xuất khẩu trên 50% thì tỉnh sẽ hỗ trợ 30% chi phí.");
    assert!(v.iter().all(|f| f.1 == S::Estimate), "{v:?}");
    let v = read("Theo dự đoán, sản lượng sẽ đạt 2 triệu tấn.");
    assert_eq!(v[0].1, S::Estimate);
}

#[test]
fn will_is_an_aim_for_a_province_or_a_deadline_and_a_forecast_otherwise() {
    assert_eq!(
        statuses("Người uống rượu vang có nguy cơ ung thư phổi sẽ giảm 40%."),
        [S::Estimate]
    );
    assert_eq!(
        statuses("Tỉnh Vĩnh Phúc sẽ chi gần 100 tỷ đồng."),
        [S::Target]
    );
    let v = read("Năm 2005 đạt 5%. Đến năm 2010, tổng vốn đầu tư sẽ khoảng 60.000 tỷ đồng.");
    assert_eq!((v[1].1, v[1].2), (S::Target, Some(2010)));
}

#[test]
fn a_rise_over_past_years_is_reported() {
    let v = read(
        "Năm 2005 xuất khẩu đạt 8 tỷ USD. Kim ngạch tăng từ 1,05 tỷ USD lên 4,55 tỷ USD trong giai đoạn 2001-2003.",
    );
    assert!(v.iter().all(|f| f.1 == S::Achieved), "{v:?}");
}

#[test]
fn words_that_only_look_like_cues() {
    let v = read("Năm 2019 doanh nghiệp chỉ tiêu thụ được 60% sản lượng.");
    assert_eq!(v[0].1, S::Achieved);
    let v = read("Vụ Kế hoạch cho biết năm 2020 xuất khẩu tăng 5%.");
    assert_eq!(v[0].1, S::Achieved);
}

#[test]
fn results_against_a_plan_are_reported() {
    let v =
        read("Thu hút đầu tư đạt 29.000 tỷ đồng, đạt 290% kế hoạch năm, bằng 85% so với cùng kỳ.");
    assert!(v.iter().all(|f| f.1 == S::Achieved), "{v:?}");
    assert_eq!(v[1].3, R::PlanResult);
}

#[test]
fn relative_years_resolve_against_the_stated_date() {
    let v = read(
        "Thứ Sáu, ngày 1 tháng 12 năm 2023\n\nTăng trưởng năm nay là 8%, năm tới phải đạt 9%.",
    );
    assert_eq!(v[0].2, Some(2023));
    assert_eq!((v[1].1, v[1].2), (S::Target, Some(2024)));
}

#[test]
fn a_goal_year_does_not_reach_unrelated_later_figures() {
    let v = read(
        "Mục tiêu đến năm 2030 tỷ trọng đạt 40%.\n\nMột đoạn khác.\n\nMột đoạn nữa.\n\nDoanh nghiệp có 300 lao động.",
    );
    assert_eq!(v.last().map(|f| (f.1, f.2)), Some((S::Achieved, None)));
}

#[test]
fn compared_with_the_reference_year_it_speaks_of_the_next() {
    let v = read(
        "Năm 2020 doanh thu đạt 2.195 tỷ đồng.\n\nCông ty đặt mục tiêu lợi nhuận năm 2021 đạt 700 tỷ đồng. Doanh thu đạt 2.224 tỷ đồng, tăng 1,3% so với năm 2020.",
    );
    let last = v.last().copied();
    assert_eq!(
        last.map(|f| (f.1, f.2)),
        Some((S::Target, Some(2021))),
        "{v:?}"
    );
}

#[test]
fn the_change_of_an_estimate_is_an_estimate() {
    // "so với cùng kỳ" reports a change, but the change of an estimated amount is
    // estimated with it.
    let v =
        read("Năm 2020, kim ngạch nhập khẩu ước đạt 21.466 triệu USD, tăng 7,6% so với cùng kỳ.");
    assert_eq!(v.len(), 2, "{v:?}");
    assert!(
        v.iter().all(|f| f.1 == S::Estimate && f.2 == Some(2020)),
        "{v:?}"
    );
    // Without an estimate word the same change is a report.
    let v = read("Năm 2020, kim ngạch nhập khẩu đạt 21.466 triệu USD, tăng 7,6% so với cùng kỳ.");
    assert!(v.iter().all(|f| f.1 == S::Achieved), "{v:?}");
}

#[test]
fn an_estimate_of_a_year_under_way_dates_the_figures_reported_after_it() {
    let v = read(
        "Báo cáo năm 2021.\n\nNăm 2020, xuất khẩu ước đạt 6.916 triệu USD, tăng 29,2%; \
         kế tiếp là Nhật Bản 3.605 triệu USD.",
    );
    let japan = v.iter().find(|f| f.0 == 3605.0).expect("the Japan figure");
    assert_eq!(japan.2, Some(2020), "{v:?}");
}

#[test]
fn a_year_that_starts_a_period_running_to_now_is_not_the_figures() {
    // "từ năm 2016 đến nay" is no report of 2016: the text speaks from later, so the
    // 2023 figure after it is a report, not a goal of a year ahead.
    let v = read(
        "Từ năm 2016 đến nay, tỉnh đã thu hút 200 dự án. Năm 2023, thu ngân sách đạt 10.000 tỷ đồng.",
    );
    assert_eq!(v[0].2, None, "{v:?}");
    assert_eq!((v[1].1, v[1].2), (S::Achieved, Some(2023)), "{v:?}");
    // From the start of a year to now lies within that year.
    let v = read("Từ đầu năm 2017 đến nay, tỉnh đã thu hút thêm 3 dự án.");
    assert_eq!((v[0].1, v[0].2), (S::Achieved, Some(2017)), "{v:?}");
}

#[test]
fn a_stock_as_of_now_takes_no_year_reported_before_it() {
    let v = read(
        "Năm 2016, tỉnh thu hút 30 dự án FDI. Như vậy, tính đến nay trên địa bàn tỉnh đang có 301 dự án FDI với tổng vốn 27 tỉ USD.",
    );
    assert_eq!(v[0].2, Some(2016), "{v:?}");
    assert_eq!((v[1].1, v[1].2), (S::Achieved, None), "{v:?}");
    assert_eq!(v[2].2, None, "{v:?}");
    // Its own year still dates it.
    let v = read("Năm 2016, tỉnh thu hút 30 dự án. Lũy kế đến hết năm 2019, tỉnh có 301 dự án.");
    assert_eq!(v[1].2, Some(2019), "{v:?}");
}

#[test]
fn the_will_of_a_plan_is_the_plan_s() {
    let v = read("Theo kế hoạch, trong tháng 8, đường bay TP HCM - Côn Đảo sẽ có 11 chuyến/tuần.");
    assert_eq!(v[0].1, S::Target, "{v:?}");
    // A "sẽ" with no plan before it foretells.
    let v = read("Giới phân tích cho rằng giá vàng sẽ lên 500 USD/ounce.");
    assert_eq!(v[0].1, S::Estimate, "{v:?}");
}

#[test]
fn the_same_period_of_a_year_names_the_year_after_it() {
    let v = read("Nhu cầu sử dụng ôtô của Trung Quốc quý I tăng 20% so với cùng kỳ năm 2003.");
    assert_eq!(v[0].2, Some(2004), "{v:?}");
    let v = read("Tổng kim ngạch XNK đạt hơn 5,1 tỷ USD, bằng 119% cùng kỳ 2019.");
    assert_eq!(v[1].2, Some(2020), "{v:?}");
    // A base year alone says only that the figure is later.
    let v = read("Kim ngạch tăng 13% so với năm 2019.");
    assert_eq!(v[0].2, None, "{v:?}");
    // A later year of its paragraph wins: in 2021–22 the base was often 2019.
    let v = read("Năm 2021, tỉnh thu hút 30 dự án. Tổng vốn tăng 20% so với cùng kỳ năm 2019.");
    assert_eq!(v[1].2, Some(2021), "{v:?}");
    // A year of its paragraph no later than the base is another period's.
    let v = read("Năm 2019 thu 50 tỷ đồng. Năm nay thu tăng 54% so với cùng kỳ năm 2019.");
    assert_eq!(v[1].2, Some(2020), "{v:?}");
    // Named at the end of its sentence, the base dates all it reports.
    let v = read(
        "Petrovietnam đã khai thác trên 10 triệu tấn dầu thô và gần 2,9 tỷ m3 khí, tăng trên \
         1 triệu tấn dầu thô và 1,3 tỷ m3 khí so với cùng kỳ năm 2003.",
    );
    assert!(v.iter().all(|f| f.2 == Some(2004)), "{v:?}");
}

#[test]
fn a_stock_word_inside_another_word_or_a_year_to_date_is_no_stock() {
    let v =
        read("Năm 2020, tỉnh thu hút 30 dự án. Các dự án đã thực hiện có tổng vốn 500 tỷ đồng.");
    assert_eq!(v[1].2, Some(2020), "{v:?}");
    let v = read("Năm 2020, tỉnh thu hút 30 dự án. Từ đầu năm đến nay, tỉnh thu hút 30 dự án.");
    assert_eq!(v[1].2, Some(2020), "{v:?}");
}

#[test]
fn an_effect_foretold_and_a_supposition_are_estimates() {
    let v = read("Việc thực thi FTA sẽ giúp kinh tế ASEAN tăng trưởng thêm 2% vào năm 2025.");
    assert_eq!(v[0].1, S::Estimate, "{v:?}");
    let v = read("Giả sử doanh nghiệp có 1 tỷ đồng đưa vào kinh doanh thì vẫn phải đăng ký.");
    assert_eq!(v[0].1, S::Estimate, "{v:?}");
}

#[test]
fn a_view_quoted_foretells_and_sets_no_aim() {
    let v = read("Các chuyên gia cho rằng năm 2030 xuất khẩu của tỉnh sẽ tăng 5%.");
    assert_eq!((v[0].1, v[0].2), (S::Estimate, Some(2030)), "{v:?}");
    // The province's own "sẽ" with a year ahead is its aim.
    let v = read("Năm 2030 tỉnh sẽ có thêm 2 KCN với tổng vốn 500 tỷ đồng.");
    assert!(v.iter().all(|f| f.1 == S::Target), "{v:?}");
}

#[test]
fn a_goal_year_reaches_the_next_paragraph_only_as_a_plan() {
    let v = read(
        "Báo cáo năm 2021.\n\nCông ty đặt mục tiêu năm 2022 sản lượng đạt 37,5 triệu tấn.\n\n\
         Doanh thu đạt 2.224 tỷ đồng.\n\nKhánh Hòa cách TP HCM 448 km.",
    );
    let year = |value: f64| v.iter().find(|f| f.0 == value).map(|f| f.2);
    assert_eq!(year(2224.0), Some(Some(2022)), "{v:?}");
    assert_eq!(year(448.0), Some(None), "{v:?}");
}

#[test]
fn a_turn_ends_the_goal_frame() {
    let v = read(
        "Báo cáo năm 2017.\n\nBộ phấn đấu năm 2030 kim ngạch đạt 8 tỉ USD. Tuy nhiên, báo cáo cũng chỉ ra nhiều bất cập. \
         Do vậy, mỗi năm phải nhập khẩu từ 180.000 - 260.000 con tôm bố mẹ.",
    );
    let shrimp = v
        .iter()
        .find(|f| f.0 == 180000.0)
        .expect("the count of shrimp");
    assert_eq!(shrimp.1, S::Achieved, "{v:?}");
    assert_ne!(shrimp.2, Some(2030), "{v:?}");
}

#[test]
fn a_dateline_with_one_year_beside_it_dates_the_text() {
    let text = "Ngày 6/2, UBND tỉnh tổ chức ngày hội đầu tư Xuân Đinh Dậu 2017.\n\n\
                Năm 2018 tỉnh thu hút 50 dự án.";
    let ex = extract(text);
    assert_eq!(ex.date.map(|d| d.date.year), Some(2017));
    // The year 2018 lies ahead of that date: the figure is an aim.
    assert_eq!(ex.figures[0].status, S::Target);
    // A term of office is a period, not the date; a deadline lies ahead of it.
    let ex = extract("Ngày 26/1, Hiệp hội tổ chức Đại hội lần thứ II, nhiệm kỳ 2020-2025.");
    assert_eq!(ex.date, None);
    let ex = extract("Ngày 6/2, UBND tỉnh công bố quy hoạch đến năm 2030.");
    assert_eq!(ex.date, None);
}

#[test]
fn a_paragraph_that_goes_on_with_the_one_before_keeps_its_time() {
    let v = read(
        "Lũy kế 8 tháng năm 2020, chỉ số sản xuất công nghiệp tăng 6,47% so với cùng kỳ.\n\n\
         Trong đó, một số ngành tăng khá như: in tăng 9,9%; kim loại tăng 10,1%.",
    );
    assert!(v.iter().all(|f| f.2 == Some(2020)), "{v:?}");
    // A paragraph of its own does not.
    let v = read(
        "Lũy kế 8 tháng năm 2020, chỉ số sản xuất công nghiệp tăng 6,47% so với cùng kỳ.\n\n\
         Một số ngành tăng khá như: in tăng 9,9%.",
    );
    assert_eq!(v[1].2, None, "{v:?}");
}

#[test]
fn nếu_with_a_past_year_sets_facts_side_by_side() {
    let v = read(
        "Năm 2020 tỉnh có 5 KCN. Nếu năm 2018 sản xuất ô tô đạt 258.116 xe thì năm 2019 đạt 330.000 xe.",
    );
    assert!(v.iter().all(|f| f.1 == S::Achieved), "{v:?}");
    // A condition on no past year is one.
    assert_eq!(
        statuses("Nếu giá dầu giảm thì kim ngạch có thể giảm 5%."),
        [S::Estimate]
    );
}

#[test]
fn a_goal_missed_or_met_reports_a_result() {
    let v = read("Năm 2020 thu ngân sách không đạt mục tiêu do hụt mất nguồn thu 2.800 tỷ đồng.");
    assert_eq!(v[0].1, S::Achieved, "{v:?}");
    let v = read("Năm 2019 tỉnh đã hoàn thành mục tiêu thu hút 50 dự án.");
    assert_eq!(v[0].1, S::Achieved, "{v:?}");
    // An aim to meet one is still an aim.
    let v = read("Tỉnh phấn đấu đạt mục tiêu 50 dự án vào năm 2030.");
    assert_eq!((v[0].1, v[0].2), (S::Target, Some(2030)), "{v:?}");
}

#[test]
fn a_text_speaks_from_no_earlier_than_the_year_its_reports_compare_with() {
    // The only other year reported is an old one: the text is of 2004 at least.
    let t = "Năm 2000, công ty đạt doanh thu 10 tỷ đồng.\n\nTổng tài sản đạt gần 3.000 tỷ đồng, tăng hơn 300 tỷ so với đầu năm 2004. Dự kiến, 6 tháng cuối năm, công ty sẽ huy động thêm 500 tỷ đồng.";
    let d = crate::extract::extract(t);
    assert_eq!(d.date.map(|d| d.date.year), Some(2004), "{:?}", d.date);
}

#[test]
fn the_older_spelling_of_a_quarter_dates_as_the_newer() {
    let v = read("Năm 2005 thu hút đầu tư khá. Quí I/2005, kim ngạch đạt 2 tỷ USD.");
    assert_eq!(v[0].2, Some(2005), "{v:?}");
    let v = read(
        "TP.HCM thu hút đầu tư\n\nThứ hai, 12/4/2005\n\nTrong quí 1, TP.HCM thu hút được 60 dự án.",
    );
    assert_eq!(v[0].2, Some(2005), "{v:?}");
}

#[test]
fn a_level_reached_in_a_clause_of_purpose_is_its_aim() {
    let v = read("Tỉnh đề nghị các ngành tập trung để thúc đẩy tăng trưởng đạt từ 8,5 - 9%.");
    assert_eq!((v[0].1, v[0].3), (S::Target, R::GoalCue), "{v:?}");
    let v = read("Để đưa ngành chăn nuôi gia cầm đạt giá trị 21.000 tỉ đồng, cần đầu tư lớn.");
    assert_eq!(v[0].1, S::Target, "{v:?}");
    // A report before it governs on; a rise after a purpose is no level reached; a
    // person named Đạt is no verb.
    assert_eq!(
        statuses("Năm 2024, tỉnh đã nỗ lực để tăng trưởng đạt 8%."),
        [S::Achieved]
    );
    assert_eq!(
        statuses("Tỉnh thu hồi 102 ha để giao cho ban quản lý, tăng diện tích lên 913 ha."),
        [S::Achieved, S::Achieved]
    );
    assert_eq!(
        statuses("Công ty ký hợp đồng để nhập khẩu gỗ và ông Đạt mua 7.000 m3 gỗ."),
        [S::Achieved]
    );
    // "để" that only qualifies a noun, a purpose cut off by a comma or "và", and a
    // report after the number keep the report.
    for t in [
        "Kinh phí để thực hiện chương trình đạt 300 tỷ đồng.",
        "Để hỗ trợ nông dân, sản lượng lúa toàn tỉnh đạt 1,2 triệu tấn.",
        "Tỉnh chi nhiều để đưa điện về thôn, sản lượng điện đạt 2 triệu kWh.",
        "Tỉnh nỗ lực để đưa doanh thu du lịch đạt 300 tỷ đồng so với cùng kỳ.",
    ] {
        assert_eq!(statuses(t), [S::Achieved], "{t}");
    }
}

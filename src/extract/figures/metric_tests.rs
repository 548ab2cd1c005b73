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

#[test]
fn a_verb_whose_object_is_the_amount_takes_the_goods_after_the_unit() {
    let m = metrics("Mỗi năm, cả nước nhập khẩu khoảng 1 triệu tấn lúa mỳ để đáp ứng nhu cầu.");
    assert_eq!(m, [(1.0, "nhập khẩu lúa mỳ".into())]);
    let m = metrics("Năm 1998 TP chi 16 tỉ đồng để nạo vét kênh Nhiêu Lộc - Thị Nghè.");
    assert_eq!(
        m,
        [(16.0, "chi để nạo vét kênh Nhiêu Lộc - Thị Nghè".into())]
    );
    let m = metrics("Nhật Bản đã nhập khẩu tổng cộng 3,76 triệu tấn bắp từ Mỹ.");
    assert_eq!(m, [(3.76, "nhập khẩu bắp".into())]);
    // The goods end at a conjunction.
    let m = metrics("Cả nước sản xuất 36 triệu tấn lúa và lượng gạo dành cho xuất khẩu.");
    assert_eq!(m[0], (36.0, "sản xuất lúa".into()));
}

#[test]
fn the_next_item_of_a_trade_names_its_own_goods() {
    let m = metrics("Mỗi năm nhà máy chỉ sản xuất 50.000 tấn bột và 70.000 tấn giấy.");
    assert_eq!(m[1], (70000.0, "sản xuất giấy".into()));
    let m = metrics(
        "Nhật Bản nhập khẩu 3,76 triệu tấn bắp, trong đó có 21 tấn bắp hạt ngọt và 7,613 tấn bắp rang.",
    );
    assert_eq!(m[1], (21.0, "nhập khẩu bắp hạt ngọt".into()));
    assert_eq!(m[2], (7.613, "nhập khẩu bắp rang".into()));
    // Another clause is no item of the list; "Chi phí" is no verb.
    let m = metrics("TP chi 16 tỉ đồng để nạo vét kênh, nhưng 200.000 tấn bùn bị giữ lại.");
    assert_ne!(m[1].1, "chi bùn bị giữ lại");
    let m =
        metrics("Chi phí lắp đồng hồ nước: mặt tiền đường 1.500.000 đồng/hộ, hẻm 250.000 đồng/hộ.");
    assert!(!m[1].1.starts_with("Chi hẻm"), "{m:?}");
}

#[test]
fn a_trade_verb_named_as_a_noun_or_a_share_keeps_its_phrase() {
    // "khoản vay" is a loan, "xuất khẩu đạt" a subject: neither takes what follows.
    let m = metrics("Tỉnh đạt được thỏa thuận khoản vay 300 triệu USD nêu trên.");
    assert_eq!(m, [(300.0, "thỏa thuận khoản vay".into())]);
    let m = metrics("Xuất khẩu đạt 19 tỷ USD hàng dệt may.");
    assert_eq!(m, [(19.0, "Xuất khẩu".into())]);
    let m = metrics("Doanh nghiệp được vay tối đa 70% tổng vốn đầu tư.");
    assert_ne!(m[0].1, "vay tổng vốn đầu tư");
}

#[test]
fn a_rate_of_change_with_a_noun_phrase_after_it_changes_that_phrase() {
    let m = metrics("Các doanh nghiệp sẽ giảm 10% giá bán lẻ xăng.");
    assert_eq!(m, [(-10.0, "giá bán lẻ xăng".into())]);
    let m = metrics("Các hãng đã đồng loạt tăng thêm 3% giá vé quốc tế.");
    assert_eq!(m, [(3.0, "giá vé quốc tế".into())]);
    // It ends at a word of cause; a cause alone changes nothing named after it.
    let m = metrics("Gazprom đã cắt giảm 50% khí đốt cho các nước do phải đối phó với giá lạnh.");
    assert_eq!(m, [(-50.0, "khí đốt".into())]);
    let m = metrics("Cổ phiếu Yukos giảm 17,5% hôm 2/7 sau khi có tin xấu.");
    assert_eq!(m, [(-17.5, "Cổ phiếu Yukos".into())]);
    let m = metrics("Doanh thu tăng 10% nhờ giá bán tăng.");
    assert_eq!(m, [(10.0, "Doanh thu".into())]);
    let m = metrics("Xuất khẩu tăng 10% so với năm trước.");
    assert_eq!(m, [(10.0, "Xuất khẩu".into())]);
}

#[test]
fn an_adjective_of_size_states_the_measure_its_noun_names() {
    let m = metrics(
        "Tuyến cao tốc từ Đồng Đăng (Lạng Sơn) đến cửa khẩu Trà Lĩnh (Cao Bằng) dài 144km.",
    );
    assert_eq!(m, [(144.0, "chiều dài".into())]);
    let m = metrics("Tuyến đường sắt dài 120 km.");
    assert_eq!(m, [(120.0, "chiều dài tuyến đường sắt".into())]);
    // In a unit of area, "rộng" is the area.
    let m = metrics("Trong đó, trung tâm bán sỉ rộng 2,5 hecta.");
    assert_eq!(m, [(2.5, "diện tích trung tâm bán sỉ".into())]);
    // A high price is no height; a measure already named stays as written.
    let m = metrics("Giá dầu cao 70 USD/thùng.");
    assert_eq!(m, [(70.0, "Giá dầu cao".into())]);
    let m = metrics("Đường dây này có tổng chiều dài hơn 1.000 km.");
    assert_eq!(m, [(1000.0, "tổng chiều dài".into())]);
}

#[test]
fn a_worth_is_a_predicate_a_total_worth_a_measure() {
    let m = metrics("Khoảng 20 ha tràm 4 năm tuổi trị giá hơn 600 triệu đồng thiệt hại hoàn toàn.");
    assert_eq!(m[1], (600.0, "tràm 4 năm tuổi".into()));
    let m = metrics("Dịch vụ này xử lý gần 78 triệu thương vụ với tổng trị giá 4,4 tỷ USD.");
    assert_eq!(m, [(4.4, "tổng trị giá".into())]);
}

#[test]
fn a_clause_of_consequence_or_contrast_starts_its_own_subject() {
    let m = metrics("Bưởi thì có phần nhẹ hơn song khách cũng phải bỏ ra ít nhất 15.000 đồng.");
    assert_eq!(m, [(15000.0, "khách cũng phải bỏ ra".into())]);
    let m = metrics("Do bị hại có con nhỏ nên Lộc phải trợ cấp 150.000 đồng/tháng.");
    assert_eq!(m, [(150000.0, "Lộc phải trợ cấp".into())]);
}

#[test]
fn an_amount_after_the_word_of_a_price_prices_the_phrase_before() {
    let m = metrics("Riêng áo Tường Vân giá 250.000-300.000 đồng, gồm cả mũ.");
    assert_eq!(m, [(250000.0, "giá áo Tường Vân".into())]);
    let m = metrics("Áo chemise hiệu Tommy được bán với giá 55 - 60 NDT/chiếc.");
    assert_eq!(m, [(55.0, "giá áo chemise hiệu Tommy".into())]);
    let m = metrics("Sản phẩm có giá 129 USD.");
    assert_eq!(m, [(129.0, "giá sản phẩm".into())]);
    // Not a worth, nor what a deal was struck at, nor a name cut at a number.
    let m = metrics("Khoảng 20 ha tràm trị giá hơn 600 triệu đồng.");
    assert_eq!(m[1], (600.0, "tràm".into()));
    let m = metrics("Giới đầu cơ đã ký hợp đồng giao ngay với giá 396,90 USD/ounce.");
    assert_ne!(m[0].1, "giá ký hợp đồng giao ngay");
    let m = metrics("Intel Pentium 4 2,4 GHz giá 133 USD.");
    assert_ne!(m[0].1, "giá 4 GHz");
    // "giá" closing a word of its own, or after a numbered item, stays where it is.
    let m = metrics("Phát hành tờ tiền mới (mệnh giá 10.000 đồng).");
    assert_eq!(m, [(10000.0, "mệnh giá".into())]);
    let m = metrics("Đó là cái giá 200.000 USD cho một chai rượu.");
    assert_eq!(m, [(200000.0, "cái giá".into())]);
    let m = metrics("Loại 3 giá 126 USD.");
    assert_eq!(m, [(126.0, "Loại 3 giá".into())]);
}

#[test]
fn a_trade_verb_before_an_amount_that_ends_its_clause_reads_nothing_past_it() {
    // The unit ends where the clause does: no phrase after it, and no panic.
    let m = metrics(
        "Giá vàng: giá trong nước, mua vào 12,40 triệu đồng, bán ra 12,80 triệu đồng/lượng\n\
         Phiên giao dịch cuối tuần qua, giá vàng tăng mạnh.",
    );
    assert_eq!(m.len(), 2);
}

#[test]
fn a_time_or_a_cause_after_a_rate_of_change_is_no_object_of_it() {
    for (t, m) in [
        (
            "Chỉ số sản xuất công nghiệp tăng 9% cùng kỳ.",
            "Chỉ số sản xuất công nghiệp",
        ),
        ("Thu ngân sách tăng 12% cả năm.", "Thu ngân sách"),
        ("Giá thép tăng 20% kể từ đầu năm.", "Giá thép"),
        ("Lượng khách tăng 30% dịp Tết.", "Lượng khách"),
        ("Xuất khẩu tăng 8% bất chấp dịch bệnh.", "Xuất khẩu"),
    ] {
        assert_eq!(metrics(t)[0].1, m, "{t}");
    }
    // A word of cause inside a compound does not cut it.
    let m = metrics("Các trường sẽ giảm 50% số tiết nghĩa vụ của giáo viên.");
    assert_eq!(m[0].1, "số tiết nghĩa vụ của giáo viên");
}

#[test]
fn a_size_takes_its_own_units_and_a_price_is_named_once() {
    for t in ["Sản lượng cao 500.000 tấn.", "Con cá nặng 5 km."] {
        let m = metrics(t);
        assert!(
            !m[0].1.starts_with("chiều") && !m[0].1.starts_with("trọng"),
            "{t}: {m:?}"
        );
    }
    let m = metrics("Giá cà phê hôm nay giá 40.000 đồng/kg.");
    assert!(
        !m[0].1.starts_with("giá Giá") && !m[0].1.starts_with("giá giá"),
        "{m:?}"
    );
}

#[test]
fn a_lead_word_that_opens_a_kept_word_does_not_cut_it() {
    let m = metrics("82 công ty được hưởng mức thuế riêng rẽ là 10,92%.");
    assert_eq!(m, [(10.92, "mức thuế riêng rẽ".into())]);
    // Alone, "riêng" still ends the phrase on its left.
    let m = metrics("Riêng huyện A đạt 20 tỷ đồng.");
    assert_eq!(m, [(20.0, "huyện A".into())]);
}

#[test]
fn a_full_stop_inside_a_word_or_number_does_not_cut_the_phrase() {
    let m = metrics("Tuyến T.Ư chi 30 tỷ đồng.");
    assert_eq!(m, [(30.0, "Tuyến T.Ư chi".into())]);
    let m = metrics("Việc CLB M.U đồng ý trả 110.000 bảng Anh là bất ngờ.");
    assert!(m[0].1.contains("M.U"), "{m:?}");
    let m = metrics("Công ty đã đếm đủ 1.000 tờ mệnh giá 1 USD.");
    assert!(m[0].1.contains("1.000 tờ"), "{m:?}");
    // A sentence glued to the next ("nữa.Cảng") still ends there.
    let m = metrics("Dự án khởi công trong 2 tuần nữa.Cảng hàng không trị giá 29 triệu USD.");
    assert!(m.last().is_some_and(|f| f.1.starts_with("Cảng")), "{m:?}");
}

#[test]
fn a_payment_or_receipt_names_what_was_paid_or_received() {
    let m = metrics("Năm 2004, ca sĩ này chỉ nộp 24,7 triệu đồng thuế thu nhập.");
    assert_eq!(m, [(24.7, "nộp thuế thu nhập".into())]);
    let m = metrics("Gia đình ông đã nhận 160 triệu đồng tiền bồi thường hỏa hoạn.");
    assert_eq!(m, [(160.0, "nhận tiền bồi thường hỏa hoạn".into())]);
    // The goods end before a reason or a time.
    let m = metrics("Năm 2004, cả nước tiêu thụ 3,15 triệu tấn xi măng do vào mùa xây dựng.");
    assert_eq!(m[0].1, "tiêu thụ xi măng", "{m:?}");
    // "thừa nhận" admits: no amount changes hands.
    let m = metrics("Y thừa nhận 5 lần vận chuyển heroin từ Lào về.");
    assert_eq!(m, [(5.0, "Y thừa nhận".into())]);
}

#[test]
fn a_dollar_of_another_country_keeps_its_country_in_the_unit() {
    let f = &extract("Châu Nhuận Phát tặng 200.000 đôla Hồng Kông cho quỹ cứu trợ.").figures;
    assert_eq!(f[0].unit, "đôla Hồng Kông");
    assert_eq!(f[0].metric.as_ref(), "tặng cho quỹ cứu trợ");
}

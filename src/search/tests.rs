use super::*;
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

fn hays(labels: &[&str]) -> Vec<Haystack> {
    labels.iter().map(|s| Haystack::new(s)).collect()
}

fn never() -> AtomicBool {
    AtomicBool::new(false)
}

fn ranked_labels<'a>(q: &str, labels: &[&'a str]) -> Vec<&'a str> {
    let h = hays(labels);
    Ranker::new()
        .rank(q, &h, &never())
        .unwrap()
        .iter()
        .map(|hit| labels[hit.index])
        .collect()
}

#[test]
fn fold_table() {
    let cases = [
        ("Thanh Hóa", "thanh hoa"),
        ("Thanh Hoá", "thanh hoa"),
        ("Đà Nẵng", "da nang"),
        ("ĐÀ NẴNG", "da nang"),
        ("Dệt may", "det mai"),
        ("tỷ trọng", "ti trong"),
        ("tỉ trọng", "ti trong"),
        ("Yên Bái", "ien bai"),
        ("Hà Nội", "ha noi"),
        ("Bà Rịa - Vũng Tàu", "ba ria - vung tau"),
        ("công nghiệp hỗ trợ", "cong nghiep ho tro"),
        ("Ðà Nẵng", "da nang"),
        ("  Hà \t\n Nội  ", "ha noi"),
        ("Hà\u{00A0}Nội", "ha noi"),
        ("Hà\u{00AD}Nội", "hanoi"),
        ("ƯỚC TÍNH Ơ Ă Â Ê Ô", "uoc tinh o a a e o"),
        ("TP.HCM", "tp.hcm"),
        ("", ""),
        ("   ", ""),
        ("\u{0301}", ""),
    ];
    for (input, want) in cases {
        assert_eq!(fold(input), want, "fold({input:?})");
        let nfd: String = input.nfd().collect();
        assert_eq!(fold(&nfd), want, "fold(nfd({input:?}))");
        let nfc: String = input.nfc().collect();
        assert_eq!(fold(&nfc), want, "fold(nfc({input:?}))");
        assert_eq!(&*Haystack::new(input).folded, want);
    }
}

#[test]
fn fold_is_idempotent_on_every_char() {
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        let s = c.to_string();
        let once = fold(&s);
        assert_eq!(fold(&once), once, "U+{:04X}", c as u32);
    }
}

#[test]
fn folded_queries_match() {
    // (query, label) pairs that must land in the substring tier, in NFC and NFD.
    let cases = [
        ("thanh hoa", "Thanh Hóa"),
        ("thanh hoa", "Thanh Hoá"),
        ("Thanh Hóa", "Thanh Hoá"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("da nang", "Đà Nẵng"),
        ("ĐÀ NẴNG", "Đà Nẵng"),
        ("det may", "Dệt may"),
        ("ha noi", "Hà Nội"),
        ("ba ria", "Bà Rịa - Vũng Tàu"),
        ("vung tau", "Bà Rịa - Vũng Tàu"),
        ("noi ha", "Hà Nội"),
    ];
    let r = Ranker::new();
    for (q, label) in cases {
        for (qv, lv) in [
            (q.nfc().collect::<String>(), label.nfc().collect::<String>()),
            (q.nfd().collect(), label.nfd().collect()),
            (q.nfc().collect(), label.nfd().collect()),
            (q.nfd().collect(), label.nfc().collect()),
        ] {
            let h = [Haystack::new(&lv)];
            let hits = r.quick(&qv, &h, 10);
            assert_eq!(hits.len(), 1, "{qv:?} should match {lv:?}");
            assert_eq!(hits[0].tier, TIER_SUBSTRING);
            assert!(!r.positions(&qv, &h[0]).is_empty());
        }
    }
}

#[test]
fn exact_and_prefix_rank_first() {
    let labels = [
        "Thanh Hóa: Thúc đẩy phát triển công nghiệp",
        "Thái Bình",
        "Khánh Hòa",
        "Tỉnh Thanh Hóa",
        "Thanh Hóa",
    ];
    let got = ranked_labels("thanh hoa", &labels);
    assert_eq!(got[0], "Thanh Hóa");
    assert_eq!(got[1], "Thanh Hóa: Thúc đẩy phát triển công nghiệp");
    assert_eq!(got[2], "Tỉnh Thanh Hóa");
    // Shorter wins among equals.
    let got = ranked_labels("ha", &["Hà Nam Ninh", "Hà Nam", "Hà Giang tỉnh"]);
    assert_eq!(got, ["Hà Nam", "Hà Nam Ninh", "Hà Giang tỉnh"]);
    // Word start beats mid-word.
    let got = ranked_labels("ha", &["Thanh Hóa", "Hòa Bình, Hà Nam"]);
    assert_eq!(got[0], "Hòa Bình, Hà Nam");
}

#[test]
fn abbreviation_ranks_relevant_labels() {
    let labels = [
        "Sản lượng điện thương phẩm Thái Nguyên",
        "KCN Quảng Nam diện tích KCN hỗ trợ doanh nghiệp",
        "Công nghiệp hỗ trợ Bắc Ninh",
        "Thái Bình thu hút đầu tư hạ tầng KCN",
        "Phát triển công nghiệp hỗ trợ ngành dệt may",
        "Chế biến nông sản Hà Tĩnh",
        "KCN hỗ trợ",
        "Công nghiệp hỗ trợ",
        "Cơ khí chế tạo Hải Phòng",
    ];
    let got = ranked_labels("cn ho tro", &labels);
    assert_eq!(got[0], "Công nghiệp hỗ trợ");
    for l in &got[..3] {
        assert!(fold(l).contains("cong nghiep ho tro"), "{got:?}");
    }
    // Vowel-less words read as initials; words with a vowel do not.
    let got = ranked_labels("cnht", &labels);
    assert_eq!(got[0], "Công nghiệp hỗ trợ");
    assert_eq!(
        ranked_labels("cnh", &["cong nghiep ho", "co nhanh"])[0],
        "cong nghiep ho"
    );
    assert!(Ranker::new()
        .quick("cong", &hays(&["co ong"]), 5)
        .is_empty());
}

#[test]
fn initials_find_every_window() {
    assert_eq!(initials("cong nghiep ho tro", b"cnht"), Some(0));
    assert_eq!(initials("khu cong nghiep", b"cn"), Some(4));
    assert_eq!(initials("c c c n", b"ccn"), Some(2));
    assert_eq!(initials("xcn c-n", b"cn"), Some(4));
    assert_eq!(
        initials_positions("cong nghiep ho tro", 0, 4),
        [0, 5, 12, 15]
    );
    assert_eq!(initials("che bien, che tao", b"cbct"), Some(0));
    assert_eq!(initials("thanh pho ho chi minh", b"hcm"), Some(10));
    assert_eq!(initials("cong nghiep", b"cnh"), None);
    assert_eq!(initials("", b"cn"), None);
    let h = Haystack::new("Công nghiệp hỗ trợ");
    assert_eq!(Ranker::new().positions("cnht", &h), [0, 5, 12, 15]);
}

#[test]
fn haystacks_stay_small() {
    // One per entity: at a million figures each byte here is a megabyte.
    assert_eq!(std::mem::size_of::<Haystack>(), 40);
}

#[test]
fn positions_map_to_display_chars() {
    let r = Ranker::new();
    // NFC display: identity map.
    let h = Haystack::new("Tỉnh Thanh Hóa");
    assert_eq!(r.positions("thanh hoa", &h), [5, 6, 7, 8, 9, 11, 12, 13]);
    // NFD display: "ộ" is o + U+0323 + U+0302, two marks after the base.
    let nfd: String = "Hà Nội".nfd().collect();
    assert_eq!(nfd.chars().count(), 9);
    let h = Haystack::new(&nfd);
    let p = r.positions("noi", &h);
    assert_eq!(p, [4, 5, 8]);
    let chars: Vec<char> = nfd.chars().collect();
    assert_eq!(chars[5], 'o');
    // Collapsed whitespace shifts later chars.
    let h = Haystack::new("  Đà   Nẵng");
    assert_eq!(r.positions("nang", &h), [7, 8, 9, 10]);
    assert_eq!(r.positions("da nang", &h), [2, 3, 7, 8, 9, 10]);
    // Fuzzy-only match maps through too.
    let h = Haystack::new("Công nghiệp hỗ trợ");
    let p = r.positions("cn ho tro", &h);
    assert!(
        p.contains(&0) && p.contains(&12) && p.contains(&17),
        "{p:?}"
    );
    // No match, empty query.
    assert!(r.positions("xyz", &h).is_empty());
    assert!(r.positions("  ", &h).is_empty());
}

#[test]
fn quick_is_prefix_of_rank_tier0() {
    let labels = [
        "Hà Nội",
        "Hà Nam",
        "Thanh Hóa",
        "Hải Phòng",
        "Hòa Bình",
        "Nghệ An",
        "An Giang",
        "Hà Giang",
        "Hà Tĩnh",
        "Khánh Hòa",
    ];
    let h = hays(&labels);
    let r = Ranker::new();
    for q in ["h", "ha", "an", "hoa", "a", "", "zz", "ha n"] {
        let full = r.rank(q, &h, &never()).unwrap();
        let t0: Vec<Hit> = full.into_iter().filter(|x| x.tier == 0).collect();
        for k in [0, 1, 3, 100] {
            let quick = r.quick(q, &h, k);
            assert_eq!(quick, t0[..k.min(t0.len())], "q={q:?} k={k}");
        }
    }
}

#[test]
fn quick_matches_rank_on_many_labels() {
    // Enough labels for the parallel path and for the top-k bar to prune.
    let words = [
        "Thanh Hóa",
        "thành",
        "Hà Nội",
        "công nghiệp",
        "hỗ trợ",
        "KCN",
        "tăng",
        "t",
        "h",
        "than",
        "Nghệ An",
        "tỷ trọng",
        "điện tử",
        "2030",
        "-",
        "th",
    ];
    let mut x = 12345u64;
    let labels: Vec<String> = (0..30_000)
        .map(|_| {
            let n = 1 + (x % 5) as usize;
            (0..n)
                .map(|_| {
                    x = x
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    words[(x >> 33) as usize % words.len()]
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let h = Haystack::build_all(&labels);
    let r = Ranker::new();
    for q in [
        "t",
        "th",
        "than",
        "thanh hoa",
        "cn",
        "cn ho tro",
        "ha n",
        "2030 t",
        "zz",
    ] {
        let t0: Vec<Hit> = r
            .rank(q, &h, &never())
            .unwrap()
            .into_iter()
            .filter(|x| x.tier == TIER_SUBSTRING)
            .collect();
        for k in [1, 7, 100] {
            assert_eq!(r.quick(q, &h, k), t0[..k.min(t0.len())], "q={q:?} k={k}");
            assert_eq!(
                r.quick(q, &h[..5000], k).len(),
                k.min(t0.iter().filter(|x| x.index < 5000).count())
            );
        }
    }
}

#[test]
fn empty_query_keeps_order() {
    let h = hays(&["b", "a", "c"]);
    let r = Ranker::new();
    let idx: Vec<usize> = r
        .rank("", &h, &never())
        .unwrap()
        .iter()
        .map(|x| x.index)
        .collect();
    assert_eq!(idx, [0, 1, 2]);
    assert_eq!(r.quick(" ", &h, 2).len(), 2);
}

#[test]
fn cancelled_rank_returns_none() {
    let labels: Vec<String> = (0..20_000).map(|i| format!("nhan {i}")).collect();
    let h: Vec<Haystack> = labels.iter().map(|s| Haystack::new(s)).collect();
    let cancel = AtomicBool::new(true);
    assert!(Ranker::new().rank("nhan", &h, &cancel).is_none());
    assert!(Ranker::new()
        .rank_subset("nhan", &h, &[1, 2], &cancel)
        .is_none());
}

#[test]
fn rank_subset_ignores_bad_indices() {
    let h = hays(&["Hà Nội", "Hà Nam", "Thanh Hóa"]);
    let got = Ranker::new()
        .rank_subset("ha", &h, &[7, 2, 1, 1000], &never())
        .unwrap();
    let idx: Vec<usize> = got.iter().map(|x| x.index).collect();
    assert_eq!(idx, [1, 2]);
}

#[test]
fn extends_on_folded_queries() {
    assert!(extends("thanh h", "thanh"));
    assert!(extends("Thanh Hóa", "thanh "));
    assert!(!extends("thanh", "thanh h"));
    // A year typed on is no longer a whole number: "2030-" finds what "2030" did not.
    assert!(!extends("2030-", "2030"));
    assert!(extends("2030 thanh", "2030"));
}

fn wait_for(w: &FilterWorker) -> (String, Arc<Vec<Hit>>) {
    let t0 = std::time::Instant::now();
    loop {
        if let Some(r) = w.poll() {
            return r;
        }
        assert!(t0.elapsed().as_secs() < 30, "worker did not answer");
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
}

#[test]
fn worker_returns_latest_query() {
    let labels: Vec<String> = (0..50_000)
        .map(|i| format!("Tỉnh {} số {i}", ["Thanh Hóa", "Hà Nội", "Đà Nẵng"][i % 3]))
        .collect();
    let h: Arc<Vec<Haystack>> = Arc::new(labels.iter().map(|s| Haystack::new(s)).collect());
    let w = FilterWorker::new(Arc::clone(&h));
    for q in ["t", "th", "tha", "than", "thanh", "thanh h", "thanh hoa"] {
        w.submit(q);
    }
    let (q, hits) = wait_for(&w);
    assert_eq!(q, "thanh hoa");
    let want = Ranker::new().rank("thanh hoa", &h, &never()).unwrap();
    assert_eq!(*hits, want);
    assert!(w.poll().is_none());
    // Narrowing and backing up give the same answer as a fresh ranking.
    for q in ["thanh hoa 1", "thanh hoa", "da"] {
        w.submit(q);
        let (got_q, hits) = wait_for(&w);
        assert_eq!(got_q, q);
        assert_eq!(*hits, Ranker::new().rank(q, &h, &never()).unwrap(), "{q}");
    }
    drop(w);
}

#[test]
fn submit_quick_gives_first_screen_then_full_ranking() {
    let labels: Vec<String> = (0..30_000)
        .map(|i| format!("Công nghiệp hỗ trợ {} {i}", ["Thanh Hóa", "Hà Nội"][i % 2]))
        .collect();
    let h: Arc<Vec<Haystack>> = Arc::new(Haystack::build_all(&labels));
    let w = FilterWorker::new(Arc::clone(&h));
    let r = Ranker::new();
    let mut first = Vec::new();
    for q in ["h", "ha", "ha n", "ha noi 1"] {
        first = w.submit_quick(q, 20);
        assert_eq!(first, r.quick(q, &h, 20));
    }
    let (q, full) = wait_for(&w);
    assert_eq!(q, "ha noi 1");
    assert_eq!(full[..first.len()], first[..]);
    assert!(!w.is_busy());
    assert!(Arc::ptr_eq(w.haystacks(), &h));
}

fn viet_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Thanh Hóa",
        "Thanh Hoá",
        "Đà Nẵng",
        "Hà Nội",
        "công nghiệp",
        "hỗ trợ",
        "dệt may",
        "Bà Rịa - Vũng Tàu",
        " ",
        "  ",
        "\t",
        "Ộ",
        "ư",
        "đ",
        "Đ",
        "2030",
        ":",
        "a",
        "n",
        "h",
        "\u{0301}",
        "\u{0323}",
        "İ",
        "ß",
        "中文",
        "🙂",
        "\u{AD}",
        "cn",
        "kcn",
        "th",
        "c",
        "ht",
        "-",
        "Ư",
    ]);
    prop::collection::vec(pieces, 0..8).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn no_panic_and_positions_in_range(
        q in prop_oneof![any::<String>(), viet_text()],
        labels in prop::collection::vec(prop_oneof![any::<String>(), viet_text()], 0..12),
    ) {
        let h: Vec<Haystack> = labels.iter().map(|s| Haystack::new(s)).collect();
        let r = Ranker::new();
        let hits = r.rank(&q, &h, &never()).unwrap();
        let quick = r.quick(&q, &h, 5);
        let t0: Vec<Hit> = hits.iter().filter(|x| x.tier == 0).take(5).cloned().collect();
        prop_assert_eq!(quick, t0);
        for w in hits.windows(2) {
            prop_assert_eq!(better_hit(&w[0], &w[1]), CmpOrdering::Less);
        }
        for (hay, label) in h.iter().zip(&labels) {
            let n = label.chars().count();
            for p in r.positions(&q, hay) {
                prop_assert!(p < n);
            }
        }
    }

    #[test]
    fn tiers_match_a_naive_reference(
        q in viet_text(),
        labels in prop::collection::vec(viet_text(), 0..16),
    ) {
        let h: Vec<Haystack> = labels.iter().map(|s| Haystack::new(s)).collect();
        let hits = Ranker::new().rank(&q, &h, &never()).unwrap();
        let fq = fold(&q);
        let words: Vec<&str> = fq.split(' ').filter(|w| !w.is_empty()).collect();
        for (i, hay) in h.iter().enumerate() {
            let f: &str = &hay.folded;
            // A year is a whole number; a query holding a number has no fuzzy tier.
            let whole = |w: &str| {
                f.match_indices(w).any(|(p, _)| {
                    !f[..p].ends_with(char::is_alphanumeric)
                        && !f[p + w.len()..].starts_with(char::is_alphanumeric)
                })
            };
            let tier0 = words.iter().all(|w| {
                if is_year(w) {
                    return whole(w);
                }
                f.contains(w) || (Word::new(w).abbrev && initials(f, w.as_bytes()).is_some())
            });
            let numeric = words.iter().any(|w| w.bytes().all(|b| b.is_ascii_digit()));
            let mut rest = f.chars();
            let subsequence = !numeric && fq.chars().all(|c| rest.any(|d| d == c));
            let want = if tier0 {
                Some(TIER_SUBSTRING)
            } else if subsequence {
                Some(TIER_FUZZY)
            } else {
                None
            };
            let got = hits.iter().find(|x| x.index == i).map(|x| x.tier);
            prop_assert_eq!(got, want, "label {:?}", f);
        }
    }

    #[test]
    fn fold_agrees_across_forms(s in viet_text()) {
        let nfc: String = s.nfc().collect();
        let nfd: String = s.nfd().collect();
        prop_assert_eq!(fold(&nfc), fold(&nfd));
        prop_assert_eq!(fold(&fold(&s)), fold(&s));
        prop_assert_eq!(Haystack::new(&s).folded.to_string(), fold(&s));
    }

    #[test]
    fn haystack_map_points_at_source_chars(s in prop_oneof![any::<String>(), viet_text()]) {
        let h = Haystack::new(&s);
        prop_assert_eq!(h.folded.to_string(), fold(&s));
        let display: Vec<char> = s.chars().collect();
        for (i, c) in h.folded.chars().enumerate() {
            let d = h.display_index(i).unwrap();
            prop_assert!(d < display.len());
            // The source char folds to something containing this char (or it is the
            // space that stands for a whitespace run).
            let src = display[d];
            prop_assert!(
                (c == ' ' && src.is_whitespace()) || fold(&src.to_string()).contains(c),
                "folded {:?} from {:?}", c, src
            );
        }
    }

    #[test]
    fn narrowing_equals_full_rank(
        base in viet_text(),
        ext in viet_text(),
        labels in prop::collection::vec(viet_text(), 0..16),
    ) {
        let h: Vec<Haystack> = labels.iter().map(|s| Haystack::new(s)).collect();
        let r = Ranker::new();
        let longer = format!("{base}{ext}");
        prop_assume!(extends(&longer, &base));
        let prev = r.rank(&base, &h, &never()).unwrap();
        let subset: Vec<usize> = prev.iter().map(|x| x.index).collect();
        prop_assert_eq!(
            r.rank_subset(&longer, &h, &subset, &never()).unwrap(),
            r.rank(&longer, &h, &never()).unwrap()
        );
    }
}

#[test]
fn short_queries_get_no_fuzzy_tier_from_the_worker() {
    assert!(!fuzzy_tier("t"));
    assert!(!fuzzy_tier(" t h "));
    assert!(!fuzzy_tier("Đà"));
    assert!(fuzzy_tier("tha"));
    assert!(fuzzy_tier("t h a"));
    let labels = ["Thanh Hóa", "Tây Hồ", "tỷ trọng", "Hà Tĩnh"];
    let w = FilterWorker::new(Arc::new(hays(&labels)));
    w.submit("th");
    let (q, hits) = wait_for(&w);
    assert_eq!(q, "th");
    // "Tây Hồ" and "tỷ trọng" are only subsequence matches of "th".
    assert!(hits.iter().all(|h| h.tier == TIER_SUBSTRING));
    assert_eq!(
        *hits,
        Ranker::new()
            .rank_with("th", &hays(&labels), &never(), false)
            .unwrap()
    );
    let full = Ranker::new().rank("th", &hays(&labels), &never()).unwrap();
    assert!(full.iter().any(|h| h.tier == TIER_FUZZY));
}

/// A scope over `n` labels: every `drop`-th label left out, and a scrambled order.
fn scrambled_scope(n: usize, seed: u64, drop: usize) -> Scope {
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_by_key(|&i| (u64::from(i) ^ seed).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let mut rank = vec![0u32; n];
    for (p, &i) in order.iter().enumerate() {
        rank[i as usize] = p as u32;
    }
    let keep: Vec<bool> = (0..n).map(|i| drop == 0 || i % drop != 0).collect();
    Scope::new(Some(keep.into()), Some(rank.into()))
}

#[test]
fn a_scope_keeps_its_labels_and_breaks_ties_in_its_order() {
    // Above QUICK_PAR_MIN, so the first screen runs in parallel chunks.
    let n = 30_000;
    let labels: Vec<String> = (0..n)
        .map(|i| {
            let p = ["Thanh Hóa", "Hà Nội", "Đà Nẵng", "Sơn La"][i % 4];
            format!("{p} · chỉ tiêu {} · {}", i % 97, 2020 + i % 11)
        })
        .collect();
    let h = Haystack::build_all(&labels);
    let scope = scrambled_scope(n, 7, 3);
    let rank = scope.rank.clone().unwrap();
    let r = Ranker::new();
    for q in ["t", "thanh", "son la 96", "son la 96 2030", "zzz"] {
        let all = r.rank_in(q, &h, &never(), false, &scope).unwrap();
        assert!(all.iter().all(|x| x.index % 3 != 0), "{q:?}");
        // Equal scores come in the scope's order.
        for w in all.windows(2) {
            if w[0].score == w[1].score {
                assert!(rank[w[0].index] < rank[w[1].index], "{q:?}");
            }
        }
        let first = r.quick_in(q, &h, 256, &scope);
        assert_eq!(first, all[..all.len().min(256)], "{q:?}");
    }
    // "Thanh Hóa" rows, whose label starts with the query, before the rest.
    let hits = r
        .rank_in("thanh hoa", &h, &never(), true, &Scope::default())
        .unwrap();
    let n_th = (0..n).filter(|i| i % 4 == 0).count();
    assert!(hits[..n_th].iter().all(|x| x.index % 4 == 0));
}

#[test]
fn four_digits_match_a_whole_number_only() {
    let h = hays(&[
        "54.203,7 tỷ đồng · 2020",
        "12030 ha",
        "mục tiêu 2030",
        "20301",
    ]);
    let r = Ranker::new();
    let hits = r.rank("2030", &h, &never()).unwrap();
    assert_eq!(hits.iter().map(|x| x.index).collect::<Vec<_>>(), [2]);
    assert!(!fuzzy_tier("ty trong 2030"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn quick_in_is_the_head_of_rank_in(
        labels in prop::collection::vec("[abcdđ ơê]{0,10}", 0..40),
        seed in any::<u64>(),
        q in "[abcd ]{0,3}",
        limit in 1usize..6,
        drop in 0usize..4,
    ) {
        let h: Vec<Haystack> = labels.iter().map(|s| Haystack::new(s)).collect();
        let scope = scrambled_scope(h.len(), seed, drop);
        let r = Ranker::new();
        let all = r.rank_in(&q, &h, &never(), false, &scope).unwrap();
        let first = r.quick_in(&q, &h, limit, &scope);
        prop_assert_eq!(&first[..], &all[..all.len().min(limit)]);
        prop_assert!(all.iter().all(|x| scope.keeps(x.index)));
    }
}

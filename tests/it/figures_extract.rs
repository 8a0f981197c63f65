//! Figure extraction over real sentences of the bundled reports (corpus/*.txt).
//!
//! Sentences from the PDF-extracted reports (003, 004) are given as the parser re-flows
//! them: hard line wraps joined, plain-digit footnote markers removed. Each case asserts
//! the exact list of (value, unit) pairs, in order.

use baocao::figures::{extract, sentences};

fn check(sentence: &str, expected: &[(f64, &str)]) {
    let figures = extract(sentence);
    let got: Vec<(f64, &str)> = figures.iter().map(|f| (f.value, f.unit.as_str())).collect();
    assert_eq!(got, expected, "in: {sentence}");
    for f in &figures {
        assert_eq!(&sentence[f.start..f.end], f.raw, "raw of {f:?}");
    }
}

#[test]
fn report_000_agriculture_and_trade() {
    check(
        "Tổng diện tích gieo trồng vụ Đông Xuân toàn tỉnh đạt 6.137,6 ha, bằng 12,7% kế hoạch, tăng 3,2% so với cùng kỳ¹.",
        &[(6137.6, "ha"), (12.7, "%"), (3.2, "%")],
    );
    check(
        "Công tác trồng, chăm sóc và khoanh nuôi bảo vệ rừng được quan tâm; trong tháng đã trồng rừng tập trung được 236,5 ha³; lũy kế 02 tháng đầu năm trồng rừng tập trung được khoảng 300 ha, đạt 3,3% kế hoạch, tăng 50% so với cùng kỳ; trồng cây phân tán khoảng 200.000 cây, đạt 9,0% kế hoạch, giảm 32,6%⁴.",
        &[(236.5, "ha"), (300.0, "ha"), (3.3, "%"), (50.0, "%"), (200000.0, "cây"), (9.0, "%"), (32.6, "%")],
    );
    // `6.137.6 ha` (sic): a dot for the decimal mark.
    check(
        "¹ Lũy kế 02 tháng đạt 6.137.6 ha, Trong đó: Ngô 168 ha, đạt 1,2% kế hoạch, bằng 97,1% so với cùng kỳ; rau các loại 2.333 ha, đạt 38,9%, bằng 94,3%; khoai tây 649,7 ha, đạt 108,3%, bằng 118,6%; thạch đen 72 ha, đạt 2,4%, bằng 32,4%; thuốc lá 2.148 ha, đạt 89,5%, bằng 131,6%; Cây ớt 610 ha, đạt 40,7%, bằng 121,3%.",
        &[(6137.6, "ha"), (168.0, "ha"), (1.2, "%"), (97.1, "%"), (2333.0, "ha"), (38.9, "%"), (94.3, "%"), (649.7, "ha"), (108.3, "%"), (118.6, "%"), (72.0, "ha"), (2.4, "%"), (32.4, "%"), (2148.0, "ha"), (89.5, "%"), (131.6, "%"), (610.0, "ha"), (40.7, "%"), (121.3, "%")],
    );
    check(
        "² Đàn trâu khoảng 65.359 con, giảm 2,76% so với cùng kỳ; đàn bò khoảng 28.228 con, tăng 0,59%; Đàn lợn khoảng 181.552 con, tăng 1,09%; đàn gia cầm khoảng 4.672,69 nghìn con, tăng 4,04%.",
        &[(65359.0, "con"), (2.76, "%"), (28228.0, "con"), (0.59, "%"), (181552.0, "con"), (1.09, "%"), (4672.69, "nghìn con"), (4.04, "%")],
    );
    check(
        "UBND tỉnh công nhận các xã đạt chuẩn nông thôn mới (NTM) đợt 2 năm 2023, trong đó: 05 xã đạt chuẩn NTM, 02 xã đạt chuẩn NTM kiểu mẫu.",
        &[(5.0, "xã"), (2.0, "xã")],
    );
    check(
        "Hàng địa phương xuất khẩu trong tháng ước đạt 10 triệu USD, lũy kế 02 tháng ước đạt 20 triệu USD, đạt 11,83% kế hoạch, tăng 5,3% so với cùng kỳ.",
        &[(10.0, "triệu USD"), (20.0, "triệu USD"), (11.83, "%"), (5.3, "%")],
    );
    // Dates joined by a dash are not figures.
    check(
        "⁵ Tổng kim ngạch hàng hóa xuất nhập khẩu qua địa bàn tỉnh từ 13/01-12/02/2024 của tất cả các loại hình xuất nhập khẩu (kinhdoanh, quá cảnh, chuyên cửa khẩu, vận chuyên độc lập) đạt 4.681,289 triệu USD, tăng 44,49% so với cùng kỳ.",
        &[(4681.289, "triệu USD"), (44.49, "%")],
    );
    check(
        "Lũy kế từ 01/01 – 12/02/2024 đạt 6.587,973 triệu USD, tăng 47,15% so với cùng kỳ.",
        &[(6587.973, "triệu USD"), (47.15, "%")],
    );
}

#[test]
fn report_000_public_investment_and_budget() {
    // The sentence of 000 II.1.3: the year with its footnote marker is no figure.
    check(
        "Kết quả giá trị khối lượng thực hiện và giải ngân các dự án nguồn vốn đầu tư công năm 2024 đến hết tháng 02/2024 ước đạt 400 tỷ đồng, đạt 11,6% kế hoạch (tăng 211 tỷ đồng, tương đương 111% so với cùng kỳ năm 2023⁶); trong đó: Ngân sách địa phương 80 tỷ đồng, đạt 5,7% kế hoạch; ngân sách trung ương 320 tỷ đồng, đạt 15,7% kế hoạch.",
        &[(400.0, "tỷ đồng"), (11.6, "%"), (211.0, "tỷ đồng"), (111.0, "%"), (80.0, "tỷ đồng"), (5.7, "%"), (320.0, "tỷ đồng"), (15.7, "%")],
    );
    check(
        "⁶ Giải ngân đến hết tháng 02/2023: 189 tỷ đồng, đạt 4,8% kế hoạch.",
        &[(189.0, "tỷ đồng"), (4.8, "%")],
    );
    check(
        "Tổng thu ngân sách nhà nước trên địa bàn trong tháng đạt 398 tỷ đồng, lũy kế 02 tháng đầu năm ước đạt 1.236,87 tỷ đồng, đạt 16,5% dự toán, tăng 29,7% so với cùng kỳ, trong đó: thu nội địa 458,72 tỷ đồng, đạt 18,5%, tăng 6,1%, thu từ hoạt động xuất nhập khẩu 78 tỷ đồng, đạt 15,6%, tăng 49,6%; các khoản huy động, đóng góp đạt 111 triệu đồng.",
        &[(398.0, "tỷ đồng"), (1236.87, "tỷ đồng"), (16.5, "%"), (29.7, "%"), (458.72, "tỷ đồng"), (18.5, "%"), (6.1, "%"), (78.0, "tỷ đồng"), (15.6, "%"), (49.6, "%"), (111.0, "triệu đồng")],
    );
    check(
        "Tổng nguồn vốn huy động của các ngân hàng trên địa bàn tỉnh ước đến 29/02/2024 đạt 43.600 tỷ đồng, tăng 0,3% so với 31/12/2023; tổng dư nợ tín dụng 43.100 tỷ đồng, tăng 0,15%.",
        &[(43600.0, "tỷ đồng"), (0.3, "%"), (43100.0, "tỷ đồng"), (0.15, "%")],
    );
    // Road chainage is not a figure.
    check(
        "Tích cực chỉ đạo công tác giải phóng mặt bằng dự án Cải tạo, nâng cấp Quốc lộ 4B (đoạn Km3+700 đến Km18); dự án Nâng cấp Quốc lộ 4B, đoạn Km18 - Km80, tỉnh Lạng Sơn.",
        &[],
    );
    check(
        "Ước hết tháng 02, có 08/13 sản phẩm công nghiệp chủ yếu trên địa bàn tăng so với cùng kỳ⁸.",
        &[(8.0, "sản phẩm")],
    );
    // A capitalised scale word and `Kw/h`.
    check(
        "⁸ Cụ thể: (1) điện thương phẩm 132,05 Triệu Kw/h, đạt 13,8% so với kế hoạch, tăng 4,5% so với cùng kỳ; (2) xi măng 114,06 nghìn tấn, đạt 10,9%, tăng 0,4%; (3) nước máy: 1.570,0 nghìn m³, đạt 15,3%, tăng 4,9%; (4) gỗ và các sản phẩm từ gỗ rừng trồng 21,8 nghìn m³, đạt 15,0%, tăng 7,6%; (5) nhựa thông và các sản phẩm từ nhựa thông 2,5 tấn, đạt 10,9%, tăng 47,1%; (6) hợp kim và hợp chất kim loại 124,71 tấn, đạt 20,4%, tăng 36,9%; (7) đá các loại 606,00 nghìn m³, đạt 13,6%, tăng 0,1%; (8) bột đá mài 852,0 tấn, đạt 12,4%, tăng 4,5%.",
        &[(132.05, "triệu kWh"), (13.8, "%"), (4.5, "%"), (114.06, "nghìn tấn"), (10.9, "%"), (0.4, "%"), (1570.0, "nghìn m³"), (15.3, "%"), (4.9, "%"), (21.8, "nghìn m³"), (15.0, "%"), (7.6, "%"), (2.5, "tấn"), (10.9, "%"), (47.1, "%"), (124.71, "tấn"), (20.4, "%"), (36.9, "%"), (606.0, "nghìn m³"), (13.6, "%"), (0.1, "%"), (852.0, "tấn"), (12.4, "%"), (4.5, "%")],
    );
    check(
        "Tổng lượng khách du lịch trong tháng ước đạt 450 nghìn lượt khách, tăng 7% so với cùng kỳ, trong đó, khách quốc tế tăng 262,4%, khách trong nước tăng 4,8%; doanh thu ước đạt 369 tỷ đồng, tăng 9,7%.",
        &[(450.0, "nghìn lượt khách"), (7.0, "%"), (262.4, "%"), (4.8, "%"), (369.0, "tỷ đồng"), (9.7, "%")],
    );
    // Counts of documents; no figure in the month numbers.
    check(
        "Trong tháng, UBND tỉnh, Chủ tịch UBND tỉnh đã ban hành 1.415 văn bản đi, trong đó: 21 văn bản mật, 03 văn bản QPPL, 97 quyết định cá biệt, 15 kế hoạch, 78 công văn, 31 báo cáo, 26 thông báo kết luận và các văn bản khác đề trình, báo cáo các Bộ, ngành Trung ương, Tỉnh ủy, chỉ đạo các sở, ngành, UBND các huyện, thành phố thực hiện nhiệm vụ.",
        &[(1415.0, "văn bản"), (21.0, "văn bản"), (3.0, "văn bản"), (97.0, "quyết định"), (15.0, "kế hoạch"), (78.0, "công văn"), (31.0, "báo cáo"), (26.0, "thông báo")],
    );
    // `N/M cuộc`: the count, out of a total.
    check(
        "Trong tháng, các tổ chức thanh tra đã triển khai thực hiện và kết thúc 14/45 cuộc trên các lĩnh vực kinh tế - xã hội; phát hiện sai phạm về kinh tế với số tiền 71,79 triệu đồng, kiến nghị thu hồi 71,79 triệu đồng; xử phạt vi phạm hành chính trên các lĩnh vực đối với 02 tổ chức, cá nhân với số tiền 29,0 triệu đồng.",
        &[(14.0, "cuộc"), (71.79, "triệu đồng"), (71.79, "triệu đồng"), (2.0, "tổ chức"), (29.0, "triệu đồng")],
    );
    check(
        "Ngay sau Tết Nguyên đán, chỉ đạo các sở, ban, ngành và UBND các huyện, thành phố tiếp tục thực hiện các nhiệm vụ được giao tại Chỉ thị số 03/CT-UBND ngày 05/01/2024 của Chủ tịch UBND tỉnh.",
        &[],
    );
    check(
        "Hoàn thành trình Thủ tướng Chính phủ phê duyệt Quy hoạch tỉnh Lạng Sơn thời kỳ 2021 - 2030, tầm nhìn đến năm 2050.",
        &[],
    );
}

#[test]
fn report_001_self_assessment() {
    check(
        "Tỉnh có diện tích 8.310,18 km² với tổng dân số khoảng 856.927 người¹.",
        &[(8310.18, "km²"), (856927.0, "người")],
    );
    check(
        "Tỉnh có đường biên giới dài 231,74 km (tiếp giáp với Quảng Tây, Trung Quốc) đi qua 05 huyện, gồm 20 xã và 01 thị trấn; có 02 cửa khẩu quốc tế, 01 cửa khẩu quốc gia, 07 cửa khẩu phụ, có vị trí quan trọng chiến lược đặc biệt của cả nước về quốc phòng, an ninh, xuất nhập khẩu.",
        &[(231.74, "km"), (5.0, "huyện"), (20.0, "xã"), (1.0, "thị trấn"), (2.0, "cửa khẩu"), (1.0, "cửa khẩu"), (7.0, "cửa khẩu")],
    );
    check(
        "GRDP bình quân đầu người đạt 56,23 triệu đồng, tương đương 2.302 USD.",
        &[(56.23, "triệu đồng"), (2302.0, "USD")],
    );
    check(
        "Cơ cấu kinh tế tiếp tục chuyển dịch theo hướng tích cực: Nông lâm nghiệp và thủy sản chiếm 21,69%, công nghiệp - xây dựng 23,26%, dịch vụ 50,55%, thuế sản phẩm trừ trợ cấp sản phẩm 4,5%.",
        &[(21.69, "%"), (23.26, "%"), (50.55, "%"), (4.5, "%")],
    );
    // A document code with a dash, and a percentage.
    check(
        "Kết quả 100% các huyện ủy, thành ủy, đảng ủy trực thuộc, MTTQ và các tổ chức chính trị - xã hội tỉnh đã thực hiện phổ biến, quán triệt và tuyên truyền đầy đủ, toàn diện nội dung, chủ trương các Nghị quyết số 11-NQ/TW với nhiều hình thức phù hợp như tại các Hội nghị học tập Nghị quyết, Hội nghị phổ biến giáo dục pháp luật và các cuộc họp liên quan.",
        &[(100.0, "%")],
    );
    check(
        "Trong năm 2023, tỉnh đã triển khai thực hiện 04 đề tài, dự án khoa học và công nghệ cấp quốc gia; quản lý và theo dõi 62 đề tài, dự án, đã nghiệm thu kết quả thực hiện 13 đề tài, dự án.",
        &[(4.0, "đề tài"), (62.0, "đề tài"), (13.0, "đề tài")],
    );
    check(
        "Tiếp tục thực hiện có hiệu quả Đề án phát triển giao thông nông thôn giai đoạn 2021 - 2025, ước năm 2024 tỷ lệ xã có đường ô tô đến trung tâm xã được rải nhựa hoặc bê tông đạt 98,3% (năm 2023 đạt 96,1%); tỷ lệ thôn có đường ô tô đến trung tâm thôn được cứng hóa đạt 87% (năm 2023 đạt 80,5%).",
        &[(98.3, "%"), (96.1, "%"), (87.0, "%"), (80.5, "%")],
    );
    // Glued unit, counts out of totals with decimals.
    check(
        "⁷ Trong đó tính đến ngày 15/8/2024: (1) Dự án Tuyến cao tốc cửa khẩu Hữu Nghị - Chi Lăng theo hình thức BOT: Địa phận huyện Chi Lăng tổng diện tích thu hồi đã nhận chi trả 26,5ha; địa phận thành phố Lạng Sơn đo đạc, kiểm đếm 304/305 hộ, với diện tích 74,3/74,44 ha đạt 99,8%; địa phận huyện Cao Lộc bàn giao mặt bằng cho chủ đầu tư được diện tích 21,27 ha; địa phận huyện Văn Lãng đã khảo sát, kiểm đếm đất đai 60,83 ha/60,83 ha (đạt 100% tổng diện tích thu hồi).",
        &[(26.5, "ha"), (304.0, "hộ"), (74.3, "ha"), (99.8, "%"), (21.27, "ha"), (60.83, "ha"), (60.83, "ha"), (100.0, "%")],
    );
    // A rank out of 63 provinces is not a count.
    check(
        "Chỉ số năng lực cạnh tranh của tỉnh năm 2023 xếp thứ 13/63 tỉnh, thành phố, tăng 02 bậc so với năm 2022.",
        &[],
    );
    check(
        "¹³Năm 2023: Kết quả khám và chữa bệnh công lập cả 3 tuyến ước đạt trên 1,39 triệu lượt, đạt 97% kế hoạch, điều trị nội trú bệnh viện và lưu trú tại trạm y tế xã 145.670 lượt, đạt 95%, điều trị ngoại trú 64.543 lượt, đạt 105,9%.",
        &[(3.0, "tuyến"), (1.39, "triệu lượt"), (97.0, "%"), (145670.0, "lượt"), (95.0, "%"), (64543.0, "lượt"), (105.9, "%")],
    );
    check(
        "Năm 2024: Tính đến hết tháng 7/2024 đã tham gia 16/25 giải thể thao khu vực và toàn quốc.",
        &[(16.0, "giải")],
    );
}

#[test]
fn report_002_quarterly() {
    check(
        "- Tại Báo cáo số 428/BC-UBND: Tổng thu ngân sách trên địa bàn là 6.311 tỷ đồng, đạt 85,04% dự toán, tăng 0,65% so với cùng kỳ, trong đó thu nội địa là 2.211 tỷ đồng, đạt 115,1% dự toán, tăng 19,7%; thu từ hoạt động xuất nhập khẩu 4.100 tỷ đồng, đạt 74,55% dự toán, giảm 7,29%.",
        &[(6311.0, "tỷ đồng"), (85.04, "%"), (0.65, "%"), (2211.0, "tỷ đồng"), (115.1, "%"), (19.7, "%"), (4100.0, "tỷ đồng"), (74.55, "%"), (7.29, "%")],
    );
    check(
        "- Tại Báo cáo số 428/BC-UBND: Tổng kim ngạch xuất nhập khẩu đạt 4,65 tỷ USD, bằng 113,4% kế hoạch, tăng 12,6% so với cùng kỳ; trong đó xuất khẩu 2,7 tỷ USD, bằng 125,6% kế hoạch, tăng 12,5%; nhập khẩu 1,95 tỷ USD, đạt kế hoạch, tăng 12,7%.",
        &[(4.65, "tỷ USD"), (113.4, "%"), (12.6, "%"), (2.7, "tỷ USD"), (125.6, "%"), (12.5, "%"), (1.95, "tỷ USD"), (12.7, "%")],
    );
    // `quý I/2018` is no figure.
    check(
        "Kinh tế tiếp tục tăng trưởng khá, tổng sản phẩm trên địa bàn (GRDP) quý I/2018 tăng 7,21% so với cùng kỳ, trong đó: Nông lâm nghiệp tăng 2,97%, công nghiệp - xây dựng tăng 16,36% (công nghiệp tăng 8,32%, xây dựng tăng 25,29%), dịch vụ tăng 7,53%.",
        &[(7.21, "%"), (2.97, "%"), (16.36, "%"), (8.32, "%"), (25.29, "%"), (7.53, "%")],
    );
    check(
        "Công tác trồng rừng tập trung vào việc chuẩn bị cây giống và thiết kế hiện trường trồng rừng; đã gieo tạo được 18 triệu cây giống lâm nghiệp, đạt 69,23% kế hoạch; trồng rừng mới được 555 ha (trong đó trồng rừng tập trung 380,9 ha, trồng cây phân tán trong dịp Tết trồng cây 174,1 ha), đạt 6,2% kế hoạch, giảm 26,3% so với cùng kỳ.",
        &[(18.0, "triệu cây"), (69.23, "%"), (555.0, "ha"), (380.9, "ha"), (174.1, "ha"), (6.2, "%"), (26.3, "%")],
    );
    check(
        "Từ đầu năm đã xảy ra 02 vụ cháy rừng (giảm 05 vụ so với cùng kỳ) với tổng diện tích rừng cháy là 4,5 ha (giảm 12,7 ha).",
        &[(2.0, "vụ"), (5.0, "vụ"), (4.5, "ha"), (12.7, "ha")],
    );
    check(
        "Đã có 201 xã ra quân đầu xuân, tăng 1% so với cùng kỳ; huy động được 88,6 nghìn công, cung ứng 266 tấn xi măng; hệ thống kênh mương được tu sửa, nạo vét, phục vụ kịp thời cho sản xuất; đã huy động được 141 nghìn công làm đường giao thông nông thôn; nhân dân hiến đất làm đường 3.549 m², đóng góp bằng tiền 21,1 tỷ đồng.",
        &[(201.0, "xã"), (1.0, "%"), (88.6, "nghìn"), (266.0, "tấn"), (141.0, "nghìn"), (3549.0, "m²"), (21.1, "tỷ đồng")],
    );
    // A typo (`15,5 kế hoạch` for `15,5%`) is no count.
    check(
        "Trong quý I có 85 doanh nghiệp thành lập mới (tập trung ở lĩnh vực thương mại, dịch vụ, xây dựng), đạt 15,5 kế hoạch, tăng 21% so với cùng kỳ với tổng vốn đăng ký 678 tỷ đồng, tăng 50,6%.",
        &[(85.0, "doanh nghiệp"), (21.0, "%"), (678.0, "tỷ đồng"), (50.6, "%")],
    );
    // Ranges: the unit is written once, after the upper bound.
    check(
        "Tập trung các biện pháp đạt tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP) trong quy II khoảng 7,5 - 8% so với cùng kỳ, trong đó nông lâm nghiệp tăng 2,5 - 3%, công nghiệp - xây dựng tăng 17,5 - 18%, dịch vụ tăng 7,5 - 8%.",
        &[(7.5, "%"), (8.0, "%"), (2.5, "%"), (3.0, "%"), (17.5, "%"), (18.0, "%"), (7.5, "%"), (8.0, "%")],
    );
    check("Đã tổ chức 7 phiên giao dịch việc làm.", &[(7.0, "phiên")]);
    check(
        "Tổng số người được tư vấn về việc làm, học nghề, chính sách pháp luật lao động là 3.975 người; số người được tư vấn giới thiệu việc làm là 1.012 người.",
        &[(3975.0, "người"), (1012.0, "người")],
    );
    check(
        "Hoàn thành Đề án tự chủ về tài chính và hoạt động từ 5 - 6 cơ sở y tế công lập.",
        &[(5.0, "cơ sở"), (6.0, "cơ sở")],
    );
    check(
        "Phát hiện, bắt 81 vụ (tăng 10 vụ so với cùng kỳ) 123 đối tượng tội phạm về ma túy, thu giữ 27,7g heroin, 3,9kg ma túy tổng hợp; bắt giữ và xử lý 90 vụ (tăng 6 vụ so với cùng kỳ), 112 đối tượng buôn bán, vận chuyển pháo trái phép, thu trên 4,1 tấn pháo các loại.",
        &[(81.0, "vụ"), (10.0, "vụ"), (123.0, "đối tượng"), (27.7, "g"), (3.9, "kg"), (90.0, "vụ"), (6.0, "vụ"), (112.0, "đối tượng"), (4.1, "tấn")],
    );
}

#[test]
fn report_003_monthly_pdf_layout() {
    check(
        "Giá trị khối lượng thực hiện và giải ngân các dự án nguồn vốn đầu tư công năm 2022 đến hết 31/01/2023 ước đạt 2.913,8 tỷ đồng, đạt 87,2% kế hoạch, trong đó: Kế hoạch vốn chưa bao gồm chương trình MTQG: 2.279,4 tỷ đồng đạt 91,2% kế hoạch giao đầu năm, kế hoạch vốn chương trình MTQG: 634,5 tỷ đồng, đạt 75,3 % kế hoạch.",
        &[(2913.8, "tỷ đồng"), (87.2, "%"), (2279.4, "tỷ đồng"), (91.2, "%"), (634.5, "tỷ đồng"), (75.3, "%")],
    );
    check(
        "Trong tháng thu hút khoảng 250,95 nghìn lượt khách du lịch, trong đó: khách quốc tế 1,51 nghìn lượt, khách nội địa 249,44 nghìn lượt; doanh thu ước đạt 176 tỷ đồng.",
        &[(250.95, "nghìn lượt khách"), (1.51, "nghìn lượt"), (249.44, "nghìn lượt"), (176.0, "tỷ đồng")],
    );
    // `m3` is `m³`; `giảm12,8%` (no space) is a glued word, not a figure.
    check(
        "5 Điện sản xuất 60,5 TrKw/h, đạt 6,8% so với kế hoạch, giảm 8,9% với cùng kỳ; Điện thương phẩm 70,3 TrKw/h, đạt 7,9%, bằng cùng kỳ năm trước; Than sạch: 50 nghìn tấn, đạt 8,9%, tăng 0,8%; Xi măng: 65 nghìn tấn, đạt 6,8% , tăng 4,4%; Clinker 30 nghìn tấn, đạt 10,0%, giảm 34,9%; Gạch các loại: 17 triệu viên, đạt 6,5%, giảm 12,8%; Đá các loại 260 nghìn m3, đạt 6,0%, giảm12,8%; Nước máy: 790,0 nghìn m3, đạt 8,1%, tăng 2,6%.",
        &[(60.5, "triệu kWh"), (6.8, "%"), (8.9, "%"), (70.3, "triệu kWh"), (7.9, "%"), (50.0, "nghìn tấn"), (8.9, "%"), (0.8, "%"), (65.0, "nghìn tấn"), (6.8, "%"), (4.4, "%"), (30.0, "nghìn tấn"), (10.0, "%"), (34.9, "%"), (17.0, "triệu viên"), (6.5, "%"), (12.8, "%"), (260.0, "nghìn m³"), (6.0, "%"), (790.0, "nghìn m³"), (8.1, "%"), (2.6, "%")],
    );
    check(
        "Tập trung triển khai gieo trồng vụ Đông, tổng diện tích gieo trồng ước đạt 3.666 ha; các đối tượng dịch hại có sự biến động nhẹ về mật độ, tỷ lệ và diện tích gây hại so với cùng kỳ năm trước, tuy nhiên không phát sinh thành dịch, không ảnh hưởng lớn đến sinh trưởng và phát triển của cây trồng.",
        &[(3666.0, "ha")],
    );
    check(
        "Đàn gia súc, gia cầm cơ bản phát triển ổn định; trong tháng thực hiện tiêm phòng được 95.294 lượt con.",
        &[(95294.0, "lượt con")],
    );
    check(
        "Tổng số cây đã chuẩn bị để cấp phát gồm 104,6 triệu cây lâm nghiệp, 401 nghìn cây cảnh quan, ăn quả.",
        &[(104.6, "triệu cây"), (401.0, "nghìn cây")],
    );
    check(
        "Hoàn thành thẩm định, công nhận 08/10 xã đạt đạt chuẩn nông thôn mới và 03/05 xã đạt chuẩn nông thôn mới nâng cao, 121/121 công trình đầu tư xây dựng cơ sở hạ tầng kế hoạch năm 2022 đã cơ bản hoàn thành và đưa vào sử dụng.",
        &[(8.0, "xã"), (3.0, "xã"), (121.0, "công trình")],
    );
    check(
        "2 Tổng đàn trâu khoảng 67.800 con, tăng 7,65% so với cùng kỳ; đàn bò 28.100 con, giảm 2,25%; đàn lợn: 179.600 con, tăng 6,14%; đàn gia cầm 4.490 nghìn con, tương đương cùng kỳ.",
        &[(67800.0, "con"), (7.65, "%"), (28100.0, "con"), (2.25, "%"), (179600.0, "con"), (6.14, "%"), (4490.0, "nghìn con")],
    );
    // Decree numbers, dates and `Covid-19`.
    check(
        "Phê duyệt nhiệm vụ trọng tâm năm 2023 của các cơ quan, đơn vị trên địa bàn tỉnh Lạng Sơn; ban hành Quyết định số 79/QĐ-UBND ngày 19/01/2023 về nhiệm vụ, giải pháp chủ yếu chỉ đạo, điều hành thực hiện Kế hoạch phát triển kinh tế - xã hội, Dự toán ngân sách nhà nước và cải thiện môi trường kinh doanh, nâng cao năng lực cạnh tranh năm 2023.",
        &[],
    );
}

#[test]
fn report_004_nine_months_pdf_layout_and_slashes() {
    check(
        "Tính đến ngày 29/9/2024, tổng kim ngạch hàng hóa xuất nhập khẩu của tất cả các loại hình qua địa bàn tỉnh đạt 46.362,2 triệu USD, tăng 29,5% so với cùng kỳ.",
        &[(46362.2, "triệu USD"), (29.5, "%")],
    );
    check(
        "Tổng lượng khách du lịch và doanh thu tăng khá, vượt tiến độ đề ra, tuy nhiên lượng khách quốc tế vẫn đạt thấp so với kế hoạch, ước thu hút khoảng 3,66 triệu lượt khách, đạt 90,1% kế hoạch, tăng 5,6% so với cùng kỳ; doanh thu 3.177 tỷ đồng, đạt 73,8%, tăng 16,3%.",
        &[(3.66, "triệu lượt khách"), (90.1, "%"), (5.6, "%"), (3177.0, "tỷ đồng"), (73.8, "%"), (16.3, "%")],
    );
    check(
        "5 Trong 9 tháng, trên địa bàn tỉnh xảy ra một số dịch bệnh trên cây trồng, vật nuôi: Đến ngày 22/9/2024, bệnh dịch tả lợn Châu phi xảy ra tại 4.472 hộ/785 thôn/162 xã, phường/11 huyện, thành phố, làm chết và tiêu hủy 16.436 con với tổng trọng lượng 714.916 kg; các cơ quan chuyên môn từ tỉnh đến cơ sở tăng cường công tác kiểm tra, giám sát chặt chẽ tình hình dịch bệnh, hiện còn 25/162 xã chưa qua 21 ngày không phát sinh dịch.",
        &[(4472.0, "hộ"), (785.0, "thôn"), (162.0, "xã"), (16436.0, "con"), (714916.0, "kg"), (25.0, "xã")],
    );
    check(
        "Từ ngày 29/5/2024, châu chấu tre lưng vàng xuất hiện mật độ cao phá hại lúa, ngô, tre, vầu,...; tổng diện tích nhiễm châu chấu tre lưng vàng 73,5 ha tại 08 huyện (Bình Gia, Tràng Định, Văn Lãng, Cao Lộc, Lộc Bình, Đình Lập, Văn Quan, Chi Lăng); các địa phương tiến hành phun bao vây đồng loạt với diện tích phun trừ 106,9 ha, hiệu quả phun trừ đạt trên 95%, dịch châu chấu được bao vây không lây lan ra diện rộng.",
        &[(73.5, "ha"), (8.0, "huyện"), (106.9, "ha"), (95.0, "%")],
    );
    check(
        "Toàn tỉnh có 153 sản phẩm OCOP, trong đó 23 sản phẩm 04 sao; 130 sản phẩm 03 sao.",
        &[(153.0, "sản phẩm"), (23.0, "sản phẩm"), (130.0, "sản phẩm")],
    );
    check(
        "2 Diện tích gieo cấy lúa ước đạt 47.970 ha, tăng 0,79% so với cùng kỳ; đạt 102,6% KH; cây ngô 20.275 ha, tăng 4,18%; đạt 101,38% KH; cây thuốc lá 2.707 ha, tăng 4,96%, đạt 112,79% KH; cây ớt 1.864 ha, tăng 20,4%, đạt 124,27% KH.",
        &[(47970.0, "ha"), (0.79, "%"), (102.6, "%"), (20275.0, "ha"), (4.18, "%"), (101.38, "%"), (2707.0, "ha"), (4.96, "%"), (112.79, "%"), (1864.0, "ha"), (20.4, "%"), (124.27, "%")],
    );
    check(
        "14 Trong đó: Khách quốc tế đạt 105 nghìn lượt khách, đạt 65,5% kế hoạch, tăng 315,6%; khách trong nước đạt 3,55 triệu lượt khách, đạt 91,1%, tăng 3,4%.",
        &[(105.0, "nghìn lượt khách"), (65.5, "%"), (315.6, "%"), (3.55, "triệu lượt khách"), (91.1, "%"), (3.4, "%")],
    );
    check(
        "Kinh phí đã giải ngân lũy kế đến nay là 490,1/1.288,123 tỷ đồng đạt 38,0% kế hoạch vốn được giao (*trong đó: Ngân sách trung ương: 490 tỷ đồng, đạt 49%; ngân sách địa phương: 0,1 tỷ đồng, đạt 0,03%*).",
        &[(490.1, "tỷ đồng"), (38.0, "%"), (490.0, "tỷ đồng"), (49.0, "%"), (0.1, "tỷ đồng"), (0.03, "%")],
    );
    check(
        "Kết quả đạt được đến tháng 10/2024: Đã bàn giao cho doanh nghiệp dự án được 366.55/640,28ha đạt 57,24%; 39,9km/59,87km tổng chiều dài toàn tuyến, đạt 66,64%.",
        &[(366.55, "ha"), (57.24, "%"), (39.9, "km"), (59.87, "km"), (66.64, "%")],
    );
    check(
        "Đã tiếp, làm việc với 10 đoàn công tác đến thăm, khảo sát tìm kiếm cơ hội hợp tác đầu tư, nghiên cứu khoa học tại tỉnh; có 15 đoàn/141 lượt cán bộ, công chức đi công tác nước ngoài.",
        &[(10.0, "đoàn"), (15.0, "đoàn"), (141.0, "lượt")],
    );
}

#[test]
fn sentences_of_a_real_paragraph() {
    let text = "Tích cực chỉ đạo công tác giải phóng mặt bằng dự án Cải tạo, nâng cấp Quốc lộ 4B (đoạn Km3+700 đến Km18); dự án Nâng cấp Quốc lộ 4B, đoạn Km18 - Km80, tỉnh Lạng Sơn. Rà soát, tổng hợp khó khăn, vướng mắc. Kết quả giải ngân đến hết tháng 02/2024 ước đạt 400 tỷ đồng, đạt 11,6% kế hoạch (tăng 211 tỷ đồng, tương đương 111% so với cùng kỳ năm 2023); trong đó: Ngân sách địa phương 80 tỷ đồng.\nHoàn thành hồ sơ tại TP. Lạng Sơn.";
    let got: Vec<&str> = sentences(text).iter().map(|&(s, e)| &text[s..e]).collect();
    assert_eq!(got.len(), 4, "{got:#?}");
    assert!(got[2].starts_with("Kết quả giải ngân") && got[2].ends_with("80 tỷ đồng."));
    assert_eq!(got[3], "Hoàn thành hồ sơ tại TP. Lạng Sơn.");
}

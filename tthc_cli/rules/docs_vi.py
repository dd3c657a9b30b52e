"""The rules' documentation in Vietnamese (``tthc rules ID``, the default language).

Each rule module's docstring is its English documentation; the Vietnamese text is kept here,
with the same examples: a test checks that every rule has one, that it shows an example that
passes ("Đạt") before one that fails ("Không đạt"), and that its YAML examples are the
docstring's, character for character.
"""

from __future__ import annotations

DOCS: dict[str, str] = {
    "unique-code": """
Mỗi mã thủ tục chỉ dùng một lần trong danh mục.

Mã là thứ định danh một thủ tục trong danh mục, trong Cơ sở dữ liệu quốc gia về TTHC và trong
mọi lần so sánh phiên bản; hai tệp cùng mã thì không biết tệp nào là thủ tục đó. Phát hiện được
báo ở mọi tệp sau tệp đầu tiên (theo thứ tự đường dẫn) và nêu tên tệp đầu tiên.

Đạt: ``public/2.001219.yaml`` và ``public/1.001193.yaml``, mỗi tệp một mã riêng.

Không đạt: ``public/2.001219.yaml`` và ``old/2.001219-copy.yaml`` cùng ghi::

    code: "2.001219"
""",
    "code-matches-filename": """
Mã thủ tục trùng với tên tệp.

Mỗi thủ tục nằm trong một tệp mang tên theo mã của nó, để tìm, so sánh và xem xét thủ tục theo
tệp. Nguyên nhân thường gặp: sao chép một tệp rồi quên đổi tên tệp hoặc đổi mã.

Đạt (tệp ``public/2.001219.yaml``)::

    code: "2.001219"

Không đạt (tệp ``public/2.001219.yaml``)::

    code: "2.001220"
""",
    "code-format": """
Mã thủ tục đúng mẫu mã quốc gia hoặc mẫu mã địa phương của danh mục.

Mã trên Cơ sở dữ liệu quốc gia về TTHC gồm một chữ số, dấu chấm và sáu chữ số (``2.001219``);
thủ tục chưa có mã quốc gia (ví dụ thủ tục nội bộ của Thành phố) dùng mẫu mã địa phương đặt
trong ``tthc.yaml`` (``local_code_pattern``; mặc định là ``NB-`` rồi các phần chữ in hoa và một
số thứ tự, như ``NB-SXD-01``). Mã không theo mẫu nào thì không tra cứu được và không khớp được
giữa các phiên bản.

Đạt::

    code: "2.001219"

Không đạt::

    code: "2.1219"
""",
    "mandatory-parts": """
Thủ tục ghi đủ các bộ phận mà pháp luật yêu cầu công bố.

Điều 8 Nghị định 63/2010/NĐ-CP (được thay thế bởi Nghị định 92/2017/NĐ-CP) liệt kê các bộ phận
mọi thủ tục hành chính phải có: tên, trình tự thực hiện, cách thức thực hiện, thành phần và số
lượng hồ sơ, thời hạn giải quyết, đối tượng thực hiện và cơ quan giải quyết. Tên đã bắt buộc
trong lược đồ; quy tắc này báo từng bộ phận còn lại bị thiếu, để một thủ tục nhập dở không được
coi là đầy đủ. Thời hạn giải quyết được tính là có khi một cách thức thực hiện có ``time`` hoặc
thủ tục có ``processing_time``; cơ quan giải quyết khi ``units`` có đơn vị ``implementing`` hoặc
``competent``. Thủ tục ghi ``incomplete: true`` (chính nguồn thiếu bộ phận) được bỏ qua.

Đạt: ví dụ mẫu ``procedures/public/2.001219.yaml``.

Không đạt (không có trình tự, cách thức thực hiện và đối tượng)::

    code: "2.001219"
    kind: public
    name: Chấp thuận hoạt động vui chơi, giải trí dưới nước
    components:
      - {id: don, name: Đơn đề nghị, originals: 1}
    units:
      implementing: [so-xay-dung]
""",
    "internal-scope": """
Thủ tục nội bộ ghi rõ phạm vi; thủ tục công thì không có phạm vi nội bộ.

Thủ tục hành chính nội bộ được thống kê và đơn giản hóa riêng tùy theo diễn ra giữa các cơ quan
hay trong một cơ quan (``internal_scope: between_agencies`` hoặc ``within_agency``), như cách
chương trình rà soát quốc gia thống kê. Thủ tục công do người dân, doanh nghiệp thực hiện, nên ghi
phạm vi ở đó là nhầm ``kind`` hoặc nhầm trường.

Đạt::

    kind: internal
    internal_scope: between_agencies

Không đạt::

    kind: internal
""",
    "district-level": """
Không thủ tục nào áp dụng từ ngày 01/07/2025 trở đi được thực hiện ở cấp huyện.

Từ ngày 01/07/2025 chính quyền địa phương có hai cấp, cấp tỉnh và cấp xã (phường, xã, đặc khu):
cấp huyện đã bỏ (Luật Tổ chức chính quyền địa phương 2025, có hiệu lực từ ngày đó). Nguồn: danh
sách 2.168 thủ tục của Thành phố có hiệu lực từ ngày 01/07/2025 chỉ có "cấp thành phố", "cấp
phường, xã, đặc khu" và "cơ quan khác" (Quyết định 113 năm 2025,
https://baomoi.net.vn/tp-hcm-2-168-thu-tuc-hanh-chinh-can-biet-tu-ngay-1-7-c52698215.epi).
Thủ tục hiện hành còn ghi ``district`` trong ``levels``, hoặc có ``receiving_address`` còn ghi
tên quận, huyện ("Quận 1", "quận Phú Nhuận", "huyện Cần Giờ", "thành phố Thủ Đức"), sẽ chỉ người
dân tới cơ quan hay địa chỉ không còn nữa: hãy ghi địa chỉ theo phường, xã mới (ví dụ "phường
Bến Nghé, Quận 1" nay thuộc phường Sài Gòn). Thủ tục đã hết hiệu lực (``effective.to`` trước
ngày đó) có thể giữ nguyên cả hai.

Đạt::

    levels: [province, commune]

Không đạt (xét sau ngày 01/07/2025)::

    levels: [province, district]
    receiving_address: "số 63 Lý Tự Trọng, phường Bến Nghé, Quận 1"
""",
    "unit-exists": """
Mọi đơn vị mà thủ tục nêu đều có trong danh mục đơn vị (units.yaml).

Thủ tục chỉ đơn vị bằng mã (``so-xay-dung``); gõ nhầm, hoặc một đơn vị chưa ai đăng ký, làm thủ
tục chỉ tới một đơn vị không có, nên báo cáo theo đơn vị, kiểm tra đơn vị đã giải thể và văn bản
in ra đều lặng lẽ bỏ sót nó. Phát hiện gợi ý mã đã đăng ký gần nhất, so mã, tên, tên ngắn và tên
khác không dấu. Một mã mà nhiều thủ tục cùng dùng (đơn vị đã đổi mã hoặc bị xóa trong danh mục
đơn vị) là một phát hiện duy nhất, nêu số thủ tục còn dùng, ở chỗ dùng đầu tiên. Không kiểm tra
khi danh mục không có units.yaml (``units-registry-missing`` đã báo) hoặc khi units.yaml sai
lược đồ (``units-registry-invalid``).

Đạt (``so-xay-dung`` đã đăng ký)::

    units:
      implementing: [so-xay-dung]

Không đạt::

    units:
      implementing: [so-xay-dung-tp]
""",
    "unit-dissolved": """
Không thủ tục nào nêu một đơn vị đã giải thể trước ngày thủ tục áp dụng.

Khi các sở hợp nhất (Sở Giao thông công chánh vào Sở Xây dựng năm 2025) hoặc khi bỏ cấp huyện
(01/07/2025), thủ tục còn nêu đơn vị cũ sẽ chỉ người dân tới cơ quan không còn nữa. Thủ tục áp
dụng vào ngày ``effective.to`` nếu có (thủ tục đã hết hiệu lực), không thì hôm nay (hoặc
``as_of`` trong tthc.yaml). Phát hiện nêu đơn vị kế thừa ghi trong ``units.yaml``, nếu có; mã
kế thừa không có trong danh mục thì không được nêu (``units-registry-consistent`` báo mã đó).

Đạt (``ubnd-quan-1`` giải thể ngày 01/07/2025, thủ tục đã hết hiệu lực trước đó)::

    effective: {to: "2025-06-30"}
    units:
      implementing: [ubnd-quan-1]

Không đạt (xét năm 2026)::

    units:
      implementing: [ubnd-quan-1]
""",
    "units-registry-consistent": """
Danh mục đơn vị (``units.yaml``) không tự mâu thuẫn.

Báo cáo theo đơn vị và kiểm tra đơn vị đã giải thể đi theo điều danh mục ghi về việc mỗi đơn vị
trở thành gì; gõ nhầm một mã ở đó làm công việc của đơn vị được chuyển cho một đơn vị không có,
mà không chỗ nào khác phát hiện. Vì vậy:

- mọi mã ghi trong ``parent``, ``merged_into``, ``renamed_to`` và từng mục ``split_into`` là một
  đơn vị có trong danh mục (phát hiện gợi ý mã đã đăng ký gần nhất);
- không đơn vị nào ghi chính nó là đơn vị cấp trên hoặc đơn vị kế thừa của nó;
- đơn vị kế thừa có tồn tại vào ngày đơn vị trước nó giải thể: không thể hợp nhất vào, đổi tên
  thành, hay chia cho đơn vị đã giải thể hoặc chưa thành lập vào ngày đó;
- không chuỗi hợp nhất, đổi tên, chia tách nào quay về chỗ bắt đầu.

Mỗi phát hiện chỉ đúng chỗ mã được ghi trong ``units.yaml``. Không kiểm tra khi units.yaml sai
lược đồ (``units-registry-invalid``).

Đạt::

    units:
      so-tai-nguyen-va-moi-truong:
        name: Sở Tài nguyên và Môi trường Thành phố Hồ Chí Minh
        kind: department
        level: province
        dissolved: "2025-05-01"
        renamed_to: so-nong-nghiep-va-moi-truong
      so-nong-nghiep-va-moi-truong:
        name: Sở Nông nghiệp và Môi trường Thành phố Hồ Chí Minh
        kind: department
        level: province
        established: "2025-05-01"

Không đạt (mã đơn vị kế thừa gõ nhầm)::

    units:
      so-tai-nguyen-va-moi-truong:
        name: Sở Tài nguyên và Môi trường Thành phố Hồ Chí Minh
        kind: department
        level: province
        dissolved: "2025-05-01"
        renamed_to: so-nong-nghiep-va-moi-truong-x
      so-nong-nghiep-va-moi-truong:
        name: Sở Nông nghiệp và Môi trường Thành phố Hồ Chí Minh
        kind: department
        level: province
        established: "2025-05-01"
""",
    "step-single-lead": """
Mỗi bước, trừ bước người nộp hồ sơ nộp, có đúng một đơn vị chủ trì.

Bước không ai chủ trì, hoặc nhiều đơn vị cùng chủ trì, thì không ai chịu trách nhiệm về thời
hạn của bước: đó là chỗ hồ sơ nằm chờ. Bước nộp hồ sơ (``kind: submit``) do người nộp làm, không
cần đơn vị chủ trì. Khi văn bản công bố thật sự nêu các phương án thay thế (một trong nhiều đơn
vị, tùy trường hợp), hãy giữ nguyên và bỏ qua phát hiện trên bước đó, kèm lý do.

Đạt::

    steps:
      - {id: tham-dinh, kind: review, action: Thẩm định hồ sơ, lead: so-xay-dung}

Không đạt::

    steps:
      - {id: tham-dinh, kind: review, action: Thẩm định hồ sơ, lead: [so-xay-dung, so-tu-phap]}
""",
    "consult-specific": """
Bước lấy ý kiến nêu cụ thể các cơ quan được lấy ý kiến và thời hạn trả lời.

Thành phố đã chỉ đạo các cơ quan "chỉ lấy ý kiến các cơ quan liên quan trực tiếp" và cơ quan
được hỏi phải "trả lời đúng hạn": lấy ý kiến chung chung "các sở, ngành liên quan", hoặc không
có thời hạn, là chỗ hồ sơ bị ách tắc. Vì vậy bước ``kind: consult`` liệt kê các đơn vị
``consulted`` trong danh mục đơn vị, không đơn vị nào là một nhóm chung chung (``group: true``
trong ``units.yaml``, như "Các sở, ngành"), và ghi ``response_deadline``. Một vai trò do một cơ
quan ở mỗi địa phương đảm nhận (``generic: true``, như "Ủy ban nhân dân cấp tỉnh") được coi là
đủ cụ thể. Phát hiện trích chỉ đạo đó và, khi bước có ``consulted_text``, câu chữ đã công bố.

Đạt::

    steps:
      - id: lay-y-kien
        kind: consult
        action: Gửi văn bản lấy ý kiến Sở Tư pháp
        lead: so-xay-dung
        consulted: [so-tu-phap]
        response_deadline: {value: 5, unit: working_days}

Không đạt::

    steps:
      - id: lay-y-kien
        kind: consult
        action: Lấy ý kiến các sở, ngành liên quan
        lead: so-xay-dung
        consulted_text: các sở, ngành liên quan
""",
    "steps-fit-total": """
Các bước trên luồng chính nằm gọn trong thời hạn giải quyết của mọi cách thức thực hiện.

Thời hạn đã công bố (theo từng cách thức, hoặc ``processing_time``) là điều người nộp được hứa;
các bước là cách các cơ quan dùng thời hạn đó. Khi các bước luôn diễn ra (không có ``when``) cần
nhiều ngày làm việc hơn thời hạn cho phép, thì lời hứa đã công bố không giữ được, hoặc các bước
ghi sai. Thời hạn tính theo ngày lịch được quy ra khoảng số ngày làm việc có thể có, và chỉ báo
khi chắc chắn vượt (số ngày ít nhất của các bước lớn hơn số ngày nhiều nhất của thời hạn), mỗi
cách thức một phát hiện. Chỉ tính các bước dùng thời hạn đã công bố: không tính bước người nộp
nộp hồ sơ (``kind: submit``; thời hạn tính từ khi nhận hồ sơ), bước có điều kiện (``when``) và
bước ghi ``outside_time: true`` (ví dụ nghĩa vụ của người nộp sau khi có kết quả).

Đạt::

    channels:
      - {channel: direct, time: {value: 5, unit: working_days}}
    steps:
      - {id: tham-dinh, kind: review, action: Thẩm định, lead: so-xay-dung,
         duration: {value: 3, unit: working_days}}
      - {id: tra, kind: return, action: Trả kết quả, lead: so-xay-dung,
         duration: {value: 2, unit: working_days}}

Không đạt (3 + 4 = 7 ngày làm việc trong thời hạn 5 ngày)::

    channels:
      - {channel: direct, time: {value: 5, unit: working_days}}
    steps:
      - {id: tham-dinh, kind: review, action: Thẩm định, lead: so-xay-dung,
         duration: {value: 3, unit: working_days}}
      - {id: tra, kind: return, action: Trả kết quả, lead: so-xay-dung,
         duration: {value: 4, unit: working_days}}
""",
    "online-level": """
Mức dịch vụ công trực tuyến chỉ ghi ở cách thức nộp trực tuyến.

``online_service`` (``full`` là dịch vụ công trực tuyến toàn trình, ``partial`` là một phần) cho
biết làm được bao nhiêu phần của thủ tục qua mạng. Ghi ở cách thức trực tiếp hay qua dịch vụ
bưu chính thì vô nghĩa, và thường cho thấy giá trị bị chép nhầm sang cách thức khác.

Đạt::

    channels:
      - {channel: online, online_service: full, time: {value: 5, unit: working_days}}

Không đạt::

    channels:
      - {channel: direct, online_service: full, time: {value: 5, unit: working_days}}
""",
    "component-quantity": """
Mỗi thành phần hồ sơ yêu cầu ít nhất một bản chính hoặc một bản sao.

Thành phần hồ sơ không ghi số lượng (không có ``originals`` và ``copies``) khiến người nộp phải
đoán mang bao nhiêu giấy tờ, và cán bộ tiếp nhận có thể đòi thêm. Cổng ghi số lượng dạng "1 bản
chính, 1 bản sao"; hãy ghi thành số.

Đạt::

    components:
      - {id: don, name: Đơn đề nghị, originals: 1}

Không đạt::

    components:
      - {id: don, name: Đơn đề nghị, originals: 0, copies: 0}
""",
    "component-abolished": """
Không thủ tục nào yêu cầu giấy tờ mà pháp luật không còn công nhận.

Từ ngày 01/01/2023 sổ hộ khẩu và sổ tạm trú không còn giá trị (Luật Cư trú số 68/2020/QH14,
khoản 3 Điều 38): nơi cư trú được tra trong Cơ sở dữ liệu quốc gia về dân cư. Thủ tục áp dụng
từ ngày đó trở đi mà vẫn liệt kê các sổ này trong thành phần hồ sơ là đòi người dân giấy tờ họ
không thể có. Danh sách giấy tờ đã bỏ, kèm ngày và căn cứ pháp lý của từng loại, thay được trong
``tthc.yaml`` (``abolished_components``); tên được so không phân biệt chữ hoa, chữ thường và
khoảng trắng.

Đạt::

    components:
      - {id: cccd, name: Thẻ Căn cước công dân, originals: 1}

Không đạt (xét sau ngày 01/01/2023)::

    components:
      - {id: ho-khau, name: Bản sao sổ hộ khẩu, copies: 1}
""",
    "legal-number": """
Số hiệu của căn cứ pháp lý là số hiệu thật của một văn bản Việt Nam.

Số hiệu là cách tra cứu một căn cứ pháp lý và khớp nó giữa các phiên bản (``63/2010/NĐ-CP``).
Số hiệu chép kèm tên loại ("Nghị định số 63/2010"), dính với chữ liền sau (``11/2026/TT-NHNN5``,
``1451/2019/QH14QUY``) hoặc bị cắt ngắn thì không khớp được. Ngữ pháp, sau khi chuẩn hóa Unicode
NFC (Nghị định 30/2020/NĐ-CP về công tác văn thư, Phụ lục I và III)::

    số hiệu  := số "/" [năm "/"] ký hiệu
    số       := 1-5 chữ số, có thể thêm "." và chữ số (66.7) hoặc một chữ thường (01a)
    năm      := 4 chữ số, 19xx hoặc 20xx       (văn bản quy phạm pháp luật: NĐ, TT, Luật, NQ…)
    ký hiệu  := QH<khóa> | UBTVQH<khóa> | loại "-" cơ quan ("-" cơ quan)*   (khi có năm)
              | phần ("-" phần)*                                        (khi không có năm)

Khi có năm, loại văn bản (NĐ, TT, QĐ, NQ, TTLT, VBHN…) và mọi cơ quan ban hành (CP, TTg, BTC,
NHNN, HĐND…) phải là mã đã biết, và cơ quan có ngày thành lập, hợp nhất (bộ thành lập hay hợp
nhất năm 2025) phải tồn tại trong năm đó. Luật và nghị quyết của Quốc hội (``QH15``) và của Ủy
ban Thường vụ Quốc hội (``UBTVQH15``) đánh số liên tục theo khóa, không theo năm (Nghị quyết
202/2025/QH15): năm phải thuộc khóa đó, và số thứ tự phải dưới giới hạn của khóa (luật dưới
``max_law``). Chỉ ``QH``/``UBTVQH`` mang chữ số; chỉ mã đã biết như ``TTg`` mang chữ thường. Loại
văn bản, cơ quan ban hành và khóa là dữ liệu có ngày trong ``tthc_cli/data/legal-numbers.yaml``;
``legal_numbers`` trong ``tthc.yaml`` bổ sung hoặc thay thế. Mục không có ``number`` cũng bị báo:
khi nguồn không ghi số hiệu, hãy nói rõ điều đó bằng một mục bỏ qua trên căn cứ đó.

Đạt::

    legal_basis:
      - {number: 63/2010/NĐ-CP, title: Nghị định về kiểm soát thủ tục hành chính}
      - {number: 66.7/2025/NQ-CP, title: Nghị quyết cắt giảm thủ tục dựa trên dữ liệu}

Không đạt::

    legal_basis:
      - {number: Nghị định số 63/2010, title: Nghị định về kiểm soát thủ tục hành chính}
      - {number: 11/2026/TT-NHNN5, title: Thông tư}
      - {number: 1354/2014/QH13, title: Luật 54/2014/QH}
""",
    "target-not-heavier": """
Mục tiêu đơn giản hóa không nặng hơn hiện trạng.

Phương án đơn giản hóa (``simplification``) ghi thủ tục như hiện nay (``baseline``) và như
phương án muốn (``target``). Mục tiêu có thời hạn dài hơn, nhiều bước hoặc thành phần hồ sơ hơn,
phí cao hơn, hay tốn của người nộp nhiều giờ hoặc tiền hơn hiện trạng là gõ nhầm, hoặc là một
phương án thêm gánh nặng dưới danh nghĩa cắt giảm. Thời hạn được so theo ngày làm việc (chỉ tính
chênh lệch chắc chắn), phí chỉ so khi biết cả hai số tiền. Mỗi chỉ số một phát hiện.

Đạt::

    simplification:
      baseline: {time: {value: 10, unit: working_days}, steps: 5}
      target: {time: {value: 7, unit: working_days}, steps: 4}

Không đạt::

    simplification:
      baseline: {time: {value: 10, unit: working_days}, steps: 5}
      target: {time: {value: 12, unit: working_days}, steps: 6}
""",
    "plan-decision": """
Phương án đơn giản hóa đã phê duyệt hoặc đã thực thi ghi quyết định của nó: số và ngày.

Phương án có hiệu lực qua một quyết định (ví dụ Quyết định 1085/QĐ-TTg, hoặc quyết định của
Thành phố phê duyệt phương án đơn giản hóa). Ghi phương án ``approved`` hoặc ``implemented``
mà không có số và ngày của quyết định thì không kiểm chứng được, và báo cáo tiến độ theo mốc
thời gian không đáng tin. Mỗi phần còn thiếu một phát hiện.

Đạt::

    simplification:
      plan:
        status: approved
        outcome: simplify
        decision: {number: 4324/QĐ-UBND, date: "2025-10-01"}

Không đạt::

    simplification:
      plan:
        status: approved
        outcome: simplify
""",
    "legal-basis-in-force": """
Mọi căn cứ pháp lý thủ tục viện dẫn còn hiệu lực, và thủ tục đã theo các văn bản sửa đổi.

Đối chiếu với sổ văn bản của danh mục (``legal.yaml``, cạnh ``units.yaml``) tại ngày thủ tục áp
dụng: ngày ``effective.to`` nếu thủ tục có, nếu không thì hôm nay (``as_of`` trong tthc.yaml hoặc
``--as-of``). Không có sổ văn bản thì quy tắc không báo gì.

- Văn bản được viện dẫn đã bị **thay thế**, hoặc bị **bãi bỏ** toàn bộ, vào hoặc trước ngày đó:
  lỗi, nêu văn bản thay thế (và văn bản đang có hiệu lực, nếu văn bản thay thế lại bị thay).
- Văn bản được viện dẫn được **sửa đổi, bổ sung** (hoặc bị bãi bỏ một phần) sau ngày công bố
  thủ tục và đến ngày đó: cảnh báo, nêu văn bản sửa đổi — thủ tục có thể chưa theo văn bản này.
  Ngày công bố là ``publication.date``, nếu không có thì ngày ban hành của quyết định công bố khi
  sổ văn bản ghi. Thủ tục không rõ ngày công bố nhận phát hiện tương tự ở mức thông tin. Không
  báo khi thủ tục cũng viện dẫn văn bản sửa đổi.
- Số hiệu được viện dẫn **chưa có trong sổ**: thông tin (``legal: {unregistered: …}`` trong
  tthc.yaml đổi thành cảnh báo, lỗi, hoặc ``off``).

Cố ý giữ một căn cứ đã hết hiệu lực (bản ghi lịch sử, thủ tục vẫn đang công bố như vậy) thì ghi
suppress trên mục ``legal_basis`` đó, kèm lý do.

Đạt (``legal.yaml`` ghi 48/2019/NĐ-CP được sửa đổi bởi 19/2024/NĐ-CP, và thủ tục viện dẫn cả hai)::

    legal_basis:
      - number: 48/2019/NĐ-CP
        title: Quy định về quản lý hoạt động của phương tiện phục vụ vui chơi, giải trí dưới nước
      - number: 19/2024/NĐ-CP
        title: Sửa đổi, bổ sung một số điều của Nghị định số 48/2019/NĐ-CP

Không đạt (``legal.yaml`` ghi 32/2010/TT-BTNMT đã bị thay thế, trước ngày thủ tục được đối chiếu,
bởi số hiệu ghi trong ``replaced_by``)::

    legal_basis:
      - number: 32/2010/TT-BTNMT
        title: Quy định về cấp phép hoạt động đo đạc và bản đồ
""",
    "legal-register-consistent": """
Sổ văn bản (``legal.yaml``) không tự mâu thuẫn.

Điều sổ ghi về một văn bản phải khớp với điều sổ ghi về các văn bản khác, nếu không thì tình
trạng hiệu lực mà ``tthc legal`` và ``legal-basis-in-force`` suy ra sẽ sai:

- mọi số hiệu ghi trong ``amended_by``, ``replaced_by`` hoặc ``repealed`` là một văn bản có
  trong sổ (để biết trích yếu của nó, và ngày của nó khi sự kiện không ghi ngày);
- không sửa đổi, thay thế hay bãi bỏ nào có hiệu lực trước ngày văn bản được ban hành, và không
  văn bản nào có hiệu lực trước ngày ban hành;
- văn bản có năm trong số hiệu (``19/2011/TT-BTP``) được ban hành trong năm đó: ngày chép nhầm
  từ trích yếu (trích yếu hay nhắc văn bản cũ kèm ngày của chúng) bị phát hiện ở đây;
- không chuỗi sửa đổi, thay thế, bãi bỏ nào quay về chỗ bắt đầu (văn bản chỉ bị văn bản sau
  thay đổi);
- mỗi số hiệu chỉ ghi một lần, và viết đúng dạng số hiệu văn bản (xem ``legal-number``).

Đạt::

    documents:
      - number: 23/2015/NĐ-CP
        title: Về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính…
        issued: "2015-02-16"
        amended_by: [{number: 280/2025/NĐ-CP}]
      - number: 280/2025/NĐ-CP
        title: Sửa đổi, bổ sung một số điều của Nghị định số 23/2015/NĐ-CP…

Không đạt (văn bản sửa đổi chưa có trong sổ, và ngày thay thế trước ngày văn bản được ban
hành)::

    documents:
      - number: 23/2015/NĐ-CP
        title: Về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính…
        issued: "2015-02-16"
        amended_by: [{number: 280/2025/NĐ-CP}]
        replaced_by: {number: 23/2015/NĐ-CP, date: "2014-01-01"}
""",
}

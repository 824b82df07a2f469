"""The successor's own posts of 2026 (``sokhcn.angiang.gov.vn``): leads open with the host name in
brackets and a day without its year (``(sokhcn.angiang.gov.vn) - Chiều ngày 16/5, ...``); only the
node's dateline (``submitted``) gives the full date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from mirror.content import TZ

SOURCE = "sokhcn.angiang.gov.vn"
FIRST_NID = 500_000  # above every migrated node (1000 + 3 * 50,000 + 2)


@dataclass(frozen=True)
class OwnPost:
    nid: int
    title: str
    published_at: datetime
    event_date: datetime  # the day the lead names (its year is not written)
    part_of_day: str
    summary: str  # the lead after "(sokhcn.angiang.gov.vn) - "
    paragraphs: tuple[str, ...]
    authors: tuple[str, ...]

    @property
    def dateline(self) -> str:
        return f"({SOURCE})"

    @property
    def lead(self) -> str:
        return f"{self.dateline} - {self.summary}"


# (published: month, day, hour, minute; the event's days before it; part of day; title; lead; body; byline)
_POSTS: tuple[tuple[int, int, int, int, int, str, str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        1, 9, 16, 20, 0, "Chiều",
        "Tổng kết hoạt động khoa học và công nghệ năm 2025, triển khai nhiệm vụ năm 2026",
        "Sở Khoa học và Công nghệ tổ chức hội nghị tổng kết hoạt động khoa học, công nghệ và chuyển đổi"
        " số, triển khai nhiệm vụ trọng tâm thời gian tới.",
        (
            "Năm qua, ngành đã tham mưu ban hành nhiều cơ chế, chính sách hỗ trợ doanh nghiệp đổi mới công"
            " nghệ, nâng cao năng suất, chất lượng sản phẩm.",
            "Hội nghị thống nhất các giải pháp đẩy mạnh ứng dụng khoa học, công nghệ vào sản xuất nông"
            " nghiệp, thủy sản và du lịch của tỉnh.",
        ),
        ("Minh Tâm",),
    ),
    (
        2, 3, 10, 5, 0, "Sáng",
        "Triển khai Kế hoạch số 23/KH-UBND của UBND tỉnh về phát triển khoa học, công nghệ và đổi mới"
        " sáng tạo",
        "Sở Khoa học và Công nghệ tổ chức hội nghị quán triệt kế hoạch của UBND tỉnh về phát triển khoa"
        " học, công nghệ, đổi mới sáng tạo và chuyển đổi số.",
        (
            "Kế hoạch đặt mục tiêu đến cuối năm, 100% thủ tục hành chính đủ điều kiện được cung cấp trực"
            " tuyến toàn trình.",
            "Các sở, ngành và địa phương được giao xây dựng chương trình hành động cụ thể, báo cáo kết quả"
            " định kỳ hằng quý.",
        ),
        ("Phòng QLKH",),
    ),
    (
        3, 12, 15, 40, 0, "Chiều",
        "Nghiệm thu đề tài ứng dụng công nghệ sinh học trong sản xuất lúa giống",
        "Hội đồng khoa học và công nghệ cấp tỉnh họp nghiệm thu đề tài ứng dụng công nghệ sinh học"
        " trong sản xuất lúa giống chất lượng cao.",
        (
            "Đề tài đã chọn tạo được hai dòng lúa chịu mặn, năng suất cao, phù hợp điều kiện canh tác vùng"
            " ven biển.",
            "Hội đồng đánh giá đề tài đạt loại khá, đề nghị chuyển giao kết quả cho các hợp tác xã.",
        ),
        ("Thanh Hà", "Quốc Bảo"),
    ),
    (
        3, 27, 9, 15, 0, "Sáng",
        "Tập huấn chuyển đổi số cho cán bộ, công chức cấp xã",
        "Sở Khoa học và Công nghệ phối hợp với các đơn vị liên quan tổ chức lớp tập huấn kỹ năng số cho"
        " cán bộ, công chức các xã, phường.",
        (
            "Học viên được hướng dẫn sử dụng hệ thống giải quyết thủ tục hành chính, chữ ký số và bảo đảm"
            " an toàn thông tin.",
            "Lớp tập huấn kéo dài hai ngày với sự tham gia của hơn 200 học viên.",
        ),
        ("PTAH",),
    ),
    (
        4, 15, 14, 30, 0, "Chiều",
        "Kiểm tra đo lường, chất lượng xăng dầu trên địa bàn tỉnh",
        "Đoàn kiểm tra liên ngành tiến hành kiểm tra đo lường, chất lượng xăng dầu tại các cửa hàng"
        " kinh doanh trên địa bàn.",
        (
            "Qua kiểm tra, các cửa hàng cơ bản chấp hành tốt quy định về đo lường, niêm yết giá và chất"
            " lượng hàng hóa.",
            "Đoàn đã nhắc nhở một số cơ sở thực hiện đúng quy định về kiểm định phương tiện đo.",
        ),
        ("Chi cục TCĐLCL",),
    ),
    (
        4, 28, 8, 45, 1, "Chiều",
        "Ra mắt Cổng dữ liệu mở của tỉnh An Giang",
        "UBND tỉnh tổ chức lễ ra mắt Cổng dữ liệu mở, cung cấp dữ liệu của các sở, ngành cho người dân"
        " và doanh nghiệp.",
        (
            "Cổng dữ liệu mở cung cấp hơn 300 bộ dữ liệu thuộc các lĩnh vực nông nghiệp, du lịch, giao"
            " thông và môi trường.",
            "Người dân, doanh nghiệp có thể khai thác, tải về dữ liệu miễn phí theo quy định.",
        ),
        ("Ngọc Lan",),
    ),
    (
        5, 16, 16, 50, 0, "Chiều",
        "Ngày hội khởi nghiệp đổi mới sáng tạo tỉnh An Giang năm 2026",
        "Ngày hội khởi nghiệp đổi mới sáng tạo được tổ chức với sự tham gia của nhiều doanh nghiệp, dự"
        " án khởi nghiệp trong và ngoài tỉnh.",
        (
            "Ngày hội trưng bày hơn 60 gian hàng giới thiệu sản phẩm, giải pháp công nghệ của các dự án"
            " khởi nghiệp.",
            "Ban tổ chức trao giải cho 10 dự án xuất sắc tại cuộc thi ý tưởng khởi nghiệp.",
        ),
        ("Hoàng Phúc",),
    ),
    (
        6, 5, 11, 30, 0, "Sáng",
        "Hội thảo ứng dụng trí tuệ nhân tạo trong cải cách hành chính",
        "Sở Khoa học và Công nghệ tổ chức hội thảo ứng dụng trí tuệ nhân tạo trong cải cách hành chính"
        " và phục vụ người dân.",
        (
            "Các chuyên gia chia sẻ kinh nghiệm xây dựng trợ lý ảo hỗ trợ tra cứu thủ tục hành chính.",
            "Hội thảo kiến nghị xây dựng kho dữ liệu dùng chung, bảo đảm an toàn, bảo mật thông tin.",
        ),
        (),
    ),
)  # fmt: skip


def own_posts() -> list[OwnPost]:
    posts = []
    for n, (month, dd, hour, minute, before, part, title, lead, body, authors) in enumerate(_POSTS):
        published = datetime(2026, month, dd, hour, minute, tzinfo=TZ)
        event = published - timedelta(days=before)
        summary = f"{part} ngày {event.day}/{event.month}, {lead}"
        posts.append(OwnPost(FIRST_NID + n, title, published, event, part, summary, body, authors))
    return posts

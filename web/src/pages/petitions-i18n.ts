// Texts of the petitions and Q&A pages (officials' workspace and citizen portal), Vietnamese first.
import i18n from 'i18next';

const vi = {
  pet: {
    nav: 'Phản ánh, kiến nghị', title: 'Phản ánh, kiến nghị', qaTitle: 'Hỏi đáp', tabs: 'Danh sách',
    view: { open: 'Đang xử lý', due_soon: 'Sắp đến hạn', overdue: 'Quá hạn', closed: 'Đã xong', all: 'Tất cả' },
    status: { received: 'Đã tiếp nhận', info_requested: 'Chờ bổ sung thông tin', refused: 'Không thụ lý', assigned: 'Đang xử lý', answered: 'Đã trả lời', published: 'Đã công khai / gửi trả lời', rated: 'Đã đánh giá' },
    kind: { regulation: 'Về quy định hành chính', behaviour: 'Về hành vi hành chính' },
    channel: { online: 'Trực tuyến', desk: 'Tại quầy', phone: 'Qua điện thoại' },
    action: { assign: 'Giao xử lý', refuse: 'Không thụ lý', request_info: 'Yêu cầu bổ sung', answer: 'Trả lời', publish: 'Công khai / gửi trả lời' },
    statusLabel: 'Trạng thái', citizen: 'Người dân', petitionerLower: 'người phản ánh', system: 'Hệ thống',
    code: 'Mã', kindLabel: 'Phân loại', channelLabel: 'Hình thức tiếp nhận', petitioner: 'Người phản ánh', masked: '(đã ẩn thông tin cá nhân)',
    receivedAt: 'Ngày tiếp nhận', handleDue: 'Hạn xử lý', overdue: 'Quá hạn', agency: 'Cơ quan xử lý', none: 'Không có phản ánh nào.',
    content: 'Nội dung', titleLabel: 'Tiêu đề', procedure: 'Mã thủ tục (nếu có)', dossier: 'Mã hồ sơ (nếu có)', answer: 'Nội dung trả lời',
    agencyCode: 'Mã cơ quan xử lý', reason: 'Lý do', message: 'Thông tin cần bổ sung', public: 'Công khai trên Cổng (không kèm thông tin cá nhân)',
    record: 'Ghi nhận phản ánh tại quầy / qua điện thoại', name: 'Họ và tên', phone: 'Số điện thoại', email: 'Thư điện tử', address: 'Địa chỉ', save: 'Ghi nhận',
    history: 'Lịch sử xử lý', rating: 'Đánh giá', satisfied: 'Hài lòng', unsatisfied: 'Không hài lòng', close: 'Đóng', send: 'Thực hiện',
    qa: { inbox: 'Câu hỏi cần trả lời', asked: 'Chưa trả lời', answered: 'Đã trả lời', published: 'Đã công khai', all: 'Tất cả', asker: 'Người hỏi', due: 'Hạn trả lời', publish: 'Công khai trên trang thủ tục', answerBtn: 'Trả lời', none: 'Không có câu hỏi nào.', fromPortal: 'Gửi từ Cổng Dịch vụ công quốc gia — câu trả lời được gửi lại Cổng.' },
  },
};
const en: typeof vi = {
  pet: {
    nav: 'Petitions', title: 'Petitions and recommendations', qaTitle: 'Questions and answers', tabs: 'Lists',
    view: { open: 'In progress', due_soon: 'Due soon', overdue: 'Overdue', closed: 'Closed', all: 'All' },
    status: { received: 'Received', info_requested: 'Waiting for information', refused: 'Refused', assigned: 'Being handled', answered: 'Answered', published: 'Published / sent', rated: 'Rated' },
    kind: { regulation: 'About a regulation', behaviour: 'About service behaviour' },
    channel: { online: 'Online', desk: 'At the desk', phone: 'By phone' },
    action: { assign: 'Assign', refuse: 'Refuse', request_info: 'Ask for information', answer: 'Answer', publish: 'Publish / send' },
    statusLabel: 'Status', citizen: 'Citizen', petitionerLower: 'petitioner', system: 'System',
    code: 'Code', kindLabel: 'Classification', channelLabel: 'Channel', petitioner: 'Petitioner', masked: '(personal data hidden)',
    receivedAt: 'Received', handleDue: 'Deadline', overdue: 'Overdue', agency: 'Handling agency', none: 'No petitions.',
    content: 'Content', titleLabel: 'Title', procedure: 'Procedure code (optional)', dossier: 'Dossier code (optional)', answer: 'Answer',
    agencyCode: 'Handling agency code', reason: 'Reason', message: 'Information needed', public: 'Publish on the portal (without personal data)',
    record: 'Record a desk or phone petition', name: 'Full name', phone: 'Phone', email: 'E-mail', address: 'Address', save: 'Record',
    history: 'History', rating: 'Rating', satisfied: 'Satisfied', unsatisfied: 'Not satisfied', close: 'Close', send: 'Do it',
    qa: { inbox: 'Questions to answer', asked: 'Not answered', answered: 'Answered', published: 'Published', all: 'All', asker: 'Asked by', due: 'Answer by', publish: 'Publish on the procedure page', answerBtn: 'Answer', none: 'No questions.', fromPortal: 'Sent on the national public service portal — the answer goes back there.' },
  },
};

i18n.addResourceBundle('vi', 'translation', vi, true, false);
i18n.addResourceBundle('en', 'translation', en, true, false);

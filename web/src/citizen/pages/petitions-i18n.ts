// Citizen portal texts of petitions (phản ánh, kiến nghị) and Q&A, Vietnamese first.
import i18n from 'i18next';

const vi = {
  cpet: {
    nav: 'Phản ánh, kiến nghị', title: 'Gửi phản ánh, kiến nghị', lead: 'Phản ánh về quy định hành chính hoặc về cách cán bộ giải quyết thủ tục. Cơ quan có thẩm quyền trả lời trong 15 ngày làm việc.',
    signIn: 'Đăng nhập để gửi phản ánh, kiến nghị', kind: 'Nội dung phản ánh về', regulation: 'Quy định hành chính', behaviour: 'Hành vi hành chính (cách cán bộ phục vụ)',
    titleLabel: 'Tiêu đề', content: 'Nội dung', procedure: 'Mã thủ tục liên quan (nếu có)', dossier: 'Mã hồ sơ liên quan (nếu có)', submit: 'Gửi phản ánh',
    sent: 'Đã gửi phản ánh {{code}}. Hạn trả lời: {{due}}.', mine: 'Phản ánh của tôi', none: 'Bạn chưa gửi phản ánh nào.',
    receivedAt: 'Ngày gửi', due: 'Hạn trả lời', answer: 'Trả lời của cơ quan', agency: 'Cơ quan xử lý', refused: 'Không thụ lý: {{reason}}', info: 'Cơ quan đề nghị bổ sung: {{message}}',
    rate: 'Bạn có hài lòng với trả lời này không?', satisfied: 'Hài lòng', unsatisfied: 'Không hài lòng', rated: 'Bạn đã đánh giá: {{rating}}',
    supplement: 'Thông tin bổ sung', supplementSend: 'Gửi bổ sung', required: 'Vui lòng nhập {{field}}.',
    status: { received: 'Đã tiếp nhận', info_requested: 'Chờ bổ sung thông tin', refused: 'Không thụ lý', assigned: 'Đang xử lý', answered: 'Đã có trả lời', published: 'Đã trả lời', rated: 'Đã đánh giá' },
    qa: {
      title: 'Hỏi đáp về thủ tục', search: 'Tìm trong hỏi đáp', searchHint: 'Có dấu hoặc không dấu.', searchBtn: 'Tìm', none: 'Chưa có câu hỏi nào được trả lời công khai.',
      ask: 'Đặt câu hỏi', question: 'Câu hỏi của bạn', agency: 'Cơ quan nhận câu hỏi', send: 'Gửi câu hỏi', sent: 'Đã gửi câu hỏi {{code}}. Hạn trả lời: {{due}}.',
      signIn: 'Đăng nhập để đặt câu hỏi', answer: 'Trả lời', askedAt: 'Hỏi ngày {{date}}',
    },
  },
};
const en: typeof vi = {
  cpet: {
    nav: 'Petitions', title: 'Send a petition', lead: 'Tell us about an administrative regulation or about how officials handled your procedure. The competent agency answers within 15 working days.',
    signIn: 'Sign in to send a petition', kind: 'The petition is about', regulation: 'An administrative regulation', behaviour: 'Service behaviour (how officials served you)',
    titleLabel: 'Title', content: 'Content', procedure: 'Related procedure code (optional)', dossier: 'Related dossier code (optional)', submit: 'Send the petition',
    sent: 'Petition {{code}} sent. Answer due by {{due}}.', mine: 'My petitions', none: 'You have not sent any petition.',
    receivedAt: 'Sent', due: 'Answer due', answer: "The agency's answer", agency: 'Handling agency', refused: 'Refused: {{reason}}', info: 'The agency asks for: {{message}}',
    rate: 'Are you satisfied with this answer?', satisfied: 'Satisfied', unsatisfied: 'Not satisfied', rated: 'Your rating: {{rating}}',
    supplement: 'More information', supplementSend: 'Send', required: 'Please enter {{field}}.',
    status: { received: 'Received', info_requested: 'Waiting for your information', refused: 'Refused', assigned: 'Being handled', answered: 'Answered', published: 'Answered', rated: 'Rated' },
    qa: {
      title: 'Questions and answers', search: 'Search the answers', searchHint: 'With or without diacritics.', searchBtn: 'Search', none: 'No published answers yet.',
      ask: 'Ask a question', question: 'Your question', agency: 'Agency to ask', send: 'Send the question', sent: 'Question {{code}} sent. Answer due by {{due}}.',
      signIn: 'Sign in to ask a question', answer: 'Answer', askedAt: 'Asked on {{date}}',
    },
  },
};

i18n.addResourceBundle('vi', 'translation', vi, true, false);
i18n.addResourceBundle('en', 'translation', en, true, false);

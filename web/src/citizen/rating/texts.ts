// Texts of the satisfaction rating (the tracking page's section, "my dossier", the counter kiosk), Vietnamese
// first, added to the portal's i18n resources when the rating chunk loads.
import i18n from 'i18next';

const vi = {
  rating: {
    title: 'Đánh giá mức độ hài lòng', lead: 'Ý kiến của Ông/Bà giúp cơ quan phục vụ tốt hơn. Chọn một mức cho mỗi tiêu chí; tiêu chí có dấu * là bắt buộc.',
    comment: 'Ý kiến khác (không bắt buộc)', submit: 'Gửi đánh giá', change: 'Sửa đánh giá', sending: 'Đang gửi…', thanks: 'Cảm ơn Ông/Bà đã đánh giá.',
    editUntil: 'Có thể sửa đánh giá đến {{at}}.', closed: 'Đã hết thời hạn sửa đánh giá.', already: 'Hồ sơ này đã được đánh giá.', notReturned: 'Đánh giá được sau khi nhận kết quả.',
    yours: 'Đánh giá của Ông/Bà ({{at}})', required: 'Chọn mức đánh giá cho các tiêu chí bắt buộc.', invite: 'Mời Ông/Bà đánh giá việc giải quyết hồ sơ này.',
  },
  kiosk: {
    title: 'Đánh giá tại quầy', unpaired: 'Máy chưa được ghép nối. Cán bộ mở trang "Ghép nối máy đánh giá" và quét mã trên máy này.',
    waiting: 'Chưa có hồ sơ cần đánh giá. Cán bộ sẽ chuyển hồ sơ đến máy sau khi trả kết quả.', dossier: 'Hồ sơ', procedure: 'Thủ tục',
    thanks: 'Cảm ơn Ông/Bà đã đánh giá! Màn hình sẽ chờ hồ sơ tiếp theo.', refresh: 'Tải lại',
  },
};
const en: typeof vi = {
  rating: {
    title: 'Rate our service', lead: 'Your opinion helps the agency serve you better. Choose one level for each criterion; criteria marked * are required.',
    comment: 'Other comments (optional)', submit: 'Send the rating', change: 'Change the rating', sending: 'Sending…', thanks: 'Thank you for your rating.',
    editUntil: 'You may change it until {{at}}.', closed: 'The time to change the rating is over.', already: 'This dossier has been rated.', notReturned: 'You can rate once you have received the result.',
    yours: 'Your rating ({{at}})', required: 'Choose a level for the required criteria.', invite: 'Please rate how this dossier was handled.',
  },
  kiosk: {
    title: 'Rate at the counter', unpaired: 'This tablet is not paired. The official opens "Pair a rating tablet" and opens its link on this tablet.',
    waiting: 'Nothing to rate yet. The official hands the dossier to this tablet after returning the result.', dossier: 'Dossier', procedure: 'Procedure',
    thanks: 'Thank you for your rating! The screen now waits for the next dossier.', refresh: 'Reload',
  },
};

i18n.addResourceBundle('vi', 'translation', vi, true, false);
i18n.addResourceBundle('en', 'translation', en, true, false);

// Texts of the administrators' rating-criteria screen (Quản trị → Tiêu chí đánh giá), Vietnamese first.
import i18n from 'i18next';

const vi = {
  crit: {
    title: 'Tiêu chí đánh giá mức độ hài lòng',
    lead: 'Các câu hỏi người dân trả lời khi đánh giá hồ sơ đã trả kết quả (trên Cổng, qua đường dẫn trong tin nhắn và tại máy tính bảng ở quầy), theo thứ tự dưới đây. Tiêu chí không bao giờ bị xóa: đánh giá đã có giữ câu trả lời, báo cáo vẫn tính tiêu chí đã tắt.',
    caption: 'Tiêu chí đánh giá theo thứ tự hỏi', order: 'Thứ tự', key: 'Mã', name: 'Tiêu chí', required: 'Bắt buộc', status: 'Trạng thái', actions: 'Thao tác',
    active: 'Đang dùng', inactive: 'Đã tắt', locked: 'Cố định', lockedHint: 'Căn cứ chỉ số 5.4 (QĐ 766): luôn bắt buộc và đang dùng.',
    add: 'Thêm tiêu chí', addTitle: 'Thêm tiêu chí đánh giá', editTitle: 'Sửa tiêu chí «{{name}}»',
    nameVi: 'Tên tiêu chí (tiếng Việt)', nameEn: 'Tên tiêu chí (tiếng Anh)', keyHint: 'Chữ thường không dấu, số, dấu _ (2–40 ký tự, bắt đầu bằng chữ), ví dụ so_lan_di_lai. Không đổi được sau khi thêm.',
    requiredLabel: 'Bắt buộc trả lời', addedLast: 'Tiêu chí mới được hỏi cuối cùng; dùng nút Lên để đổi thứ tự.',
    up: 'Lên', down: 'Xuống', upOf: 'Đưa tiêu chí «{{name}}» lên', downOf: 'Đưa tiêu chí «{{name}}» xuống', editOf: 'Sửa tiêu chí «{{name}}»',
    disable: 'Tắt', enable: 'Bật lại', disableOf: 'Tắt tiêu chí «{{name}}»', enableOf: 'Bật lại tiêu chí «{{name}}»',
    added: 'Đã thêm tiêu chí «{{name}}».', saved: 'Đã lưu tiêu chí «{{name}}».', moved: 'Đã đổi thứ tự: «{{name}}» ở vị trí {{n}}.',
    disabled: 'Đã tắt tiêu chí «{{name}}»: người dân không còn được hỏi.', enabled: 'Đã bật lại tiêu chí «{{name}}».',
  },
};
const en: typeof vi = {
  crit: {
    title: 'Satisfaction rating criteria',
    lead: 'The questions citizens answer when they rate a returned dossier (on the portal, from the link in the message and on the counter tablet), in the order below. Criteria are never deleted: existing ratings keep their answers and reports still count a disabled criterion.',
    caption: 'Rating criteria in the order they are asked', order: 'Order', key: 'Key', name: 'Criterion', required: 'Required', status: 'Status', actions: 'Actions',
    active: 'In use', inactive: 'Disabled', locked: 'Locked', lockedHint: 'Feeds QĐ 766 indicator 5.4: always required and in use.',
    add: 'Add a criterion', addTitle: 'Add a rating criterion', editTitle: 'Edit criterion “{{name}}”',
    nameVi: 'Name (Vietnamese)', nameEn: 'Name (English)', keyHint: 'Lower-case letters without accents, digits, _ (2–40 characters, a letter first), e.g. visits. It cannot change once added.',
    requiredLabel: 'Answer required', addedLast: 'A new criterion is asked last; use Up to move it.',
    up: 'Up', down: 'Down', upOf: 'Move criterion “{{name}}” up', downOf: 'Move criterion “{{name}}” down', editOf: 'Edit criterion “{{name}}”',
    disable: 'Disable', enable: 'Enable', disableOf: 'Disable criterion “{{name}}”', enableOf: 'Enable criterion “{{name}}”',
    added: 'Added criterion “{{name}}”.', saved: 'Saved criterion “{{name}}”.', moved: 'Order changed: “{{name}}” is now number {{n}}.',
    disabled: 'Disabled criterion “{{name}}”: citizens are no longer asked it.', enabled: 'Enabled criterion “{{name}}” again.',
  },
};
i18n.addResourceBundle('vi', 'translation', vi, true, false);
i18n.addResourceBundle('en', 'translation', en, true, false);

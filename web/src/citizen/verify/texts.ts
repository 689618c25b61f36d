// Citizen portal texts of the verify page (/xac-thuc), Vietnamese first.
import i18n from 'i18next';

const vi = {
  verify: {
    title: 'Xác thực văn bản điện tử',
    lead: 'Kiểm tra một kết quả giải quyết thủ tục hành chính điện tử có đúng do hệ thống cấp và chưa bị sửa đổi: chọn tệp PDF (tệp được tính mã băm ngay trên máy của bạn, không gửi đi), hoặc nhập mã băm SHA-256 in trên trang hồ sơ.',
    file: 'Chọn tệp PDF cần kiểm tra',
    fileHint: 'Tệp không rời khỏi máy của bạn: chỉ mã băm được gửi để đối chiếu.',
    hashing: 'Đang tính mã băm của tệp…',
    or: 'hoặc',
    hash: 'Mã băm SHA-256',
    hashHint: '64 ký tự gồm chữ số 0–9 và chữ a–f.',
    submit: 'Kiểm tra',
    errorsTitle: 'Vui lòng sửa lỗi sau',
    hashMissing: 'Vui lòng nhập mã băm hoặc chọn tệp.',
    hashInvalid: 'Mã băm SHA-256 phải gồm đúng 64 ký tự 0–9, a–f.',
    noCrypto: 'Trình duyệt này không tính được mã băm; vui lòng nhập mã băm.',
    found: 'Văn bản hợp lệ: do hệ thống cấp',
    foundLead: 'Tệp có mã băm này đúng là kết quả điện tử sau:',
    notFound: 'Không tìm thấy',
    notFoundLead: 'Mã băm này không phải của kết quả điện tử nào do hệ thống cấp. Tệp có thể đã bị sửa đổi, hoặc không phải bản điện tử gốc.',
    tooMany: 'Bạn đã kiểm tra quá nhiều lần. Vui lòng thử lại sau ít phút.',
    dossier: 'Mã hồ sơ', procedure: 'Thủ tục', agency: 'Cơ quan ban hành', number: 'Số văn bản', docTitle: 'Trích yếu',
    issuedOn: 'Ngày ban hành', signer: 'Người ký số', signed: 'Đã ký số', unsigned: 'Không ký số', signature: 'Chữ ký số',
  },
};
const en: typeof vi = {
  verify: {
    title: 'Verify an electronic document',
    lead: 'Check that an electronic result of an administrative procedure was issued by this system and has not been changed: pick the PDF (its hash is computed on your device, the file is not sent), or type the SHA-256 hash shown on the dossier page.',
    file: 'Pick the PDF to check',
    fileHint: 'The file stays on your device: only its hash is sent for the check.',
    hashing: 'Computing the file’s hash…',
    or: 'or',
    hash: 'SHA-256 hash',
    hashHint: '64 characters: digits 0–9 and letters a–f.',
    submit: 'Check',
    errorsTitle: 'Please fix the following',
    hashMissing: 'Type a hash or pick a file.',
    hashInvalid: 'A SHA-256 hash is exactly 64 characters 0–9, a–f.',
    noCrypto: 'This browser cannot compute the hash; please type it.',
    found: 'Valid document: issued by this system',
    foundLead: 'The file with this hash is this electronic result:',
    notFound: 'Not found',
    notFoundLead: 'This hash is not that of any electronic result issued by this system. The file may have been changed, or it is not the original electronic copy.',
    tooMany: 'Too many checks. Please try again in a few minutes.',
    dossier: 'Dossier code', procedure: 'Procedure', agency: 'Issuing agency', number: 'Document number', docTitle: 'Title',
    issuedOn: 'Issued on', signer: 'Digitally signed by', signed: 'Digitally signed', unsigned: 'Not digitally signed', signature: 'Digital signature',
  },
};

i18n.addResourceBundle('vi', 'translation', vi, true, false);
i18n.addResourceBundle('en', 'translation', en, true, false);

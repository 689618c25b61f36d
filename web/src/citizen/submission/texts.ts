// Texts of the online-submission pages (Vietnamese first, English through the toggle), added to the portal's
// i18n resources when one of these pages loads (they are lazy chunks, so the home page does not carry them).
import i18n from 'i18next';

const vi = {
  submit: {
    title: 'Nộp hồ sơ trực tuyến', signIn: 'Đăng nhập để nộp hồ sơ', signInLead: 'Bạn cần đăng nhập bằng mã gửi qua tin nhắn/thư điện tử hoặc tài khoản định danh điện tử.',
    signInGo: 'Đăng nhập', notOnline: 'Thủ tục này chưa nộp trực tuyến được.', whereInPerson: 'Nộp trực tiếp hoặc qua bưu chính tại:',
    start: 'Bắt đầu khai hồ sơ', resume: 'Tiếp tục bản nháp lưu lúc {{at}}', saved: 'Đã lưu lúc {{at}}', saving: 'Đang lưu…', conflict: 'Bản nháp vừa được lưu từ thiết bị khác. Có thông tin hai nơi sửa khác nhau: vui lòng chọn.',
    merged: 'Bản nháp vừa được lưu từ thiết bị khác; đã gộp thay đổi của cả hai nơi.',
    conflictTitle: 'Chọn thông tin giữ lại', conflictLead: 'Những mục sau được sửa khác nhau trên thiết bị này và trên thiết bị khác. Các thay đổi khác đã được gộp.',
    keepMine: 'Giữ bản trên thiết bị này', keepTheirs: 'Dùng bản từ thiết bị khác', conflictSave: 'Lưu lựa chọn', yes: 'Có', no: 'Không',
    step1: '1. Người nộp', step2: '2. Giấy tờ', step3: '3. Kiểm tra lại hồ sơ', desk: 'Nơi tiếp nhận', chooseDesk: 'Chọn nơi tiếp nhận',
    kind: 'Cá nhân hay tổ chức', individual: 'Cá nhân', organisation: 'Tổ chức', fullName: 'Họ và tên', idNumber: 'Số định danh cá nhân (12 số)',
    birthDate: 'Ngày sinh (dd/mm/yyyy)', phone: 'Số điện thoại', email: 'Thư điện tử', orgName: 'Tên tổ chức', taxCode: 'Mã số thuế',
    acting: 'Tôi nộp thay cho người khác (theo ủy quyền)', repName: 'Họ và tên người được ủy quyền', repId: 'Số định danh người được ủy quyền', repDoc: 'Văn bản ủy quyền (số, ngày)',
    case: 'Trường hợp', chooseCase: 'Chọn trường hợp của bạn', required: 'bắt buộc', optional: 'nếu có', copies: '{{originals}} bản chính, {{copies}} bản sao',
    upload: 'Tải lên {{name}}', uploaded: 'Đã tải lên: {{name}}', replace: 'Thay tệp', uploadHint: 'PDF, JPG, PNG, DOC/DOCX, XLS/XLSX; tối đa 20 MB.',
    delivery: 'Nhận kết quả', online: 'Nhận bản điện tử trực tuyến', counter: 'Nhận tại Bộ phận Một cửa', post: 'Qua bưu chính',
    extra: 'Thông tin riêng của thủ tục', next: 'Tiếp tục', back: 'Quay lại', review: 'Kiểm tra lại hồ sơ', send: 'Nộp hồ sơ', sending: 'Đang nộp…',
    errors: 'Hồ sơ còn {{count}} lỗi, vui lòng sửa:', ackTitle: 'Đã gửi hồ sơ', ackLead: 'Hồ sơ đã được gửi đến {{desk}} lúc {{at}}. Bộ phận Một cửa sẽ kiểm tra và báo mã hồ sơ, ngày hẹn trả kết quả.',
    ackMine: 'Xem trong Hồ sơ của tôi', none: '(chưa khai)', missingFile: 'Chưa tải lên',
  },
  sf: {
    required: 'Chưa khai (bắt buộc).', pattern: 'Chưa đúng định dạng.', minLength: 'Cần ít nhất {{limit}} ký tự.', maxLength: 'Tối đa {{limit}} ký tự.',
    type: 'Giá trị chưa đúng kiểu.', enum: 'Hãy chọn một giá trị trong danh sách.', const: 'Giá trị chưa đúng.', minimum: 'Không nhỏ hơn {{limit}}.', maximum: 'Không lớn hơn {{limit}}.',
    exclusiveMinimum: 'Phải lớn hơn {{limit}}.', exclusiveMaximum: 'Phải nhỏ hơn {{limit}}.', multipleOf: 'Phải là bội số của {{multipleOf}}.',
    minItems: 'Cần ít nhất {{limit}} mục.', maxItems: 'Tối đa {{limit}} mục.', uniqueItems: 'Các mục không được trùng nhau.',
    format: 'Chưa đúng định dạng.', format_date: 'Ngày chưa đúng, nhập dd/mm/yyyy.', format_email: 'Thư điện tử chưa đúng.', invalid: 'Giá trị chưa hợp lệ.',
    add: 'Thêm {{what}}', removeOne: 'Xoá', remove: 'Xoá mục {{n}}', up: 'Lên trên', down: 'Xuống dưới', copy: 'Sao chép', clear: 'Xoá nội dung', emptyArray: 'Chưa có mục nào.',
    rjsf: { Yes: 'Có', No: 'Không', Item: 'Mục', Add: 'Thêm', 'Add Item': 'Thêm mục', Remove: 'Xoá', 'Move up': 'Lên trên', 'Move down': 'Xuống dưới' },
  },
  mine: {
    title: 'Hồ sơ của tôi', empty: 'Bạn chưa nộp hồ sơ trực tuyến nào.', submitted: 'Nộp ngày {{at}}', appointment: 'Hẹn trả: {{at}}', code: 'Mã hồ sơ', noCode: 'Chưa có mã (chờ tiếp nhận)',
    now: 'Việc cần làm', timeline: 'Quá trình', receipt: 'Tải Giấy tiếp nhận và hẹn trả kết quả (mẫu 01)', request: 'Tải Phiếu yêu cầu bổ sung, hoàn thiện (mẫu 02)', refusal: 'Tải Phiếu từ chối (mẫu 03)',
    asked: 'Cơ quan yêu cầu', reason: 'Lý do', addFile: 'Tải lên giấy tờ bổ sung', sendSupplement: 'Gửi bổ sung', withdraw: 'Rút hồ sơ', withdrawReason: 'Lý do rút hồ sơ',
    withdrawConfirm: 'Gửi yêu cầu rút hồ sơ', results: 'Kết quả', download: 'Tải kết quả: {{name}}', sha: 'Mã băm SHA-256', verify: 'Kiểm tra tính xác thực', signed: 'Đã ký số',
    post: 'Theo dõi bưu gửi, số hiệu: {{n}}', back: 'Tất cả hồ sơ của tôi', done: 'Đã gửi.',
  },
};

const en: typeof vi = {
  submit: {
    title: 'Submit online', signIn: 'Sign in to submit', signInLead: 'Sign in with a code sent by text message or e-mail, or with your national identity account.',
    signInGo: 'Sign in', notOnline: 'This procedure cannot be filed online yet.', whereInPerson: 'File it in person or by post at:',
    start: 'Start the application', resume: 'Continue the draft saved at {{at}}', saved: 'Saved at {{at}}', saving: 'Saving…', conflict: 'The draft was just saved from another device. Some fields were changed differently on both: please choose.',
    merged: 'The draft was just saved from another device; the changes of both were merged.',
    conflictTitle: 'Choose what to keep', conflictLead: 'These fields were changed differently on this device and on another one. Every other change was merged.',
    keepMine: 'Keep this device’s', keepTheirs: 'Use the other device’s', conflictSave: 'Save my choices', yes: 'Yes', no: 'No',
    step1: '1. Applicant', step2: '2. Papers', step3: '3. Review', desk: 'Where to file', chooseDesk: 'Choose where to file',
    kind: 'Person or organisation', individual: 'Person', organisation: 'Organisation', fullName: 'Full name', idNumber: 'Personal ID number (12 digits)',
    birthDate: 'Date of birth (dd/mm/yyyy)', phone: 'Phone', email: 'E-mail', orgName: 'Organisation name', taxCode: 'Tax code',
    acting: 'I file on behalf of someone else (authorised)', repName: 'Full name of the authorised person', repId: 'ID number of the authorised person', repDoc: 'Authorisation (number, date)',
    case: 'Case', chooseCase: 'Choose your case', required: 'required', optional: 'if any', copies: '{{originals}} original(s), {{copies}} copy(ies)',
    upload: 'Upload {{name}}', uploaded: 'Uploaded: {{name}}', replace: 'Replace the file', uploadHint: 'PDF, JPG, PNG, DOC/DOCX, XLS/XLSX; up to 20 MB.',
    delivery: 'Receiving the result', online: 'Electronic copy online', counter: 'At the one-stop desk', post: 'By post',
    extra: 'Details of this procedure', next: 'Continue', back: 'Back', review: 'Review the application', send: 'Submit', sending: 'Submitting…',
    errors: 'The application has {{count}} error(s); please fix:', ackTitle: 'Application sent', ackLead: 'The application was sent to {{desk}} at {{at}}. The one-stop desk will check it and give you the dossier code and the date of the result.',
    ackMine: 'See it in My dossiers', none: '(not filled in)', missingFile: 'Not uploaded',
  },
  sf: {
    required: 'Required.', pattern: 'Not in the expected format.', minLength: 'At least {{limit}} characters.', maxLength: 'At most {{limit}} characters.',
    type: 'Wrong kind of value.', enum: 'Choose a value from the list.', const: 'Wrong value.', minimum: 'Not less than {{limit}}.', maximum: 'Not more than {{limit}}.',
    exclusiveMinimum: 'Must be more than {{limit}}.', exclusiveMaximum: 'Must be less than {{limit}}.', multipleOf: 'Must be a multiple of {{multipleOf}}.',
    minItems: 'At least {{limit}} item(s).', maxItems: 'At most {{limit}} item(s).', uniqueItems: 'Items must not repeat.',
    format: 'Not in the expected format.', format_date: 'Not a date; type dd/mm/yyyy.', format_email: 'Not an e-mail address.', invalid: 'Not a valid value.',
    add: 'Add {{what}}', removeOne: 'Remove', remove: 'Remove item {{n}}', up: 'Move up', down: 'Move down', copy: 'Copy', clear: 'Clear', emptyArray: 'No items yet.',
    rjsf: { Yes: 'Yes', No: 'No', Item: 'Item', Add: 'Add', 'Add Item': 'Add item', Remove: 'Remove', 'Move up': 'Move up', 'Move down': 'Move down' },
  },
  mine: {
    title: 'My dossiers', empty: 'You have not submitted any dossier online.', submitted: 'Submitted on {{at}}', appointment: 'Result due: {{at}}', code: 'Dossier code', noCode: 'No code yet (waiting for the desk)',
    now: 'What to do now', timeline: 'History', receipt: 'Download the receipt (form 01)', request: 'Download the request to complete (form 02)', refusal: 'Download the refusal (form 03)',
    asked: 'The agency asks for', reason: 'Reason', addFile: 'Upload a supplement paper', sendSupplement: 'Send the supplement', withdraw: 'Withdraw the dossier', withdrawReason: 'Why you withdraw it',
    withdrawConfirm: 'Send the withdrawal request', results: 'Result', download: 'Download the result: {{name}}', sha: 'SHA-256 hash', verify: 'Check authenticity', signed: 'Digitally signed',
    post: 'Follow the parcel, tracking number: {{n}}', back: 'All my dossiers', done: 'Sent.',
  },
};

i18n.addResourceBundle('vi', 'translation', vi, true, false);
i18n.addResourceBundle('en', 'translation', en, true, false);

// Citizen portal texts: Vietnamese first, English through the toggle (the language choice is shared with
// the officials' workspace: localStorage 'motcua.lang').
import i18n from 'i18next';
import { startI18n } from '../i18n-start';
import { setApiLanguage } from './api';

const vi = {
  app: {
    title: 'Dịch vụ công', subtitle: 'Tra cứu thủ tục hành chính và hồ sơ', skip: 'Bỏ qua, đến nội dung chính', lang: 'English',
    langTitle: 'Chuyển sang tiếng Anh', menu: 'Điều hướng chính', loading: 'Đang tải…', officials: 'Dành cho cán bộ',
    notFound: 'Không tìm thấy trang', notFoundHint: 'Đường dẫn không đúng hoặc trang đã được chuyển.', home: 'Về trang chủ', error: 'Có lỗi, vui lòng thử lại',
    retry: 'Thử lại', footer: 'Hệ thống thông tin giải quyết thủ tục hành chính',
  },
  nav: { home: 'Trang chủ', browse: 'Danh mục', track: 'Tra cứu hồ sơ', mine: 'Hồ sơ của tôi', submitOnline: 'Nộp hồ sơ trực tuyến' },
  search: {
    label: 'Tìm thủ tục hành chính', placeholder: 'Ví dụ: đăng ký khai sinh', hint: 'Gõ tên thủ tục, có dấu hoặc không dấu, hoặc mã thủ tục.', submit: 'Tìm kiếm',
    results: '{{count}} thủ tục', resultsFor: 'Kết quả cho “{{q}}”', none: 'Không tìm thấy thủ tục nào.', noneHint: 'Thử từ khác ngắn hơn, hoặc xem danh mục theo lĩnh vực.',
    fuzzy: 'Không có thủ tục đúng như từ đã gõ; đây là các thủ tục gần giống.', more: 'Xem thêm', page: 'Trang {{page}} / {{pages}}', prev: 'Trang trước', next: 'Trang sau',
    filtered: 'Đang lọc', clear: 'Bỏ lọc',
  },
  home: {
    lead: 'Tìm hiểu thủ tục: cần giấy tờ gì, nộp ở đâu, mất bao lâu, phí bao nhiêu — và theo dõi hồ sơ đã nộp.',
    common: 'Thủ tục thường dùng', browse: 'Xem danh mục thủ tục', byField: 'Theo lĩnh vực', byLevel: 'Theo cấp thực hiện', byAgency: 'Theo cơ quan',
    trackTitle: 'Đã nộp hồ sơ?', trackLead: 'Xem hồ sơ đang ở bước nào bằng mã hồ sơ và mã tra cứu in trên Giấy tiếp nhận.', trackGo: 'Tra cứu hồ sơ',
  },
  browse: { title: 'Danh mục thủ tục hành chính', fields: 'Lĩnh vực', levels: 'Cấp thực hiện', agencies: 'Cơ quan thực hiện', count: '{{count}} thủ tục', tabs: 'Xem theo' },
  level: { ministry: 'Cấp bộ, ngành', province: 'Cấp tỉnh', commune: 'Cấp xã' },
  kind: { department: 'Sở, ban, ngành', service_centre: 'Trung tâm Phục vụ hành chính công', commune_committee: 'Ủy ban nhân dân cấp xã', commune_police: 'Công an cấp xã', other: 'Cơ quan khác' },
  channel: { in_person: 'Nộp trực tiếp', online: 'Nộp trực tuyến', postal: 'Qua bưu chính' },
  online: {
    full: 'Dịch vụ công trực tuyến toàn trình', partial: 'Dịch vụ công trực tuyến một phần', none: 'Chưa nộp trực tuyến được',
    fullHint: 'Có thể nộp hồ sơ, nộp phí và nhận kết quả trực tuyến hoặc qua bưu chính, không phải đến cơ quan (Nghị định 42/2022/NĐ-CP).',
    partialHint: 'Có thể nộp hồ sơ trực tuyến; một số bước (nộp bản chính, nhận kết quả) vẫn phải đến cơ quan (Nghị định 42/2022/NĐ-CP).',
    noneHint: 'Nộp trực tiếp tại Bộ phận Một cửa hoặc qua bưu chính.',
  },
  proc: {
    code: 'Mã thủ tục', field: 'Lĩnh vực', levels: 'Cấp thực hiện', applicants: 'Đối tượng thực hiện', onThisPage: 'Trên trang này',
    cases: 'Trường hợp và giấy tờ cần nộp', components: 'Giấy tờ cần nộp', caseCount: '{{count}} trường hợp: chọn trường hợp của bạn để xem giấy tờ.',
    original: '{{count}} bản chính', certified: '{{count}} bản sao chứng thực', copy: '{{count}} bản sao', optional: 'nếu có', template: 'Mẫu đơn, tờ khai',
    templateHint: 'Tải mẫu đơn, tờ khai tại trang của thủ tục trên Cổng Dịch vụ công quốc gia:', templateLink: 'Trang thủ tục trên Cổng Dịch vụ công quốc gia',
    noTemplateLink: 'Nhận mẫu tại Bộ phận Một cửa.', steps: 'Trình tự thực hiện', requirements: 'Yêu cầu, điều kiện', channels: 'Cách nộp, thời hạn và phí',
    timeLimit: 'Thời hạn giải quyết', fees: 'Phí, lệ phí', free: 'Không mất phí', noLimit: 'Không quy định', where: 'Nơi nộp hồ sơ', agencies: 'Cơ quan thực hiện',
    results: 'Kết quả', legal: 'Căn cứ pháp lý', source: 'Nguồn', decision: 'Quyết định công bố', back: 'Quay lại danh sách', notFound: 'Không tìm thấy thủ tục {{code}}.',
    whereDefault: 'Bộ phận Một cửa (Trung tâm Phục vụ hành chính công) của cơ quan thực hiện.', limitNote: 'Thời hạn áp dụng', more: 'Xem toàn bộ', less: 'Thu gọn',
    issuedAt: 'ban hành {{date}}', none: 'Không có thông tin',
  },
  unit: { working_days: '{{n}} ngày làm việc', days: '{{n}} ngày', hours: '{{n}} giờ', working_hours: '{{n}} giờ làm việc', months: '{{n}} tháng', same_day: 'Trong ngày' },
  track: {
    title: 'Tra cứu hồ sơ', lead: 'Nhập mã hồ sơ và mã tra cứu in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả (hoặc quét mã QR trên giấy).',
    code: 'Mã hồ sơ', codeHint: 'Ví dụ: 000.00.02.H56-260315-0001', secret: 'Mã tra cứu', secretHint: '15 chữ và số, không có O, I, 0, 1; không phân biệt hoa thường.',
    submit: 'Tra cứu', errorsTitle: 'Cần sửa trước khi tra cứu', codeMissing: 'Nhập mã hồ sơ', secretMissing: 'Nhập mã tra cứu',
    notFound: 'Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này.', tooMany: 'Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau ít phút.',
    procedure: 'Thủ tục', status: 'Tình trạng', receivedAt: 'Ngày tiếp nhận', appointment: 'Ngày hẹn trả kết quả', where: 'Nơi trả kết quả', returnedAt: 'Ngày trả kết quả',
    now: 'Bạn cần làm gì bây giờ', timeline: 'Quá trình giải quyết', ready: 'Đã có kết quả.',
  },
  signIn: {
    title: 'Đăng nhập', lead: 'Đăng nhập để nộp hồ sơ trực tuyến, theo dõi hồ sơ của bạn và dùng lại thông tin đã khai.',
    address: 'Số điện thoại di động hoặc thư điện tử', addressHint: 'Ví dụ: 0912345678 hoặc ten@example.vn. Chúng tôi gửi mã xác thực 6 số đến địa chỉ này.',
    addressMissing: 'Nhập số điện thoại di động hoặc thư điện tử', send: 'Gửi mã xác thực', code: 'Mã xác thực', codeHint: 'Mã gồm 6 chữ số, có hiệu lực trong 5 phút.',
    codeFormat: 'Nhập đủ 6 chữ số của mã', verify: 'Đăng nhập', resend: 'Gửi lại mã', resendIn: 'Gửi lại mã sau {{seconds}} giây', other: 'Dùng số hoặc địa chỉ khác',
    sentSms: 'Đã gửi mã xác thực bằng tin nhắn đến {{to}}.', sentEmail: 'Đã gửi mã xác thực qua thư điện tử đến {{to}}.', errorsTitle: 'Chưa đăng nhập được',
    or: 'hoặc', withIdp: 'Đăng nhập bằng tài khoản {{name}}', idpHint: 'Dùng tài khoản định danh điện tử {{name}}: thông tin cá nhân được xác thực sẵn.',
    error: { oidc: 'Đăng nhập bằng tài khoản định danh điện tử không thành công. Vui lòng thử lại.', CITIZEN_OIDC_UNREACHABLE: 'Không kết nối được máy chủ định danh điện tử. Vui lòng thử lại sau hoặc đăng nhập bằng mã xác thực.' },
  },
  account: {
    title: 'Tài khoản của tôi', lead: 'Thông tin dưới đây được điền sẵn vào tờ khai khi bạn nộp hồ sơ trực tuyến.', signOut: 'Đăng xuất',
    profile: 'Thông tin cá nhân', identityProven: 'Họ tên, số định danh và ngày sinh đã được xác thực qua tài khoản định danh điện tử ngày {{date}}; không sửa trực tiếp được.',
    fix: 'Cần sửa các mục sau', fullName: 'Họ và tên', idNumber: 'Số định danh cá nhân (CCCD)', idNumberHint: '12 chữ số in trên thẻ căn cước.',
    birthDate: 'Ngày sinh', birthDateHint: 'Ngày/tháng/năm, ví dụ 01/05/1990.', province: 'Tỉnh, thành phố', commune: 'Xã, phường, đặc khu', choose: '— Chọn —',
    line: 'Số nhà, đường, thôn/xóm', lineHint: 'Ví dụ: 12 Lê Lợi, thôn Đông.', save: 'Lưu thông tin', saved: 'Đã lưu thông tin.',
    contact: 'Số điện thoại và thư điện tử', phone: 'Số điện thoại', email: 'Thư điện tử', proven: 'đã xác thực', newContact: 'Thêm hoặc đổi số điện thoại / thư điện tử',
    reps: 'Ủy quyền và đại diện', repsLead: 'Khi nộp hồ sơ thay cho người khác hoặc cho tổ chức, bạn cần giấy ủy quyền hoặc văn bản chứng minh là người đại diện.',
    noReps: 'Chưa có ủy quyền hoặc đại diện nào.', addRep: 'Thêm ủy quyền / đại diện', partyKind: 'Bạn đại diện cho', kindIndividual: 'Một người khác (được ủy quyền)',
    kindOrganisation: 'Một tổ chức, doanh nghiệp (người đại diện)', partyPerson: 'Họ và tên người ủy quyền', partyOrg: 'Tên tổ chức, doanh nghiệp', taxCode: 'Mã số thuế / mã số doanh nghiệp',
    validUntil: 'Có hiệu lực đến', validUntilHint: 'Để trống nếu giấy không ghi thời hạn.', document: 'Giấy ủy quyền / văn bản đại diện',
    documentHint: 'Tệp PDF hoặc ảnh (JPG, PNG), tối đa 20 MB.', addRepSubmit: 'Thêm', revoke: 'Thu hồi', revokeFor: 'Thu hồi ủy quyền của {{name}}',
    basis: { authorisation: 'Ủy quyền', legal_representative: 'Đại diện theo pháp luật' }, status: { active: 'Đang hiệu lực', revoked: 'Đã thu hồi', expired: 'Hết hiệu lực' },
  },
};

const en: typeof vi & { unit: Record<string, string> } = {
  app: {
    title: 'Public services', subtitle: 'Administrative procedures and dossier tracking', skip: 'Skip to main content', lang: 'Tiếng Việt',
    langTitle: 'Switch to Vietnamese', menu: 'Main navigation', loading: 'Loading…', officials: 'For officials',
    notFound: 'Page not found', notFoundHint: 'The link is wrong or the page has moved.', home: 'Go to the home page', error: 'Something went wrong, please try again',
    retry: 'Try again', footer: 'Administrative procedure information system',
  },
  nav: { home: 'Home', browse: 'Catalogue', track: 'Track a dossier', mine: 'My dossiers', submitOnline: 'Submit online' },
  search: {
    label: 'Find an administrative procedure', placeholder: 'For example: birth registration (đăng ký khai sinh)', hint: 'Type the procedure name, with or without Vietnamese accents, or its code.', submit: 'Search',
    results: '{{count}} procedures', resultsFor: 'Results for “{{q}}”', none: 'No procedure found.', noneHint: 'Try a shorter word, or browse the catalogue by field.',
    fuzzy: 'Nothing matched exactly; these procedures are close.', more: 'More', page: 'Page {{page}} of {{pages}}', prev: 'Previous page', next: 'Next page',
    filtered: 'Filtered by', clear: 'Clear filter',
  },
  home: {
    lead: 'Find out what a procedure needs: which papers, where to file, how long it takes, what it costs — and follow a dossier you filed.',
    common: 'Common procedures', browse: 'Browse the catalogue', byField: 'By field', byLevel: 'By level', byAgency: 'By agency',
    trackTitle: 'Filed a dossier?', trackLead: 'See where it is with the dossier code and the lookup code printed on your receipt.', trackGo: 'Track a dossier',
  },
  browse: { title: 'Catalogue of administrative procedures', fields: 'Fields', levels: 'Levels', agencies: 'Agencies', count: '{{count}} procedures', tabs: 'Browse by' },
  level: { ministry: 'Ministry level', province: 'Province level', commune: 'Commune level' },
  kind: { department: 'Departments', service_centre: 'Public Administration Service Centre', commune_committee: 'Commune People\'s Committee', commune_police: 'Commune police', other: 'Other agencies' },
  channel: { in_person: 'In person', online: 'Online', postal: 'By post' },
  online: {
    full: 'Fully online public service', partial: 'Partly online public service', none: 'Not available online yet',
    fullHint: 'You can file, pay and get the result online or by post without visiting an office (Decree 42/2022/NĐ-CP).',
    partialHint: 'You can file online; some steps (showing originals, collecting the result) still need a visit (Decree 42/2022/NĐ-CP).',
    noneHint: 'File in person at the one-stop desk or by post.',
  },
  proc: {
    code: 'Procedure code', field: 'Field', levels: 'Level', applicants: 'Who can apply', onThisPage: 'On this page',
    cases: 'Cases and the papers to file', components: 'Papers to file', caseCount: '{{count}} cases: open yours to see its papers.',
    original: '{{count}} original', certified: '{{count}} certified copy', copy: '{{count}} copy', optional: 'if any', template: 'Form',
    templateHint: 'Download the blank forms from the procedure\'s page on the National Public Service Portal:', templateLink: 'The procedure on the National Public Service Portal',
    noTemplateLink: 'Ask the one-stop desk for the form.', steps: 'Steps', requirements: 'Requirements', channels: 'How to file, time limit and fees',
    timeLimit: 'Time limit', fees: 'Fees', free: 'Free', noLimit: 'Not set', where: 'Where to file', agencies: 'Agencies',
    results: 'Result', legal: 'Legal basis', source: 'Source', decision: 'Announcing decision', back: 'Back to the list', notFound: 'Procedure {{code}} was not found.',
    whereDefault: 'The one-stop desk (Public Administration Service Centre) of the agency.', limitNote: 'Limit in force', more: 'Show all', less: 'Show less',
    issuedAt: 'issued {{date}}', none: 'No information',
  },
  unit: {
    working_days: '{{n}} working days', working_days_one: '{{n}} working day', working_days_other: '{{n}} working days', days: '{{n}} days', days_one: '{{n}} day', days_other: '{{n}} days',
    hours: '{{n}} hours', hours_one: '{{n}} hour', hours_other: '{{n}} hours', working_hours: '{{n}} working hours', working_hours_one: '{{n}} working hour', working_hours_other: '{{n}} working hours',
    months: '{{n}} months', months_one: '{{n}} month', months_other: '{{n}} months', same_day: 'Same day',
  },
  track: {
    title: 'Track a dossier', lead: 'Type the dossier code and the lookup code printed on your receipt (or scan the QR code on it).',
    code: 'Dossier code', codeHint: 'For example: 000.00.02.H56-260315-0001', secret: 'Lookup code', secretHint: '15 letters and digits, without O, I, 0, 1; case does not matter.',
    submit: 'Track', errorsTitle: 'Fix this before tracking', codeMissing: 'Type the dossier code', secretMissing: 'Type the lookup code',
    notFound: 'No dossier found with this dossier code and lookup code.', tooMany: 'Too many lookups. Please try again in a few minutes.',
    procedure: 'Procedure', status: 'Status', receivedAt: 'Received', appointment: 'Result due', where: 'Where to collect', returnedAt: 'Result returned',
    now: 'What you need to do now', timeline: 'History', ready: 'The result is ready.',
  },
  signIn: {
    title: 'Sign in', lead: 'Sign in to file dossiers online, follow your dossiers and reuse what you have already filled in.',
    address: 'Mobile number or e-mail', addressHint: 'For example: 0912345678 or name@example.vn. We send a 6-digit code to it.',
    addressMissing: 'Type a mobile number or an e-mail address', send: 'Send the code', code: 'Code', codeHint: '6 digits, valid for 5 minutes.',
    codeFormat: 'Type all 6 digits of the code', verify: 'Sign in', resend: 'Send the code again', resendIn: 'Send again in {{seconds}} s', other: 'Use another number or address',
    sentSms: 'A code was sent by text message to {{to}}.', sentEmail: 'A code was sent by e-mail to {{to}}.', errorsTitle: 'Could not sign in',
    or: 'or', withIdp: 'Sign in with {{name}}', idpHint: 'Use your {{name}} national identity account: your personal details come verified.',
    error: { oidc: 'Sign-in with the national identity account failed. Please try again.', CITIZEN_OIDC_UNREACHABLE: 'The national identity server cannot be reached. Retry later or sign in with a code.' },
  },
  account: {
    title: 'My account', lead: 'These details fill in the forms when you file a dossier online.', signOut: 'Sign out',
    profile: 'Personal details', identityProven: 'Name, ID number and date of birth were verified by the national identity account on {{date}} and cannot be edited here.',
    fix: 'Please fix the following', fullName: 'Full name', idNumber: 'Personal ID number (CCCD)', idNumberHint: 'The 12 digits on your ID card.',
    birthDate: 'Date of birth', birthDateHint: 'Day/month/year, e.g. 01/05/1990.', province: 'Province or city', commune: 'Commune, ward or special zone', choose: '— Choose —',
    line: 'House number, street, hamlet', lineHint: 'For example: 12 Lê Lợi, thôn Đông.', save: 'Save', saved: 'Saved.',
    contact: 'Phone and e-mail', phone: 'Phone', email: 'E-mail', proven: 'verified', newContact: 'Add or change a phone number / e-mail',
    reps: 'Authorisations and representation', repsLead: 'To file for another person or for an organisation you need their authorisation, or a document showing you represent it.',
    noReps: 'No authorisation or representation yet.', addRep: 'Add an authorisation / representation', partyKind: 'You act for', kindIndividual: 'Another person (authorised)',
    kindOrganisation: 'An organisation or company (representative)', partyPerson: 'Name of the person who authorised you', partyOrg: 'Name of the organisation', taxCode: 'Tax / enterprise code',
    validUntil: 'Valid until', validUntilHint: 'Leave empty if the document sets no end date.', document: 'Authorisation / representation document',
    documentHint: 'A PDF or a picture (JPG, PNG), at most 20 MB.', addRepSubmit: 'Add', revoke: 'Revoke', revokeFor: 'Revoke the authorisation of {{name}}',
    basis: { authorisation: 'Authorisation', legal_representative: 'Legal representative' }, status: { active: 'In force', revoked: 'Revoked', expired: 'Expired' },
  },
};

export const setLanguage = startI18n({ vi: { translation: vi }, en: { translation: en } }, setApiLanguage);

export default i18n;

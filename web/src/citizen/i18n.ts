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
};

export const setLanguage = startI18n({ vi: { translation: vi }, en: { translation: en } }, setApiLanguage);

export default i18n;

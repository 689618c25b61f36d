// i18next: Vietnamese by default, English on request (remembered in localStorage).
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from './api';

const vi = {
  app: { title: 'Một cửa điện tử', subtitle: 'Hệ thống thông tin giải quyết thủ tục hành chính', skip: 'Bỏ qua, đến nội dung chính', lang: 'English', langLabel: 'Chuyển sang tiếng Anh', loading: 'Đang tải…', menu: 'Điều hướng chính' },
  lookup: { title: 'Tra cứu hồ sơ', code: 'Mã hồ sơ', secret: 'Mã tra cứu (in trên giấy tiếp nhận)', notFound: 'Không tìm thấy hồ sơ với mã và mã tra cứu này', procedure: 'Thủ tục', status: 'Trạng thái', receivedAt: 'Thời gian tiếp nhận', appointment: 'Hẹn trả kết quả', where: 'Nơi trả kết quả', returnedAt: 'Đã trả kết quả lúc', ready: 'Hồ sơ đã có kết quả, mời ông/bà đến nhận theo hình thức đã đăng ký.' },
  nav: { reception: 'Tiếp nhận', inbox: 'Hồ sơ', dashboard: 'Thống kê', admin: 'Quản trị', logout: 'Đăng xuất' },
  login: {
    title: 'Đăng nhập', username: 'Tên đăng nhập', password: 'Mật khẩu', submit: 'Đăng nhập', sso: 'Đăng nhập một lần',
    or: 'hoặc', failed: 'Đăng nhập không thành công', expired: 'Phiên làm việc đã hết hạn', expiredHint: 'Đăng nhập lại để tiếp tục. Dữ liệu đang nhập được giữ nguyên.',
  },
  roles: { admin: 'Quản trị', reception: 'Tiếp nhận', handler: 'Chuyên viên thụ lý', unit_leader: 'Lãnh đạo phòng', agency_leader: 'Lãnh đạo cơ quan', clerk: 'Văn thư', return_officer: 'Trả kết quả', cashier: 'Thu phí', procedure_control: 'Kiểm soát TTHC' },
  common: { save: 'Lưu', cancel: 'Hủy', close: 'Đóng', confirm: 'Xác nhận', search: 'Tìm kiếm', print: 'In', add: 'Thêm', delete: 'Xóa', edit: 'Sửa', yes: 'Có', no: 'Không', none: '—', required: 'Bắt buộc', error: 'Có lỗi xảy ra', prev: 'Trang trước', next: 'Trang sau', page: 'Trang {{page}} / {{pages}}', total: '{{n}} hồ sơ', all: 'Tất cả', saved: 'Đã lưu', open: 'Mở', pagination: 'Phân trang' },
  reception: {
    title: 'Tiếp nhận hồ sơ', tabNew: 'Tiếp nhận trực tiếp', tabQueue: 'Hồ sơ nộp trực tuyến chờ tiếp nhận ({{n}})',
    procedure: 'Thủ tục hành chính', procedurePh: 'Gõ tên hoặc mã thủ tục (có dấu hoặc không dấu)…', noMatch: 'Không tìm thấy thủ tục', fuzzy: 'Gần đúng',
    timeLimit: 'Thời hạn giải quyết', competent: 'Cơ quan có thẩm quyền', competentAuto: '(theo quy định của thủ tục)', idHint: '12 chữ số', applicant: 'Người nộp hồ sơ', kind: 'Loại', individual: 'Cá nhân', organisation: 'Tổ chức',
    fullName: 'Họ và tên', idNumber: 'Số định danh cá nhân (CCCD)', birthDate: 'Ngày sinh', gender: 'Giới tính', male: 'Nam', female: 'Nữ',
    orgName: 'Tên tổ chức', taxCode: 'Mã số thuế', phone: 'Số điện thoại', email: 'Thư điện tử', address: 'Địa chỉ', province: 'Tỉnh, thành phố', commune: 'Xã, phường, đặc khu', line: 'Số nhà, đường, thôn/xóm',
    units: { working_days: 'ngày làm việc', days: 'ngày', working_hours: 'giờ làm việc', hours: 'giờ', months: 'tháng', same_day: 'Trong ngày' }, unitInferred: 'đơn vị suy ra',
    caseLabel: 'Trường hợp', casePick: '— Chọn trường hợp của hồ sơ —', casePickFirst: 'Chọn trường hợp để hiện danh sách giấy tờ cần nộp.', showFull: 'Xem đầy đủ', competentPick: '— Chọn cơ quan có thẩm quyền —', competentMust: 'Thủ tục này có nhiều cơ quan có thẩm quyền: cần chọn một.',
    components: 'Thành phần hồ sơ', provided: 'Đã nộp', form: 'Hình thức', original: 'Bản chính', certified: 'Bản sao chứng thực', copy: 'Bản sao', copies: 'Số bản', requiredMark: 'bắt buộc',
    fees: 'Phí, lệ phí', noFee: 'Không thu phí', delivery: 'Hình thức nhận kết quả', counter: 'Tại Bộ phận Một cửa', post: 'Qua dịch vụ bưu chính', online: 'Trực tuyến', deliveryAddress: 'Địa chỉ nhận kết quả',
    appointment: 'Ngày hẹn trả kết quả (dự kiến)', sameDay: 'Trong ngày', accept: 'Tiếp nhận và in giấy tiếp nhận', incomplete: 'Hướng dẫn bổ sung (mẫu 02)', refuse: 'Từ chối tiếp nhận (mẫu 03)',
    reason: 'Lý do', items: 'Giấy tờ cần bổ sung (mỗi dòng một mục)', accepted: 'Đã tiếp nhận hồ sơ {{code}}', printReceipt: 'In giấy tiếp nhận', newDossier: 'Tiếp nhận hồ sơ mới',
    guidanceDone: 'Đã lập phiếu hướng dẫn (mẫu 02)', refusalDone: 'Đã lập phiếu từ chối (mẫu 03)', printForm: 'In phiếu', fixErrors: 'Vui lòng sửa các lỗi được đánh dấu', missingRequired: 'Thiếu thành phần bắt buộc: {{names}}',
    queueEmpty: 'Không có hồ sơ trực tuyến chờ tiếp nhận', submittedAt: 'Nộp lúc', acceptOnline: 'Tiếp nhận', returnOnline: 'Yêu cầu hoàn thiện', draftRestored: 'Đã khôi phục dữ liệu đang nhập',
    clear: 'Xóa dữ liệu đang nhập',
  },
  v: { required: 'Vui lòng nhập {{field}}', id12: 'Số định danh cá nhân phải gồm đúng 12 chữ số', phone: 'Số điện thoại không hợp lệ (ví dụ 0912 345 678)', email: 'Thư điện tử không hợp lệ', commune: 'Chọn xã, phường', procedure: 'Chọn thủ tục', date: 'Ngày không hợp lệ', contact: 'Cần ít nhất một thông tin liên hệ: điện thoại, thư điện tử hoặc địa chỉ', tax: 'Mã số thuế gồm 10 hoặc 13 chữ số' },
  inbox: {
    title: 'Hồ sơ', mine: 'Của tôi', pool: 'Chờ nhận xử lý', all: 'Tất cả trong phạm vi', q: 'Mã hồ sơ, tên, CCCD, điện thoại', status: 'Trạng thái', procedure: 'Mã thủ tục', overdue: 'Quá hạn', dueSoon: 'Sắp đến hạn',
    code: 'Mã hồ sơ', applicant: 'Người nộp', procedureName: 'Thủ tục', step: 'Bước', due: 'Hạn trả', remaining: 'Còn lại', noCode: '(chưa cấp mã)', empty: 'Không có hồ sơ',
    assign: 'Phân công {{n}} hồ sơ', assigned: 'Đã phân công {{ok}} hồ sơ, lỗi {{failed}}', select: 'Chọn hồ sơ {{code}}', selectAll: 'Chọn tất cả trên trang',
    paused: 'tạm dừng tính thời gian', hoursLeft: 'còn {{h}} làm việc', hoursLate: 'quá hạn {{h}} làm việc', claim: 'Nhận xử lý', agency: 'Mã cơ quan', channel: 'Kênh tiếp nhận',
    field: 'Lĩnh vực', receivedFrom: 'Tiếp nhận từ ngày', receivedTo: 'Tiếp nhận đến ngày', finishedFrom: 'Có kết quả từ ngày', finishedTo: 'Có kết quả đến ngày', sort: 'Sắp xếp', clear: 'Xóa bộ lọc', filters: 'Bộ lọc hồ sơ',
    sorts: { updated_desc: 'Mới cập nhật', due_asc: 'Hạn trả gần nhất', received_desc: 'Mới tiếp nhận' },
    assignee: 'Cán bộ được phân công', findOfficial: 'Tìm cán bộ', pickOfficial: '— Chọn cán bộ —', noOfficials: 'Không tìm thấy cán bộ', bulk: 'Phân công hàng loạt',
  },
  channel: { 1: 'Trực tiếp', 2: 'Trực tuyến', 3: 'Bưu chính' },
  queue: { age: 'Đã chờ' },
  log: { system: 'Hệ thống', citizen: 'Công dân', to: 'giao cho {{name}}', step: 'bước «{{step}}»', pickStep: '— Chọn bước —', anyone: '— Không chỉ định —' },
  input: {
    tooLong: 'Tối đa {{max}} ký tự (đang có {{n}})', markup: 'Không được chứa thẻ HTML hay ký tự < >',
    unprintable: 'Có ký tự không in được trên giấy tờ ({{chars}}): hãy xóa hoặc thay bằng chữ', nameChars: "Họ tên chỉ gồm chữ cái, dấu cách và các dấu . ' -",
    dateEarly: 'Ngày phải từ 01/01/1900 trở đi', datePh: 'dd/mm/yyyy', otherErrors: 'Các lỗi khác',
  },
  status: { 1: 'Mới đăng ký', 2: 'Đã tiếp nhận', 3: 'Không được tiếp nhận', 4: 'Đang xử lý', 5: 'Chờ bổ sung', 6: 'Chờ thực hiện nghĩa vụ tài chính', 7: 'Công dân yêu cầu rút hồ sơ', 8: 'Dừng xử lý', 9: 'Đã có kết quả', 10: 'Đã trả kết quả' },
  dossier: {
    summary: 'Thông tin hồ sơ', procedure: 'Thủ tục', applicant: 'Người nộp', idNumber: 'CCCD', phone: 'Điện thoại', address: 'Địa chỉ', status: 'Trạng thái', step: 'Bước hiện tại', holder: 'Đang ở cơ quan',
    receiving: 'Nơi tiếp nhận', competent: 'Cơ quan giải quyết', submittedAt: 'Ngày nộp', acceptedAt: 'Ngày tiếp nhận', dueAt: 'Ngày hẹn trả', originalDueAt: 'Ngày hẹn ban đầu', stepDueAt: 'Hạn của bước',
    components: 'Thành phần hồ sơ', timeline: 'Phiếu kiểm soát quá trình giải quyết (mẫu 06)', events: 'Nhật ký xử lý', actions: 'Thao tác', noActions: 'Bạn không có thao tác nào với hồ sơ này',
    giver: 'Bên giao', receiver: 'Bên nhận', at: 'Thời điểm', result: 'Kết quả', early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn', citizen: 'Công dân',
    printSlip: 'In phiếu kiểm soát', printPage: 'In trang này', back: 'Quay lại danh sách', done: 'Đã thực hiện: {{action}}', conflict: 'Hồ sơ vừa được người khác cập nhật; đã tải lại.', resultDocs: 'Văn bản kết quả',
  },
  act: {
    note: 'Ghi chú', reason: 'Lý do', items: 'Giấy tờ cần bổ sung (mỗi dòng một mục)', toStep: 'Chuyển đến bước', sendBackTo: 'Trả lại bước', assignee: 'Giao cho cán bộ (không bắt buộc)', agency: 'Cơ quan nhận',
    hours: 'Thời hạn (giờ làm việc)', question: 'Nội dung xin ý kiến', answer: 'Ý kiến trả lời', docNumber: 'Số văn bản', docDate: 'Ngày ký', docSigner: 'Người ký', docTitle: 'Trích yếu',
    method: 'Hình thức trả', tracking: 'Số vận đơn', recipient: 'Người nhận', amount: 'Số tiền (đồng)', receiptNumber: 'Số biên lai', payMethod: 'Hình thức nộp', newDueAt: 'Ngày hẹn mới', noticeNumber: 'Số thông báo',
    payMethods: { cash: 'Tiền mặt', bank_transfer: 'Chuyển khoản', pos: 'Thẻ (POS)', online: 'Thanh toán trực tuyến (Cổng DVCQG / nền tảng thanh toán)' }, pickPayMethod: '— Chọn hình thức —',
    user: 'Người được phân công', confirmText: 'Thực hiện thao tác «{{action}}» với hồ sơ {{code}}?', run: 'Thực hiện',
  },
  dash: {
    title: 'Thống kê, theo dõi', scope: 'Phạm vi số liệu', period: 'Kỳ báo cáo', from: 'Từ ngày', to: 'Đến ngày', agency: 'Cơ quan', allScope: 'Toàn bộ phạm vi được giao', refresh: 'Làm mới',
    presets: { this_month: 'Tháng này', last_month: 'Tháng trước', this_quarter: 'Quý này', this_year: 'Năm nay', custom: 'Tùy chọn' },
    periodText: 'Từ ngày {{from}} đến ngày {{to}}', asOf: 'số liệu tính đến {{at}}', badRange: 'Ngày bắt đầu phải trước ngày kết thúc',
    received: 'Hồ sơ nhận giải quyết', resolved: 'Đã giải quyết', inProcess: 'Đang giải quyết', onTimeRate: 'Tỉ lệ đúng hạn', overdue: 'Đang giải quyết quá hạn', rateHint: 'đúng hạn và trong hạn / nhận giải quyết',
    chartOnTime: 'Đúng hạn, quá hạn', chartBy: 'Nhóm biểu đồ theo', trend: 'Diễn biến 12 tháng', chartAlt: '{{title}}: biểu đồ; số liệu chi tiết có trong bảng tiến độ', chartEmpty: 'Không có hồ sơ trong kỳ',
    s: { resolvedOk: 'Giải quyết đúng, trước hạn', resolvedLate: 'Giải quyết quá hạn', inProcessOk: 'Đang giải quyết trong hạn', inProcessLate: 'Đang giải quyết quá hạn', rate: 'Tỉ lệ đúng hạn (%)' },
    progress: 'Tình hình, kết quả giải quyết thủ tục hành chính',
    by: { agency: 'Cơ quan giải quyết', field: 'Lĩnh vực', procedure: 'Thủ tục', channel: 'Kênh tiếp nhận', month: 'Tháng' },
    tabs: { agency: 'Theo cơ quan', field: 'Theo lĩnh vực', procedure: 'Theo thủ tục', channel: 'Theo kênh', month: 'Theo tháng' },
    h: { stt: 'STT', received: 'Số hồ sơ nhận giải quyết', resolved: 'Số hồ sơ đã giải quyết', inProcess: 'Số hồ sơ đang giải quyết', total: 'Tổng số', rate: 'Tỉ lệ đúng hạn (%)' },
    col: { carriedOver: 'Kỳ trước chuyển qua', newOnline: 'Trực tuyến', newInPerson: 'Trực tiếp', newPostal: 'Bưu chính', resolvedEarly: 'Trước hạn', resolvedOnTime: 'Đúng hạn', resolvedLate: 'Quá hạn', inProcessOnTime: 'Trong hạn', inProcessOverdue: 'Quá hạn' },
    m: {
      received: 'Hồ sơ nhận giải quyết', carriedOver: 'Kỳ trước chuyển qua', newOnline: 'Mới tiếp nhận trực tuyến', newInPerson: 'Mới tiếp nhận trực tiếp', newPostal: 'Mới tiếp nhận qua bưu chính',
      resolved: 'Đã giải quyết', resolvedEarly: 'Giải quyết trước hạn', resolvedOnTime: 'Giải quyết đúng hạn', resolvedLate: 'Giải quyết quá hạn',
      inProcess: 'Đang giải quyết', inProcessOnTime: 'Đang giải quyết trong hạn', inProcessOverdue: 'Đang giải quyết quá hạn', refusedOrStopped: 'Từ chối, dừng giải quyết',
    },
    totalRow: 'Tổng cộng', caption: '{{title}} — {{by}}, {{period}}', cell: '{{n}} hồ sơ: {{measure}}, {{label}}', drillHint: 'Bấm vào một số liệu để xem danh sách hồ sơ tương ứng.', noRows: 'Không có hồ sơ trong kỳ',
    export: 'Xuất Excel', exportProgress: 'Xuất Excel báo cáo tiến độ', exportIndicators: 'Xuất Excel bộ chỉ số', exported: 'Đã tải xuống {{name}}',
    officials: 'Kết quả xử lý theo cán bộ', official: 'Cán bộ', stepsDone: 'Lượt xử lý xong', early: 'Trước hạn', onTime: 'Đúng hạn', late: 'Quá hạn', holding: 'Đang giữ', holdingOverdue: 'Đang giữ quá hạn', noOfficials: 'Chưa có cán bộ nào xử lý xong hồ sơ trong kỳ',
    om: { stepsDone: 'Lượt xử lý xong', early: 'Lượt xử lý trước hạn', onTime: 'Lượt xử lý đúng hạn', late: 'Lượt xử lý quá hạn', holding: 'Hồ sơ đang giữ', holdingOverdue: 'Hồ sơ đang giữ quá hạn' },
    officialCell: '{{n}} — {{measure}}: {{name}}', officialsHint: 'Bấm vào một số liệu để xem các lượt xử lý hoặc hồ sơ tương ứng.', stepAt: 'Xử lý xong bước', noStepDue: 'Bước không có hạn',
    indicators: 'Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg)', indicator: 'Chỉ số', value: 'Số liệu', score: 'Điểm', points: '{{score}} / {{max}} điểm',
    totalScore: 'Tổng điểm có số liệu: {{score}} / {{max}}', unavailable: 'Chưa có số liệu', notScored: 'chưa chấm',
    drillTitle: '{{measure}} — {{label}}', back: 'Quay lại thống kê', acceptedAt: 'Ngày tiếp nhận', finishedAt: 'Kết thúc xử lý', drillEmpty: 'Không có hồ sơ', extended: 'Đã gia hạn', originalDue: 'hẹn ban đầu {{at}}',
  },
  admin: {
    title: 'Quản trị hệ thống', users: 'Người dùng', agencies: 'Cơ quan, đơn vị', procedures: 'Thủ tục', process: 'Quy trình nội bộ', holidays: 'Lịch nghỉ', hours: 'Giờ làm việc',
    username: 'Tên đăng nhập', fullName: 'Họ và tên', email: 'Thư điện tử', phone: 'Điện thoại', password: 'Mật khẩu ban đầu (≥ 10 ký tự)', active: 'Hoạt động', createUser: 'Thêm người dùng', roles: 'Vai trò',
    role: 'Vai trò', agencyCode: 'Cơ quan', assign: 'Gán vai trò', assigned: 'Vai trò được giao', noRoles: 'Chưa được giao vai trò', removeRole: 'Bỏ vai trò {{role}} tại {{agency}}', confirmRemove: 'Bỏ vai trò «{{role}}» tại {{agency}} của {{user}}?', removed: 'Đã bỏ vai trò {{role}} tại {{agency}} của {{user}}', manage: 'Giao vai trò cho {{user}}', usersCaption: 'Danh sách người dùng và vai trò được giao', code: 'Mã', name: 'Tên', kind: 'Loại', parent: 'Cơ quan cấp trên', units: 'Phòng, đơn vị', addUnit: 'Thêm phòng', createAgency: 'Thêm cơ quan',
    public: 'Công khai', hidden: 'Đang ẩn', publish: 'Công khai', hide: 'Ẩn', localFee: 'Phí địa phương', feeName: 'Tên khoản phí', amount: 'Mức thu (đồng)', channel: 'Kênh', performers: 'Cơ quan thực hiện',
    dayKind: { holiday: 'Ngày nghỉ lễ', compensatory_off: 'Nghỉ bù', working_day_swap: 'Ngày làm bù' },
    loadProcess: 'Mở quy trình', procedureCode: 'Mã thủ tục', legalLimit: 'Thời hạn luật định: {{h}} giờ làm việc', budgetSum: 'Tổng thời gian các bước: {{h}} giờ', stepKey: 'Mã bước', nameVi: 'Tên bước', nameEn: 'Tên (tiếng Anh)', agency: 'Nơi thực hiện',
    budget: 'Giờ', actions: 'Thao tác', next: 'Bước tiếp theo', addStep: 'Thêm bước', removeStep: 'Xóa bước', up: 'Lên', saveProcess: 'Lưu phiên bản mới', version: 'Phiên bản {{v}}', derived: '(mặc định, chưa lưu)',
    year: 'Năm', confirmYear: 'Xác nhận lịch năm {{y}}', provisional: 'Tạm tính', confirmed: 'Đã xác nhận', dayOff: 'Ngày nghỉ', swap: 'Ngày làm bù', markOff: 'Đánh dấu nghỉ', markSwap: 'Đánh dấu làm bù', removeDay: 'Bỏ đánh dấu', dayName: 'Tên ngày',
    weekday: 'Thứ', sessions: 'Các buổi (ví dụ 07:30-11:30, 13:30-17:00)', validFrom: 'Áp dụng từ ngày', inherit: 'Theo cơ quan cấp trên', saveHours: 'Lưu giờ làm việc', legend: 'Chú thích', pickAgency: 'Chọn một cơ quan để xem các phòng, đơn vị.', forAgency: 'Áp dụng cho', allAgencies: 'Mọi cơ quan (quy trình chung)', config: 'Tham số quy trình',
    cfg: { maxSupplementRequests: 'Số lần yêu cầu bổ sung tối đa', maxApologies: 'Số lần xin lỗi, gia hạn tối đa', dueSoonHours: 'Báo sắp đến hạn trước (giờ)', suspendOnPayment: 'Dừng tính giờ khi chờ nộp phí' }, inForce: 'Lịch đang áp dụng theo', national: 'mặc định toàn quốc',
    kinds: { province_committee: 'UBND tỉnh', department: 'Sở, ngành', service_centre: 'Trung tâm PVHCC', commune_committee: 'UBND xã', commune_centre: 'Trung tâm PVHCC xã', vertical_agency: 'Cơ quan ngành dọc', other: 'Khác' },
    where: { receiving_centre: 'Nơi tiếp nhận', competent_agency: 'Cơ quan có thẩm quyền', return_point: 'Nơi trả kết quả' },
  },
  steps: { reception: 'Tiếp nhận', handling: 'Thẩm định, xử lý', approval: 'Phê duyệt', issue: 'Vào số, phát hành', return: 'Trả kết quả' },
  actions: {
    receive: 'Tiếp nhận', accept: 'Tiếp nhận hồ sơ', request_completion: 'Yêu cầu hoàn thiện', refuse: 'Từ chối tiếp nhận', forward: 'Chuyển xử lý', send_back: 'Trả lại bước trước',
    request_supplement: 'Yêu cầu bổ sung', request_payment: 'Yêu cầu nộp phí', consult: 'Xin ý kiến', transfer: 'Chuyển liên thông', approve: 'Phê duyệt', reject: 'Từ chối giải quyết',
    record_result: 'Vào số, ban hành kết quả', return_result: 'Trả kết quả', claim: 'Nhận xử lý', assign: 'Phân công', resubmit: 'Nộp lại', receive_supplement: 'Nhận hồ sơ bổ sung',
    confirm_payment: 'Xác nhận đã nộp phí', answer_consultation: 'Trả lời xin ý kiến', return_transfer: 'Trả hồ sơ liên thông', request_withdrawal: 'Yêu cầu rút hồ sơ', cancel_withdrawal: 'Hủy yêu cầu rút',
    stop: 'Dừng giải quyết', apologize: 'Xin lỗi, gia hạn', mark_due_soon: 'Sắp đến hạn', mark_overdue: 'Quá hạn', mark_step_due_soon: 'Bước xử lý sắp đến hạn', mark_step_overdue: 'Bước xử lý quá hạn', mark_consultation_due_soon: 'Xin ý kiến sắp đến hạn', mark_consultation_overdue: 'Xin ý kiến quá hạn',
  },
  forms: { f01: 'Mẫu 01 — Giấy tiếp nhận, hẹn trả', f02: 'Mẫu 02 — Yêu cầu bổ sung', f03: 'Mẫu 03 — Từ chối tiếp nhận', f04: 'Mẫu 04 — Xin lỗi, hẹn lại', f05: 'Mẫu 05 — Dừng giải quyết', f06: 'Mẫu 06 — Phiếu kiểm soát' },
  files: { view: 'Xem', choose: 'Chọn tệp', camera: 'Chụp ảnh', dropHint: 'hoặc kéo thả tệp PDF/ảnh vào đây', title: 'Tệp đính kèm', upload: 'Tải lên tệp cho hồ sơ', uploaded: 'Đã tải lên {{name}}', none: 'Chưa có tệp', forms: 'In biểu mẫu (PDF)', pdf: 'Tải PDF', scan: 'Bản quét' },
  wd: { mon: 'Thứ Hai', tue: 'Thứ Ba', wed: 'Thứ Tư', thu: 'Thứ Năm', fri: 'Thứ Sáu', sat: 'Thứ Bảy', sun: 'Chủ nhật' },
};

type Dict = typeof vi;

const en: Dict = {
  app: { title: 'One-stop shop', subtitle: 'Administrative procedure information system', skip: 'Skip to main content', lang: 'Tiếng Việt', langLabel: 'Switch to Vietnamese', loading: 'Loading…', menu: 'Main navigation' },
  lookup: { title: 'Dossier lookup', code: 'Dossier code', secret: 'Lookup code (printed on the receipt)', notFound: 'No dossier with this code and lookup code', procedure: 'Procedure', status: 'Status', receivedAt: 'Received at', appointment: 'Appointment', where: 'Where to collect', returnedAt: 'Result returned at', ready: 'The result is ready; please collect it as registered.' },
  nav: { reception: 'Reception', inbox: 'Dossiers', dashboard: 'Dashboard', admin: 'Administration', logout: 'Sign out' },
  login: {
    title: 'Sign in', username: 'Username', password: 'Password', submit: 'Sign in', sso: 'Single sign-on', or: 'or', failed: 'Sign-in failed',
    expired: 'Your session has expired', expiredHint: 'Sign in again to continue. What you typed is kept.',
  },
  roles: { admin: 'Administrator', reception: 'Reception', handler: 'Handler', unit_leader: 'Unit leader', agency_leader: 'Agency leader', clerk: 'Clerk', return_officer: 'Return officer', cashier: 'Cashier', procedure_control: 'Procedure control' },
  common: { save: 'Save', cancel: 'Cancel', close: 'Close', confirm: 'Confirm', search: 'Search', print: 'Print', add: 'Add', delete: 'Delete', edit: 'Edit', yes: 'Yes', no: 'No', none: '—', required: 'Required', error: 'Something went wrong', prev: 'Previous page', next: 'Next page', page: 'Page {{page}} of {{pages}}', total: '{{n}} dossiers', all: 'All', saved: 'Saved', open: 'Open', pagination: 'Pagination' },
  reception: {
    title: 'Reception desk', tabNew: 'In-person reception', tabQueue: 'Online submissions waiting ({{n}})', procedure: 'Procedure', procedurePh: 'Type a procedure name or code (with or without diacritics)…', noMatch: 'No procedure found', fuzzy: 'Near match',
    timeLimit: 'Time limit', competent: 'Competent agency', competentAuto: '(as the procedure defines)', idHint: '12 digits', applicant: 'Applicant', kind: 'Kind', individual: 'Individual', organisation: 'Organisation', fullName: 'Full name', idNumber: 'Personal ID number', birthDate: 'Date of birth', gender: 'Gender', male: 'Male', female: 'Female',
    orgName: 'Organisation name', taxCode: 'Tax code', phone: 'Phone', email: 'Email', address: 'Address', province: 'Province / city', commune: 'Commune / ward', line: 'House number, street, village',
    units: { working_days: 'working days', days: 'days', working_hours: 'working hours', hours: 'hours', months: 'months', same_day: 'Same day' }, unitInferred: 'unit inferred',
    caseLabel: 'Case', casePick: '— Choose the case of this dossier —', casePickFirst: 'Choose the case to see the papers to file.', showFull: 'Show in full', competentPick: '— Choose the competent agency —', competentMust: 'Several agencies are competent for this procedure: choose one.',
    components: 'Dossier components', provided: 'Provided', form: 'Form', original: 'Original', certified: 'Certified copy', copy: 'Copy', copies: 'Copies', requiredMark: 'required',
    fees: 'Fees and charges', noFee: 'No fee', delivery: 'Result delivery', counter: 'At the one-stop desk', post: 'By post', online: 'Online', deliveryAddress: 'Delivery address',
    appointment: 'Appointment (expected)', sameDay: 'Same day', accept: 'Accept and print the receipt', incomplete: 'Request completion (form 02)', refuse: 'Refuse (form 03)',
    reason: 'Reason', items: 'Missing documents (one per line)', accepted: 'Dossier {{code}} accepted', printReceipt: 'Print the receipt', newDossier: 'New dossier',
    guidanceDone: 'Guidance (form 02) issued', refusalDone: 'Refusal (form 03) issued', printForm: 'Print', fixErrors: 'Please fix the highlighted fields', missingRequired: 'Required components missing: {{names}}',
    queueEmpty: 'No online submissions are waiting', submittedAt: 'Submitted', acceptOnline: 'Accept', returnOnline: 'Request completion', draftRestored: 'Your draft was restored', clear: 'Clear the form',
  },
  v: { required: 'Please enter {{field}}', id12: 'The personal ID number has exactly 12 digits', phone: 'Invalid phone number (e.g. 0912 345 678)', email: 'Invalid email address', commune: 'Choose a commune or ward', procedure: 'Choose a procedure', date: 'Invalid date', contact: 'At least one contact is needed: phone, email or address', tax: 'The tax code has 10 or 13 digits' },
  inbox: {
    title: 'Dossiers', mine: 'Mine', pool: 'Waiting to be claimed', all: 'All in my scope', q: 'Code, name, ID, phone', status: 'Status', procedure: 'Procedure code', overdue: 'Overdue', dueSoon: 'Due soon',
    code: 'Code', applicant: 'Applicant', procedureName: 'Procedure', step: 'Step', due: 'Due', remaining: 'Remaining', noCode: '(no code yet)', empty: 'No dossiers',
    assign: 'Assign {{n}} dossiers', assigned: 'Assigned {{ok}} dossiers, {{failed}} failed', select: 'Select dossier {{code}}', selectAll: 'Select all on this page',
    paused: 'clock stopped', hoursLeft: '{{h}} left', hoursLate: '{{h}} overdue', claim: 'Claim', agency: 'Agency code', channel: 'Channel',
    field: 'Field', receivedFrom: 'Accepted from', receivedTo: 'Accepted until', finishedFrom: 'Resolved from', finishedTo: 'Resolved until', sort: 'Sort by', clear: 'Clear filters', filters: 'Dossier filters',
    sorts: { updated_desc: 'Recently updated', due_asc: 'Due soonest', received_desc: 'Recently accepted' },
    assignee: 'Assign to official', findOfficial: 'Find an official', pickOfficial: '— Choose an official —', noOfficials: 'No official found', bulk: 'Bulk assignment',
  },
  channel: { 1: 'In person', 2: 'Online', 3: 'Postal' },
  queue: { age: 'Waiting' },
  log: { system: 'System', citizen: 'Applicant', to: 'to {{name}}', step: 'step “{{step}}”', pickStep: '— Choose a step —', anyone: '— Nobody in particular —' },
  input: {
    tooLong: 'At most {{max}} characters ({{n}} typed)', markup: 'HTML tags and the characters < > are not allowed',
    unprintable: 'Characters the forms cannot print ({{chars}}): remove or replace them', nameChars: "A name has only letters, spaces and . ' -",
    dateEarly: 'The date must be 01/01/1900 or later', datePh: 'dd/mm/yyyy', otherErrors: 'Other errors',
  },
  status: { 1: 'Registered', 2: 'Accepted', 3: 'Refused', 4: 'In process', 5: 'Awaiting supplement', 6: 'Awaiting payment', 7: 'Withdrawal requested', 8: 'Stopped', 9: 'Result ready', 10: 'Returned' },
  dossier: {
    summary: 'Dossier', procedure: 'Procedure', applicant: 'Applicant', idNumber: 'ID', phone: 'Phone', address: 'Address', status: 'Status', step: 'Current step', holder: 'Held by',
    receiving: 'Received at', competent: 'Competent agency', submittedAt: 'Submitted', acceptedAt: 'Accepted', dueAt: 'Appointment', originalDueAt: 'Original appointment', stepDueAt: 'Step due',
    components: 'Components', timeline: 'Control slip (form 06)', events: 'Event log', actions: 'Actions', noActions: 'You have no actions on this dossier',
    giver: 'From', receiver: 'To', at: 'At', result: 'Result', early: 'Early', on_time: 'On time', late: 'Late', citizen: 'Applicant',
    printSlip: 'Print control slip', printPage: 'Print this page', back: 'Back to the list', done: 'Done: {{action}}', conflict: 'Someone else just updated the dossier; reloaded.', resultDocs: 'Result documents',
  },
  act: {
    note: 'Note', reason: 'Reason', items: 'Missing documents (one per line)', toStep: 'Forward to step', sendBackTo: 'Send back to step', assignee: 'Assign to an official (optional)', agency: 'Receiving agency',
    hours: 'Time allowed (working hours)', question: 'Question', answer: 'Answer', docNumber: 'Document number', docDate: 'Signed on', docSigner: 'Signed by', docTitle: 'Title',
    method: 'Return method', tracking: 'Tracking number', recipient: 'Recipient', amount: 'Amount (VND)', receiptNumber: 'Receipt number', payMethod: 'Payment method', newDueAt: 'New appointment', noticeNumber: 'Notice number',
    payMethods: { cash: 'Cash', bank_transfer: 'Bank transfer', pos: 'Card (POS)', online: 'Online payment (national portal / payment platform)' }, pickPayMethod: '— Choose a method —',
    user: 'Assignee', confirmText: 'Perform “{{action}}” on dossier {{code}}?', run: 'Perform',
  },
  dash: {
    title: 'Dashboard', scope: 'Report scope', period: 'Reporting period', from: 'From', to: 'To', agency: 'Agency', allScope: 'Everything in my scope', refresh: 'Refresh',
    presets: { this_month: 'This month', last_month: 'Last month', this_quarter: 'This quarter', this_year: 'This year', custom: 'Custom' },
    periodText: '{{from}} to {{to}}', asOf: 'figures as of {{at}}', badRange: 'The start date must not be after the end date',
    received: 'Dossiers to resolve', resolved: 'Resolved', inProcess: 'In process', onTimeRate: 'On-time rate', overdue: 'In process, overdue', rateHint: 'on time and within the deadline / to resolve',
    chartOnTime: 'On time and late', chartBy: 'Group the chart by', trend: 'Last 12 months', chartAlt: '{{title}}: chart; the figures are in the progress table', chartEmpty: 'No dossiers in the period',
    s: { resolvedOk: 'Resolved on time or early', resolvedLate: 'Resolved late', inProcessOk: 'In process, within deadline', inProcessLate: 'In process, overdue', rate: 'On-time rate (%)' },
    progress: 'Progress and results of administrative procedures',
    by: { agency: 'Competent agency', field: 'Field', procedure: 'Procedure', channel: 'Channel', month: 'Month' },
    tabs: { agency: 'By agency', field: 'By field', procedure: 'By procedure', channel: 'By channel', month: 'By month' },
    h: { stt: 'No.', received: 'Dossiers to resolve', resolved: 'Resolved', inProcess: 'In process', total: 'Total', rate: 'On-time rate (%)' },
    col: { carriedOver: 'Carried over', newOnline: 'Online', newInPerson: 'In person', newPostal: 'Postal', resolvedEarly: 'Early', resolvedOnTime: 'On time', resolvedLate: 'Late', inProcessOnTime: 'Within deadline', inProcessOverdue: 'Overdue' },
    m: {
      received: 'Dossiers to resolve', carriedOver: 'Carried over from the previous period', newOnline: 'New, received online', newInPerson: 'New, received in person', newPostal: 'New, received by post',
      resolved: 'Resolved', resolvedEarly: 'Resolved early', resolvedOnTime: 'Resolved on time', resolvedLate: 'Resolved late',
      inProcess: 'In process', inProcessOnTime: 'In process, within deadline', inProcessOverdue: 'In process, overdue', refusedOrStopped: 'Refused or stopped',
    },
    totalRow: 'Total', caption: '{{title}} — {{by}}, {{period}}', cell: '{{n}} dossiers: {{measure}}, {{label}}', drillHint: 'Click a figure to list the dossiers behind it.', noRows: 'No dossiers in the period',
    export: 'Export Excel', exportProgress: 'Export the progress report (Excel)', exportIndicators: 'Export the indicators (Excel)', exported: 'Downloaded {{name}}',
    officials: 'Results by official', official: 'Official', stepsDone: 'Steps done', early: 'Early', onTime: 'On time', late: 'Late', holding: 'Holding', holdingOverdue: 'Holding, overdue', noOfficials: 'No official finished a step in the period',
    om: { stepsDone: 'Steps done', early: 'Steps done early', onTime: 'Steps done on time', late: 'Steps done late', holding: 'Dossiers held', holdingOverdue: 'Dossiers held, overdue' },
    officialCell: '{{n}} — {{measure}}: {{name}}', officialsHint: 'Click a figure to list the steps or dossiers behind it.', stepAt: 'Step done', noStepDue: 'Step without a time limit',
    indicators: 'Service indicators for citizens and businesses (Decision 766/QĐ-TTg)', indicator: 'Indicator', value: 'Figures', score: 'Score', points: '{{score}} / {{max}} points',
    totalScore: 'Total of the measurable indicators: {{score}} / {{max}}', unavailable: 'No data yet', notScored: 'not scored',
    drillTitle: '{{measure}} — {{label}}', back: 'Back to the dashboard', acceptedAt: 'Accepted', finishedAt: 'Processing ended', drillEmpty: 'No dossiers', extended: 'Extended', originalDue: 'first appointment {{at}}',
  },
  admin: {
    title: 'Administration', users: 'Users', agencies: 'Agencies and units', procedures: 'Procedures', process: 'Internal process', holidays: 'Holiday calendar', hours: 'Office hours',
    username: 'Username', fullName: 'Full name', email: 'Email', phone: 'Phone', password: 'Initial password (≥ 10 characters)', active: 'Active', createUser: 'Add user', roles: 'Roles',
    role: 'Role', agencyCode: 'Agency', assign: 'Assign role', assigned: 'Assigned roles', noRoles: 'No roles assigned', removeRole: 'Remove the role {{role}} at {{agency}}', confirmRemove: 'Remove the role “{{role}}” at {{agency}} from {{user}}?', removed: 'Removed the role {{role}} at {{agency}} from {{user}}', manage: 'Assign a role to {{user}}', usersCaption: 'Users and their assigned roles', code: 'Code', name: 'Name', kind: 'Kind', parent: 'Parent agency', units: 'Units', addUnit: 'Add unit', createAgency: 'Add agency',
    public: 'Public', hidden: 'Hidden', publish: 'Publish', hide: 'Hide', localFee: 'Local fee', feeName: 'Fee name', amount: 'Amount (VND)', channel: 'Channel', performers: 'Performing agencies',
    dayKind: { holiday: 'Public holiday', compensatory_off: 'Compensatory day off', working_day_swap: 'Swapped working day' },
    loadProcess: 'Open process', procedureCode: 'Procedure code', legalLimit: 'Legal time limit: {{h}} working hours', budgetSum: 'Sum of step budgets: {{h}} h', stepKey: 'Step key', nameVi: 'Step name', nameEn: 'Name (English)', agency: 'Where',
    budget: 'Hours', actions: 'Actions', next: 'Next steps', addStep: 'Add step', removeStep: 'Remove step', up: 'Up', saveProcess: 'Save as new version', version: 'Version {{v}}', derived: '(default, not saved yet)',
    year: 'Year', confirmYear: 'Confirm the {{y}} calendar', provisional: 'Provisional', confirmed: 'Confirmed', dayOff: 'Day off', swap: 'Swapped working day', markOff: 'Mark as day off', markSwap: 'Mark as working day', removeDay: 'Remove mark', dayName: 'Name of the day',
    weekday: 'Day', sessions: 'Sessions (e.g. 07:30-11:30, 13:30-17:00)', validFrom: 'Valid from', inherit: 'Follow the parent agency', saveHours: 'Save office hours', legend: 'Legend', pickAgency: 'Choose an agency to see its units.', forAgency: 'Applies to', allAgencies: 'All agencies (procedure-wide)', config: 'Process settings',
    cfg: { maxSupplementRequests: 'Max supplement requests', maxApologies: 'Max apologies (extensions)', dueSoonHours: 'Due-soon warning (hours before)', suspendOnPayment: 'Clock stops while awaiting payment' }, inForce: 'Schedule in force from', national: 'the national default',
    kinds: { province_committee: "Provincial People's Committee", department: 'Department', service_centre: 'Public service centre', commune_committee: "Commune People's Committee", commune_centre: 'Commune service centre', vertical_agency: 'Vertical agency', other: 'Other' },
    where: { receiving_centre: 'Receiving desk', competent_agency: 'Competent agency', return_point: 'Return point' },
  },
  steps: { reception: 'Reception', handling: 'Appraisal', approval: 'Approval', issue: 'Issuing', return: 'Return' },
  actions: {
    receive: 'Received', accept: 'Accept', request_completion: 'Request completion', refuse: 'Refuse', forward: 'Forward', send_back: 'Send back',
    request_supplement: 'Request supplement', request_payment: 'Request payment', consult: 'Consult', transfer: 'Transfer', approve: 'Approve', reject: 'Reject',
    record_result: 'Record result', return_result: 'Return result', claim: 'Claim', assign: 'Assign', resubmit: 'Resubmit', receive_supplement: 'Receive supplement',
    confirm_payment: 'Confirm payment', answer_consultation: 'Answer consultation', return_transfer: 'Return transfer', request_withdrawal: 'Request withdrawal', cancel_withdrawal: 'Cancel withdrawal',
    stop: 'Stop', apologize: 'Apologise and extend', mark_due_soon: 'Due soon', mark_overdue: 'Overdue', mark_step_due_soon: 'Step due soon', mark_step_overdue: 'Step overdue', mark_consultation_due_soon: 'Consultation due soon', mark_consultation_overdue: 'Consultation overdue',
  },
  forms: { f01: 'Form 01 — Receipt', f02: 'Form 02 — Completion request', f03: 'Form 03 — Refusal', f04: 'Form 04 — Apology', f05: 'Form 05 — Stop notice', f06: 'Form 06 — Control slip' },
  files: { view: 'View', choose: 'Choose file', camera: 'Take a photo', dropHint: 'or drop a PDF/image here', title: 'Files', upload: 'Upload a file to the dossier', uploaded: 'Uploaded {{name}}', none: 'No files yet', forms: 'Print forms (PDF)', pdf: 'Download PDF', scan: 'Scan' },
  wd: { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' },
};

const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('motcua.lang') : null;
const initial = stored === 'en' ? 'en' : 'vi';

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
});
setApiLanguage(initial);
if (typeof document !== 'undefined') document.documentElement.lang = initial;

export function setLanguage(l: 'vi' | 'en'): void {
  localStorage.setItem('motcua.lang', l);
  setApiLanguage(l);
  document.documentElement.lang = l;
  void i18n.changeLanguage(l);
}

export default i18n;

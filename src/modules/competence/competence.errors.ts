// The competence module's error registry.
import { defineErrors } from '../../platform/errors.js';

export const competenceErrors = defineErrors({
  NO_ONE_CAN_ACT: {
    status: 409,
    vi: 'Không thể chuyển hồ sơ: tại {agency} chưa có ai giữ vai trò "{roleVi}" để xử lý bước "{stepVi}". Quản trị viên cần phân vai trò "{roleVi}" tại {agency} (Quản trị › Người dùng › Vai trò).',
    en: 'The dossier cannot be moved: nobody at {agency} holds the role "{roleEn}" needed for the step "{stepEn}". An administrator must assign the role "{roleEn}" at {agency} (Administration › Users › Roles).',
  },
});

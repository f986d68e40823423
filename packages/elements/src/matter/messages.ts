import { str } from '@lit/localize/internal/str-tag.js';
import { group } from '../internal/messages.js';

/**
 * `<zheli-matter>`'s words, apart from `../internal/messages.ts` so that they load with this element, not with
 * every element (as the picker's `view-messages.ts`). Their ids are in `messageIds` with the
 * rest, and `locales/` translates them.
 */
export const matterMessages = /* @__PURE__ */ group({
  mtrLoading: '正在加载一件事办理指南…',
  mtrNoBundle: '未指定一件事：请设置 bundle-id 属性。',
  mtrNotFound: (id: string) => str`未找到该一件事（${id}）。`,
  mtrSignedOut: '登录后即可在线申请，并使用您已有的电子证照。',
  mtrStagesLabel: '申请步骤',
  mtrStageMaterials: '核对材料',
  mtrStageForm: '填写信息',
  mtrStageReview: '确认提交',
  mtrStageOf: (step: string, total: string) => str`第 ${step} 步，共 ${total} 步`,
  mtrDepartments: '联办部门和事项',
  mtrPromised: (days: string) => str`承诺 ${days} 个工作日办结`,
  mtrMaterials: '所需材料（已合并，相同材料只需提供一次）',
  mtrSharedBy: (count: string) => str`${count} 个事项共用`,
  mtrOnFile: '已有电子证照',
  mtrHeld: '平台已共享，无需提交',
  mtrProvide: '我将提供此材料',
  mtrRequired: '必需',
  mtrOptional: '选填',
  mtrFieldRequired: '此项为必填项。',
  mtrFieldInvalid: '格式不正确，请检查。',
  mtrChoose: '请选择',
  mtrPrevious: '上一步',
  mtrNext: '下一步',
  mtrSaveDraft: '保存草稿',
  mtrDraftSaved: '草稿已保存，可在其他设备登录后继续填写。',
  mtrDraftResumed: '已恢复您上次保存的草稿。',
  mtrDraftFailed: '草稿保存失败，请重试。',
  mtrSubmit: '提交申请',
  mtrSubmitting: '正在提交…',
  mtrSubmitFailed: '提交失败，请检查网络后重试。重试不会重复提交。',
  mtrMaterialsMissing: '请确认提供所有必需材料。',
  mtrFixFields: '请先修正标出的信息。',
  mtrToProvide: '需您提供的材料',
  mtrNone: '无',
});
